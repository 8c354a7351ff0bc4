package procedure

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/requinoa/pauta/internal/editdist"
)

// decoder fills the model from yaml.v3 nodes by reflection over the struct tags, so the model
// types are the single statement of the format: keys, required keys and (through `doc`) their
// meaning, which also feeds the JSON Schema.
type decoder struct {
	file   string
	errs   *ErrorList
	fields map[reflect.Type][]field // fieldsOf, once per type: a long manual has thousands of items
}

var (
	nodeType = reflect.TypeOf(Node{})
	dateType = reflect.TypeOf(Date{})
)

func posOf(n *yaml.Node) Pos { return Pos{Line: n.Line, Col: n.Column} }

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "un mapa (clave: valor)"
	case yaml.SequenceNode:
		return "una lista"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "un valor vacío"
		}
		return fmt.Sprintf("el valor %q", truncate(n.Value, 40))
	case yaml.AliasNode:
		return "un alias"
	}
	return "otra cosa"
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func (d *decoder) fail(n *yaml.Node, hint, format string, args ...any) {
	d.errs.add(d.file, posOf(n), hint, format, args...)
}

// decode fills v from n; path names the value in messages, e.g. "manual.sections[2].title".
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind == yaml.AliasNode {
		d.fail(n, "escriba el valor completo en vez de *"+n.Value, "%s: los alias YAML no se admiten", path)
		return
	}
	switch {
	case v.Type() == dateType:
		d.decodeDate(n, v, path)
		return
	case v.Type() == keywordsType:
		d.decodeKeywords(n, v, path)
		return
	case v.Kind() == reflect.Pointer:
		if isNull(n) {
			return
		}
		p := reflect.New(v.Type().Elem())
		d.decode(n, p.Elem(), path)
		v.Set(p)
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Slice:
		if isNull(n) {
			return
		}
		if n.Kind != yaml.SequenceNode {
			d.fail(n, "escriba una lista, un elemento por línea comenzando con \"- \"", "%s: se esperaba una lista y se encontró %s", path, kindName(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), 0, len(n.Content))
		for i, c := range n.Content {
			if isNull(c) {
				// Later stages may rely on every element being present.
				d.fail(c, "complete el elemento o borre la línea con el guion", "%s[%d]: elemento vacío en la lista", path, i+1)
				continue
			}
			e := reflect.New(v.Type().Elem()).Elem()
			d.decode(c, e, fmt.Sprintf("%s[%d]", path, i+1))
			s = reflect.Append(s, e)
		}
		v.Set(s)
	case reflect.String:
		if s, ok := d.scalar(n, path, "escriba un texto"); ok {
			s = strings.TrimSpace(s)
			d.checkChars(n, s, path, v.Type() == markdownType)
			v.SetString(s)
		}
	case reflect.Int:
		s, ok := d.scalar(n, path, "escriba un número entero, p. ej. 100")
		if !ok {
			return
		}
		i, err := strconv.Atoi(s)
		if err != nil {
			d.fail(n, "escriba un número entero, sin puntos ni espacios, p. ej. 1250", "%s: %q no es un número entero", path, s)
			return
		}
		v.SetInt(int64(i))
	case reflect.Bool:
		s, ok := d.scalar(n, path, "escriba true o false")
		if !ok {
			return
		}
		switch s {
		case "true":
			v.SetBool(true)
		case "false":
		default:
			d.fail(n, "escriba true o false", "%s: %q no es true ni false", path, s)
		}
	default:
		panic(fmt.Sprintf("procedure: model field %s has unsupported kind %s", path, v.Kind()))
	}
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null" && (n.Value == "" || n.Value == "~" || n.Value == "null")
}

func (d *decoder) scalar(n *yaml.Node, path, hint string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		d.fail(n, hint, "%s: se esperaba un valor simple y se encontró %s", path, kindName(n))
		return "", false
	}
	if isNull(n) {
		return "", true
	}
	return n.Value, true
}

func (d *decoder) decodeDate(n *yaml.Node, v reflect.Value, path string) {
	s, ok := d.scalar(n, path, "escriba la fecha como AAAA-MM-DD, p. ej. 2024-08-02")
	if !ok || s == "" {
		return
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		d.fail(n, "escriba la fecha como AAAA-MM-DD, p. ej. 2024-08-02", "%s: %q no es una fecha válida", path, s)
		return
	}
	v.Set(reflect.ValueOf(Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}))
}

// field describes one key of a struct in the format.
type field struct {
	key      string
	index    int
	required bool
	doc      string
}

