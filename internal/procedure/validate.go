package procedure

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/requinoa/pauta/internal/editdist"
	"github.com/requinoa/pauta/internal/slug"
)

// maxDepth bounds section nesting: deeper manuals are hard to read and to number.
const maxDepth = 4

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// reserved is the one list of ids the site uses itself: anchors its templates and scripts
// write (a test checks every literal id= of the default theme against it), names of files
// and folders it writes beside the pages, and both. A part of the source must not take one;
// a Markdown heading steps around some of them.
var reserved = map[string]reservedUse{
	// anchors of the layout, the manual page and the search page
	"contenido": anchor | heading, "resultados": anchor | heading, "top": anchor | heading,
	"menu": anchor | heading, "pie": anchor | heading, "indice-titulo": anchor | heading,
	"q-cabecera": anchor | heading,
	// anchors of the decree page and the search page
	"manual": anchor, "anexo": anchor, "vistos": anchor, "considerando": anchor,
	"resuelvo": anchor, "distribucion": anchor, "firmas": anchor, "encabezado": anchor,
	"q": anchor, "todas": anchor, "busqueda": anchor, "ayuda-busqueda": anchor,
	"estado-busqueda": anchor, "resultados-otras": anchor, "otras-titulo": anchor,
	"otras-versiones": anchor, "indices-versiones": anchor,
	// pages and folders the site writes; their names are anchors too
	"index": anchor | file, "decreto": anchor | file, "buscar": anchor | file | heading,
	"versiones": anchor | file, "comparado": anchor | file, "v": anchor, "assets": anchor,
	"transparencia": file,
}

type reservedUse uint8

const (
	anchor  reservedUse = 1 << iota // an element's id on a page of the site: refused as an id
	file                            // the name of a page the site writes (id.html)
	heading                         // a Markdown heading's anchor steps around it ("contenido-2")
)

// ReservedID reports whether id is an anchor the site's pages use themselves (the names of
// the pages and folders it writes included).
func ReservedID(id string) bool { return reserved[id]&anchor != 0 }

// HeadingAvoids reports whether a heading's generated anchor must step around id: the ids of
// the layout and of the pages that show Markdown, which a heading of any text would meet.
// The others are refused where a heading takes them (site's anchor check).
func HeadingAvoids(id string) bool { return reserved[id]&heading != 0 }

// link fills in the derived parts of the model: parents, numbers, item letters, the sources
// of each check and each phase's checks in task order.
func link(p *Procedure, errs *ErrorList) {
	var walk func(parent *Section, ss []*Section, depth int)
	walk = func(parent *Section, ss []*Section, depth int) {
		for i, s := range ss {
			s.Parent, s.Depth = parent, depth
			if parent != nil && parent.Numbered {
				s.Number = fmt.Sprint(i + 1)
			}
			for j, it := range s.Items {
				it.Section = s
				if s.List == "letters" && j < 26 {
					it.Marker = string(rune('a' + j))
				}
			}
			for _, f := range s.Fields {
				f.Section = s
			}
			for _, c := range s.Checks {
				c.Section = s
			}
			if depth < maxDepth {
				walk(s, s.Sections, depth+1)
			} else if len(s.Sections) > 0 {
				errs.add(p.File, s.At("sections"), "use a lo más "+fmt.Sprint(maxDepth)+" niveles de secciones", "la sección %q anida demasiados niveles", s.ID)
			}
		}
	}
	walk(nil, p.Manual.Sections, 1)

	for _, sg := range p.Checklist.Signatures {
		if len(sg.Lines) == 0 {
			sg.Lines = defaultSignatureLines()
		}
	}
}

