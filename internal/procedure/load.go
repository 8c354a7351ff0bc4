package procedure

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Size limits keep a mistaken or hostile file from exhausting memory. A real procedure is a few
// tens of KB; the limits leave room for very large generated ones.
const (
	MaxSourceSize = 32 << 20
	MaxPageSize   = 8 << 20
)

// DefaultFile is the source's name inside a project folder.
const DefaultFile = "procedure.yaml"

// Load reads name from fsys, decodes and validates it, and reads the pages it lists. User
// mistakes come back together as an ErrorList; any other error is the machine's.
func Load(fsys fs.FS, name string) (*Procedure, error) {
	var errs ErrorList
	src, err := readLimited(fsys, name, MaxSourceSize)
	if err != nil {
		return nil, fileError(name, err, "ejecute pauta en la carpeta del proyecto o indíquela con --fuente")
	}
	p, tree := parse(src, name, &errs)
	if p == nil {
		errs.sort()
		return nil, errs
	}
	p.File = name
	link(p, &errs)
	validate(p, &errs)
	readPages(fsys, name, p, &errs)
	if len(errs) > 0 {
		errs.sort()
		return nil, errs
	}
	hs := <-tree
	p.Code = versionCode(hs[0], p.Pages)
	if hs[1] != nil {
		p.CodeWithSearch = versionCode(hs[1], p.Pages)
	}
	return p, nil
}

func fileError(name string, err error, hint string) error {
	var tooBig *tooBigError
	var refused ErrorList
	switch {
	case errors.As(err, &refused) && len(refused) == 1:
		// The file system refused the file (a link out of the project, a pipe): named here
		// as this load names it, so that a caller reading a version's folder can place it.
		return ErrorList{{File: name, Msg: refused[0].Msg, Hint: refused[0].Hint}}
	case errors.As(err, &tooBig):
		return ErrorList{{File: name, Msg: fmt.Sprintf("el archivo pesa más de %d MB", tooBig.limit>>20),
			Hint: "divida el texto en páginas de content/ o revise que sea el archivo correcto"}}
	case errors.Is(err, fs.ErrNotExist):
		return ErrorList{{File: name, Msg: "no existe", Hint: hint}}
	}
	return fmt.Errorf("reading %s: %w", name, err)
}

type tooBigError struct{ limit int64 }

func (e *tooBigError) Error() string { return fmt.Sprintf("larger than %d bytes", e.limit) }

func readLimited(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Read into a buffer of the file's size when it is known: a long manual is megabytes,
	// and growing a buffer to that size allocates it three times over. ReadFrom wants
	// MinRead bytes free before each read, the one that finds the end too.
	var buf bytes.Buffer
	if info, err := f.Stat(); err == nil && info.Size() > 0 && info.Size() <= limit {
		buf.Grow(int(info.Size()) + bytes.MinRead)
	}
	n, err := buf.ReadFrom(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if n > limit {
		return nil, &tooBigError{limit: limit}
	}
	return buf.Bytes(), nil
}

// parse turns bytes into a model, or records why it cannot and returns nil. It also hashes
// the YAML tree the model came from, for the version code, while the model is decoded.
func parse(src []byte, name string, errs *ErrorList) (*Procedure, <-chan [2]hash.Hash) {
	if pos, ok := invalidUTF8(src); !ok {
		errs.add(name, pos, "guarde el archivo con codificación UTF-8", "el texto no es UTF-8 válido")
		return nil, nil
	}
	doc := parseWhole(src, name, errs)
	if doc == nil {
		return nil, nil
	}
	root := doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			errs.add(name, Pos{}, "escriba el procedimiento; vea un ejemplo con pauta iniciar", "el archivo está vacío")
			return nil, nil
		}
		root = root.Content[0]
	}
	if isNull(root) {
		errs.add(name, Pos{}, "escriba el procedimiento; vea un ejemplo con pauta iniciar", "el archivo está vacío")
		return nil, nil
	}
	tree := make(chan [2]hash.Hash, 1)
	go func() {
		text, whole := withoutSearch(root)
		hs := [2]hash.Hash{canonicalHash(text)}
		if whole != nil {
			hs[1] = canonicalHash(whole)
		}
		tree <- hs
	}()
	p := &Procedure{}
	d := decoder{file: name, errs: errs}
	d.decode(root, reflect.ValueOf(p).Elem(), "")
	return p, tree
}