// fieldsOf lists the YAML keys of a model struct in declaration order.
func fieldsOf(t reflect.Type) []field {
	var out []field
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		key, ok := f.Tag.Lookup("yaml")
		if !ok || key == "-" || f.Type == nodeType {
			continue
		}
		out = append(out, field{
			key:      key,
			index:    i,
			required: strings.Contains(f.Tag.Get("pauta"), "required"),
			doc:      f.Tag.Get("doc"),
		})
	}
	return out
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.fail(n, "escriba las claves de "+displayPath(path)+" en líneas sangradas bajo ella", "%s: se esperaba un mapa (clave: valor) y se encontró %s", displayPath(path), kindName(n))
		return
	}
	fields, ok := d.fields[v.Type()]
	if !ok {
		fields = fieldsOf(v.Type())
		if d.fields == nil {
			d.fields = map[reflect.Type][]field{}
		}
		d.fields[v.Type()] = fields
	}
	node := Node{Pos: posOf(n), Fields: map[string]Pos{}}
	seen := map[string]bool{}
	misspelt := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.fail(k, "las claves son palabras simples como title o id", "%s: clave no válida", displayPath(path))
			continue
		}
		if seen[k.Value] {
			d.fail(k, "deje una sola y borre la otra", "%s: la clave %q aparece dos veces", displayPath(path), k.Value)
			continue
		}
		seen[k.Value] = true
		f, ok := findField(fields, k.Value)
		if !ok {
			hint, guess := suggestKey(k.Value, fields)
			d.fail(k, hint, "%s: clave desconocida %q", displayPath(path), k.Value)
			// A misspelt required key is one mistake: don't also report it missing.
			misspelt[guess] = true
			continue
		}
		node.Fields[f.key] = posOf(val)
		d.decode(val, v.Field(f.index), joinPath(path, f.key))
		if f.required && isEmpty(v.Field(f.index)) {
			d.fail(val, "complete el valor; el formato se explica en «pauta formato»", "%s: %q no puede estar vacío", displayPath(path), f.key)
		}
	}
	for _, f := range fields {
		if f.required && !seen[f.key] && !misspelt[f.key] {
			d.fail(n, fmt.Sprintf("agregue %s: bajo %s; el formato se explica en «pauta formato»", f.key, displayPath(path)), "%s: falta la clave obligatoria %q", displayPath(path), f.key)
		}
	}
	if nf := v.FieldByName("Node"); nf.IsValid() && nf.Type() == nodeType {
		nf.Set(reflect.ValueOf(node))
	}
}

func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String, reflect.Slice:
		return v.Len() == 0
	case reflect.Pointer:
		return v.IsNil()
	}
	return false
}

func findField(fields []field, key string) (field, bool) {
	for _, f := range fields {
		if f.key == key {
			return f, true
		}
	}
	return field{}, false
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func displayPath(path string) string {
	if path == "" {
		return "el archivo"
	}
	return path
}

// suggestKey proposes the closest known key: one typo, a missing letter, or a Spanish key the
// author might have guessed. It returns the hint and the key it suggests, if any.
func suggestKey(key string, fields []field) (hint, guess string) {
	best, bestDist := "", 3
	for _, f := range fields {
		if dist := editdist.Levenshtein(strings.ToLower(key), f.key); dist < bestDist {
			best, bestDist = f.key, dist
		}
	}
	if best == "" {
		if guess := spanishKey(strings.ToLower(key)); guess != "" {
			if _, known := findField(fields, guess); known {
				best = guess
			}
		}
	}
	if best != "" {
		return fmt.Sprintf("¿quiso decir %q?", best), best
	}
	keys := make([]string, len(fields))
	for i, f := range fields {
		keys[i] = f.key
	}
	return "las claves posibles aquí son: " + strings.Join(keys, ", "), ""
}

// spanishKey maps a key a Spanish-speaking author may write to the format's own, or "".
func spanishKey(key string) string {
	switch key {
	case "titulo", "título":
		return "title"
	case "texto":
		return "text"
	case "pasos", "secciones", "subsecciones":
		return "sections"
	case "campos":
		return "fields"
	case "verificaciones", "chequeos":
		return "checks"
	case "numero", "número":
		return "number"
	case "fecha":
		return "date"
	case "lugar":
		return "place"
	case "materia":
		return "subject"
	case "firmantes":
		return "signatories"
	case "distribucion", "distribución":
		return "distribution"
	case "nombre":
		return "name"
	case "cargo":
		return "role"
	case "paginas", "páginas":
		return "pages"
	case "archivo":
		return "file"
	case "codigo", "código":
		return "code"
	case "fases":
		return "phases"
	case "firmas":
		return "signatures"
	case "opciones":
		return "options"
	case "tipo":
		return "type"
	case "fase":
		return "phase"
	case "desde":
		return "from"
	case "organizacion", "organización":
		return "organization"
	case "decreto":
		return "decree"
	case "unidad":
		return "unit"
	case "etiqueta":
		return "label"
	case "ancho":
		return "width"
	case "lineas", "líneas":
		return "lines"
	}
	return ""
}