// validate checks everything the decoder cannot: ids, references, values and the rules of a
// sound checklist. It appends every problem to errs.
func validate(p *Procedure, errs *ErrorList) {
	v := validator{p: p, errs: errs, ids: map[string]Pos{}, items: map[string]*Item{}, sections: map[string]*Section{}}
	if p.Format != 1 && p.Fields["pauta"] != (Pos{}) {
		v.add(p.At("pauta"), "escriba pauta: 1", "versión de formato %d desconocida", p.Format)
	}
	v.decree(&p.Decree)
	v.site(&p.Site)
	v.manual(&p.Manual)
	v.checklist(&p.Checklist)
	v.search(&p.Search)
	for i, pg := range p.Pages {
		v.id(pg.ID, pg.At("id"), fmt.Sprintf("pages[%d]", i+1))
		if reservedPageName(pg.ID) {
			v.add(pg.At("id"), "elija otro id", "el id de página %q coincide con un archivo que el sitio ya escribe", pg.ID)
		}
	}
}

func reservedPageName(id string) bool { return reserved[id]&file != 0 }

type validator struct {
	p        *Procedure
	errs     *ErrorList
	ids      map[string]Pos
	items    map[string]*Item
	sections map[string]*Section
}

func (v *validator) add(pos Pos, hint, format string, args ...any) {
	v.errs.add(v.p.File, pos, hint, format, args...)
}

// id checks an id's form and that no other part uses it: ids are anchors in the same pages and
// keys when two versions are compared.
func (v *validator) id(id string, pos Pos, what string) {
	if id == "" {
		return // the decoder reported the missing key
	}
	if !idPattern.MatchString(id) {
		v.add(pos, "use minúsculas sin tildes, cifras y guiones, p. ej. "+suggestID(id), "%s: id %q no válido", what, id)
		return
	}
	if ReservedID(id) {
		v.add(pos, "elija otro id, p. ej. "+id+"-1", "%s: el id %q está reservado para el sitio", what, id)
		return
	}
	if first, dup := v.ids[id]; dup {
		v.add(pos, fmt.Sprintf("cada id debe ser único; el primero está en la línea %d", first.Line), "%s: id %q repetido", what, id)
		return
	}
	v.ids[id] = pos
}

// suggestID turns a title-like text into an id: "Paso Uno" → "paso-uno".
func suggestID(s string) string {
	if id := slug.Make(s); id != "" {
		return id
	}
	return "mi-id"
}

func (v *validator) decree(d *Decree) {
	if d.Number < 0 || d.Number == 0 && d.Fields["number"] != (Pos{}) {
		v.add(d.At("number"), "escriba el número del decreto, p. ej. 100", "el número de decreto debe ser mayor que cero")
	}
	for _, group := range []struct {
		name  string
		paras []*Paragraph
	}{{"vistos", d.Vistos}, {"considerando", d.Considerando}, {"resolutions", d.Resolutions}} {
		for i, para := range group.paras {
			v.id(para.ID, para.At("id"), fmt.Sprintf("decree.%s[%d]", group.name, i+1))
		}
	}
	for i, s := range d.Signatories {
		v.id(s.ID, s.At("id"), fmt.Sprintf("decree.signatories[%d]", i+1))
	}
	for i, dist := range d.Distribution {
		if strings.TrimSpace(dist) == "" {
			v.add(d.At("distribution"), "borre la línea vacía", "decree.distribution[%d] está vacío", i+1)
		}
	}
}

func (v *validator) site(s *Site) {
	if s.BaseURL == "" {
		return
	}
	if hint, msg := checkBaseURL(s.BaseURL); msg != "" {
		v.add(s.At("base_url"), hint, "%s", msg)
	}
}