// parseWhole parses src as one YAML document, recording why it cannot; nil on error.
func parseWhole(src []byte, name string, errs *ErrorList) *yaml.Node {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			errs.add(name, Pos{}, "escriba el procedimiento; vea un ejemplo con pauta iniciar", "el archivo está vacío")
		} else if pos, ok := tabIndent(src); ok && strings.Contains(err.Error(), "tab") {
			errs.add(name, pos, "sangre con espacios; YAML no admite tabuladores en la sangría", "YAML no válido: tabulador en la sangría")
		} else {
			msg, hint := yamlProblem(yamlErrorMsg(err))
			errs.add(name, yamlErrorPos(err), hint, "%s", msg)
		}
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		errs.add(name, posOf(&extra), "deje un solo documento: borre el \"---\" y lo que le sigue", "el archivo tiene más de un documento YAML")
	} else if !errors.Is(err, io.EOF) {
		msg, hint := yamlProblem(yamlErrorMsg(err))
		errs.add(name, yamlErrorPos(err), hint, "%s", msg)
	}
	return &doc
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

func yamlErrorPos(err error) Pos {
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		return Pos{Line: line, Col: 1}
	}
	// yaml.v3 leaves out the line number when it is the first one.
	return Pos{Line: 1, Col: 1}
}

func yamlErrorMsg(err error) string {
	msg := yamlLine.ReplaceAllString(err.Error(), "")
	return strings.TrimPrefix(msg, "yaml: ")
}

// tabIndent finds the first tab in the indentation of a line: yaml.v3 reports such an error at
// the line where the enclosing block started, which would send the author to the wrong place.
func tabIndent(src []byte) (Pos, bool) {
	for i, line := range strings.Split(string(src), "\n") {
		for j, r := range line {
			if r == '\t' {
				return Pos{Line: i + 1, Col: j + 1}, true
			}
			if r != ' ' {
				break
			}
		}
	}
	return Pos{}, false
}

// invalidUTF8 finds the first byte that is not UTF-8.
func invalidUTF8(src []byte) (Pos, bool) {
	if utf8.Valid(src) {
		return Pos{}, true
	}
	line, col := 1, 1
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size <= 1 {
			return Pos{Line: line, Col: col}, false
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		src = src[size:]
	}
	return Pos{}, true
}

// readPages reads every page the source lists, relative to the source's folder.
func readPages(fsys fs.FS, name string, p *Procedure, errs *ErrorList) {
	dir := ""
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		dir = name[:i+1]
	}
	for _, pg := range p.Pages {
		if pg.File == "" || !fs.ValidPath(pg.File) || !strings.HasSuffix(pg.File, ".md") {
			errs.add(name, pg.At("file"), "escriba una ruta relativa dentro del proyecto que termine en .md, p. ej. content/como-usar.md", "pages: archivo %q no válido", pg.File)
			continue
		}
		src, err := readLimited(fsys, dir+pg.File, MaxPageSize)
		if err != nil {
			var tooBig *tooBigError
			var refused ErrorList
			switch {
			case errors.As(err, &refused) && len(refused) == 1:
				errs.add(dir+pg.File, Pos{}, refused[0].Hint, "%s", refused[0].Msg)
			case errors.As(err, &tooBig):
				errs.add(name, pg.At("file"), "divida la página en varias", "la página %s pesa más de %d MB", pg.File, MaxPageSize>>20)
			case errors.Is(err, fs.ErrNotExist):
				errs.add(name, pg.At("file"), "cree el archivo o corrija la ruta (relativa a "+name+")", "no existe el archivo de contenido %s", pg.File)
			default:
				errs.add(name, pg.At("file"), "revise los permisos del archivo", "no se pudo leer %s: %v", pg.File, err)
			}
			continue
		}
		if pos, ok := invalidUTF8(src); !ok {
			errs.add(pg.File, pos, "guarde el archivo con codificación UTF-8", "el texto no es UTF-8 válido")
			continue
		}
		pg.Body = Markdown(src)
		if pg.Title == "" {
			pg.Title = firstHeading(string(src))
			if pg.Title == "" {
				errs.add(pg.File, Pos{Line: 1, Col: 1}, "comience la página con una línea \"# Título\" o escriba title: en pages", "la página no tiene título")
			}
		}
	}
}