// checkBaseURL says what is wrong with a site address, as a hint and a message, or nothing.
// The address goes unescaped into the QR code, the CSV index and the links people copy, so
// it must be a URL exactly as written: characters a URL never holds (space, ", <, >, …) would
// end it early or break the page around it, and a password would be printed on every sheet.
func checkBaseURL(raw string) (hint, msg string) {
	const example = "escriba una dirección completa, p. ej. https://www.municipio.cl/procedimientos/"
	for i, r := range raw {
		var what string
		switch {
		case r == ' ':
			what = "un espacio"
		case unicode.IsSpace(r) || unicode.IsControl(r) || r == '\uFEFF':
			what = fmt.Sprintf("el carácter invisible %U", r)
		case strings.ContainsRune("\"<>\\^`{|}", r):
			what = fmt.Sprintf("el carácter %q", r)
		}
		if what != "" {
			pos := len([]rune(raw[:i])) + 1
			return "una dirección no lleva espacios ni \" < > \\ ^ ` { | }; escriba cada uno como %XX (un espacio es %20)",
				fmt.Sprintf("site.base_url %q contiene %s en la posición %d", raw, what, pos)
		}
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "":
		return example, fmt.Sprintf("site.base_url %q no es una dirección http(s) completa", raw)
	case u.User != nil:
		return "borre el usuario y la contraseña (lo que va antes de @): quedarían impresos en cada hoja", fmt.Sprintf("site.base_url %q lleva usuario o contraseña", raw)
	case !strings.HasSuffix(u.Path, "/") || u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(raw, "?") || strings.HasSuffix(raw, "#"):
		return "termine la dirección con \"/\", sin ? ni #", "site.base_url debe ser la carpeta del sitio"
	}
	return "", ""
}

func (v *validator) manual(m *Manual) {
	m.Walk(func(s *Section) {
		v.id(s.ID, s.At("id"), "sección")
		v.sections[s.ID] = s
		for _, it := range s.Items {
			v.id(it.ID, it.At("id"), fmt.Sprintf("ítem de la sección %q", s.ID))
			v.items[it.ID] = it
		}
	})
	m.Walk(func(s *Section) { v.section(s) })
}

func (v *validator) section(s *Section) {
	if s.Text == "" && len(s.Items) == 0 && len(s.Sections) == 0 {
		what := "la sección"
		if s.Number != "" {
			what = "el paso"
		}
		v.add(s.Pos, "agregue text:, items: o sections:, o quite esa parte del manual", "%s %q no tiene texto, ítems ni subsecciones", what, s.ID)
	}
	switch s.List {
	case "", "bullets":
	case "letters":
		if len(s.Items) > 26 {
			v.add(s.At("items"), "divida la lista en pasos", "la sección %q tiene más de 26 ítems con letras", s.ID)
		}
	default:
		v.add(s.At("list"), "escriba bullets o letters", "list %q desconocido", s.List)
	}
	if s.Label != "" && !s.Numbered {
		v.add(s.At("label"), "agregue numbered: true o borre label", "label solo sirve en una sección con numbered: true")
	}
	if s.Numbered && len(s.Sections) == 0 {
		v.add(s.At("numbered"), "agregue los pasos bajo sections: o borre numbered", "numbered: true pero la sección %q no tiene subsecciones", s.ID)
	}
	for _, f := range s.Fields {
		v.field(f)
	}
	for _, c := range s.Checks {
		v.check(c)
	}
}

func (v *validator) phase(id string, pos Pos) *Phase {
	for _, ph := range v.p.Checklist.Phases {
		if ph.ID == id {
			return ph
		}
	}
	var ids []string
	for _, ph := range v.p.Checklist.Phases {
		ids = append(ids, ph.ID)
	}
	v.add(pos, "use una de las fases de checklist.phases: "+strings.Join(ids, ", "), "la fase %q no existe", id)
	return nil
}

func (v *validator) field(f *Field) {
	v.id(f.ID, f.At("id"), "campo")
	if why := secretField(f); why != "" {
		v.add(f.Pos, "registre solo que la verificación se hizo (una casilla), nunca el secreto; la Ley 19.628 y la Ley 21.719 exigen recoger solo los datos necesarios, y un papel con una clave la expone a cualquiera que lo lea",
			"el campo %q anotaría %s", f.ID, why)
	}
	switch f.Type {
	case "", "text", "date", "time":
		if len(f.Options) > 0 {
			v.add(f.At("options"), "agregue type: choice o borre options", "options solo sirve con type: choice")
		}
	case "choice":
		if len(f.Options) < 2 {
			v.add(f.At("options"), "escriba al menos dos opciones bajo options:", "el campo %q de tipo choice necesita opciones", f.ID)
		}
	default:
		v.add(f.At("type"), "use text, date, time o choice", "tipo de campo %q desconocido", f.Type)
	}
	if f.Width < 0 || f.Width > 4 {
		v.add(f.At("width"), "use un ancho de 1 a 4 (cuartos de página)", "width %d fuera de rango", f.Width)
	}
	if f.Lines < 0 || f.Lines > 6 {
		v.add(f.At("lines"), "use de 1 a 6 líneas", "lines %d fuera de rango", f.Lines)
	}
	if f.Phase != "" {
		if ph := v.phase(f.Phase, f.At("phase")); ph != nil {
			ph.Fields = append(ph.Fields, f)
		}
	}
}

// secretField says what secret a field would record, or "" when it records none.
func secretField(f *Field) string {
	words := " " + foldWords(f.ID+" "+f.Label) + " "
	for _, w := range []struct{ term, what string }{
		{"contrasena", "una contraseña"}, {"password", "una contraseña"}, {"passwd", "una contraseña"},
		{"clave", "una clave"}, {"pin", "un PIN"}, {"otp", "un código de un solo uso"},
		{"token", "un código de acceso"}, {"codigo de acceso", "un código de acceso"},
		{"codigo de verificacion", "un código de un solo uso"}, {"codigo de un solo uso", "un código de un solo uso"},
		{"codigo temporal", "un código de un solo uso"}, {"secreto", "un secreto"}, {"passcode", "un código de acceso"},
	} {
		if strings.Contains(words, " "+w.term+" ") {
			return w.what
		}
	}
	return ""
}

// foldWords lowercases, removes accents and turns everything but letters and digits into
// single spaces.
func foldWords(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func (v *validator) check(c *Check) {
	v.id(c.ID, c.At("id"), "verificación")
	if c.Phase != "" {
		if ph := v.phase(c.Phase, c.At("phase")); ph != nil {
			ph.Checks = append(ph.Checks, c)
		}
	}
	if len(c.From) == 0 {
		c.Sources = []Source{{Section: c.Section}}
		return
	}
	for _, ref := range c.From {
		switch {
		case v.items[ref] != nil:
			it := v.items[ref]
			c.Sources = append(c.Sources, Source{Section: it.Section, Item: it})
		case v.sections[ref] != nil:
			c.Sources = append(c.Sources, Source{Section: v.sections[ref]})
		default:
			hint := "escriba el id de un ítem o una sección del manual"
			if s := closestID(ref, v.items, v.sections); s != "" {
				hint = fmt.Sprintf("¿quiso decir %q?", s)
			}
			v.add(c.At("from"), hint, "la verificación %q cita %q, que no existe", c.ID, ref)
		}
	}
}

func closestID(ref string, items map[string]*Item, sections map[string]*Section) string {
	best, bestDist := "", 4
	consider := func(id string) {
		if d := editdist.Levenshtein(ref, id); d < bestDist || d == bestDist && id < best {
			best, bestDist = id, d
		}
	}
	for id := range items {
		consider(id)
	}
	for id := range sections {
		consider(id)
	}
	return best
}

func (v *validator) checklist(c *Checklist) {
	for i, ph := range c.Phases {
		v.id(ph.ID, ph.At("id"), fmt.Sprintf("checklist.phases[%d]", i+1))
	}
	for i, sg := range c.Signatures {
		v.id(sg.ID, sg.At("id"), fmt.Sprintf("checklist.signatures[%d]", i+1))
	}
	// The manual, validated before, has filled each phase with its checks and fields.
	for _, ph := range c.Phases {
		if len(ph.Checks) == 0 && len(ph.Fields) == 0 {
			v.add(ph.Pos, "agregue checks con phase: "+ph.ID+" en las secciones del manual, o borre la fase", "la fase %q no tiene verificaciones", ph.ID)
		}
	}
}