// firstHeading returns the text of the first ATX level-1 heading.
func firstHeading(md string) string {
	for _, line := range strings.Split(md, "\n") {
		if t, ok := strings.CutPrefix(strings.TrimRight(line, " \r\t"), "# "); ok {
			return strings.TrimSpace(strings.TrimRight(t, "#"))
		}
	}
	return ""
}

// versionCode is the short SHA-256 of the canonical source: the YAML tree written out in a
// fixed form (mapping keys sorted, scalars by value, no comments or layout), followed by each
// page's text. It depends only on what the source says, never on pauta's model, so a newer
// pauta computes the same code for a published version.
func versionCode(h hash.Hash, pages []*Page) string {
	for _, pg := range pages {
		fmt.Fprintf(h, "\x00page\x00%s\x00%s\x00", pg.File, strings.ReplaceAll(string(pg.Body), "\r\n", "\n"))
	}
	sum := h.Sum(nil)
	code := strings.ToUpper(hex.EncodeToString(sum[:4]))
	return code[:4] + "-" + code[4:]
}

// withoutSearch is the tree the version code is made from: root without its search
// settings, which are the site's, not the approved text's. whole is root itself when it has
// them, nil otherwise.
func withoutSearch(root *yaml.Node) (text, whole *yaml.Node) {
	if root.Kind != yaml.MappingNode {
		return root, nil
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if k := root.Content[i]; k.Kind == yaml.ScalarNode && k.Value == "search" {
			cut := *root
			cut.Content = append(slices.Clone(root.Content[:i]), root.Content[i+2:]...)
			return &cut, root
		}
	}
	return root, nil
}

// canonicalHash is the SHA-256 of the canonical form of a YAML tree.
func canonicalHash(root *yaml.Node) hash.Hash {
	h := sha256.New()
	w := bufio.NewWriterSize(h, 64<<10)
	canonical(w, root, make([]byte, 0, 20))
	w.Flush()
	return h
}

// canonical writes n in a fixed, unambiguous form: lengths before strings, so no text can
// imitate structure. num is scratch space for numbers.
func canonical(w *bufio.Writer, n *yaml.Node, num []byte) {
	count := func(open byte, n int) {
		w.WriteByte(open)
		w.Write(strconv.AppendInt(num[:0], int64(n), 10))
	}
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			canonical(w, c, num)
		}
	case yaml.MappingNode:
		type pair struct{ k, v *yaml.Node }
		pairs := make([]pair, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			pairs = append(pairs, pair{n.Content[i], n.Content[i+1]})
		}
		sort.Slice(pairs, func(i, j int) bool { return pairs[i].k.Value < pairs[j].k.Value })
		count('{', len(pairs))
		for _, p := range pairs {
			canonical(w, p.k, num)
			canonical(w, p.v, num)
		}
		w.WriteByte('}')
	case yaml.SequenceNode:
		count('[', len(n.Content))
		for _, c := range n.Content {
			canonical(w, c, num)
		}
		w.WriteByte(']')
	case yaml.ScalarNode:
		v := n.Value
		if isNull(n) {
			v = ""
		}
		count('s', len(v))
		w.WriteByte(':')
		w.WriteString(v)
	}
}

// NormalizeCode turns what a reader types ("7f3a9c21", "7F3A-9C21 ") into the printed form.
func NormalizeCode(s string) (string, bool) {
	s = strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(strings.TrimSpace(s)))
	if len(s) != 8 {
		return "", false
	}
	if _, err := hex.DecodeString(s); err != nil {
		return "", false
	}
	return s[:4] + "-" + s[4:], true
}
