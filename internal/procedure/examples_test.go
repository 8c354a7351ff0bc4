package procedure

import (
	"bufio"
	"bytes"
	"fmt"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"gopkg.in/yaml.v3"
)

// example is one YAML example of the format's documentation.
type example struct {
	where string // "formato.md:120" or `doc.go, under "manual"`
	src   string
}

// knownFence is how a block of the guide that is not an example opens.
var knownFence = regexp.MustCompile("^```(text|sh)$")

// guideExamples are the ```yaml blocks of the Spanish guide.
func guideExamples(t *testing.T) []example {
	t.Helper()
	var out []example
	sc := bufio.NewScanner(bytes.NewReader(Guide()))
	line, start := 0, 0
	var block *strings.Builder
	other := false // inside a block that is not an example
	for sc.Scan() {
		line++
		text := sc.Text()
		switch {
		case other:
			other = !strings.HasPrefix(text, "```")
		case block == nil && strings.HasPrefix(text, "```") && !strings.HasPrefix(text, "```yaml"):
			if !knownFence.MatchString(text) {
				t.Errorf("formato.md:%d: block %q: label each block yaml (an example this test loads), text or sh", line, text)
			}
			other = true
		case block == nil && strings.HasPrefix(text, "```yaml"):
			block, start = &strings.Builder{}, line
		case block != nil && strings.HasPrefix(text, "```"):
			out = append(out, example{fmt.Sprintf("formato.md:%d", start), block.String()})
			block = nil
		case block != nil:
			block.WriteString(text + "\n")
		}
	}
	if block != nil {
		t.Fatalf("formato.md:%d: a ```yaml block is never closed", start)
	}
	return out
}

// errorListing is an error report shown in the docs, not a YAML example.
var errorListing = regexp.MustCompile(`^\S+\.yaml:\d+:\d+: `)

// yamlKeyLine is a line of YAML ("  - id: x", "title: y") that the doc comment's reflowing
// would have turned into prose.
var yamlKeyLine = regexp.MustCompile(`^\s*(- )?[a-z_]+: \S`)

// docExamples are the code blocks of the package doc comment, as go doc shows them. A YAML
// example indented so that go doc reflows it (spaces, or a first line starting with "- ",
// which makes a list) is no code block: the test fails on its lines in prose instead of
// skipping the example.
func docExamples(t *testing.T) []example {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "doc.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	if f.Doc == nil {
		t.Fatal("doc.go has no package comment")
	}
	var p comment.Parser
	d := p.Parse(f.Doc.Text())
	var out []example
	heading := ""
	prose := func(texts []comment.Text) {
		var b strings.Builder
		var walk func([]comment.Text)
		walk = func(ts []comment.Text) {
			for _, x := range ts {
				switch x := x.(type) {
				case comment.Plain:
					b.WriteString(string(x))
				case comment.Italic:
					b.WriteString(string(x))
				case *comment.Link:
					walk(x.Text)
				case *comment.DocLink:
					walk(x.Text)
				}
			}
		}
		walk(texts)
		for _, l := range strings.Split(b.String(), "\n") {
			if yamlKeyLine.MatchString(l) {
				t.Errorf("doc.go: %q reads as YAML but go doc shows it as prose: indent the example with a tab and start it with a key, not \"- \"", l)
			}
		}
	}
	for _, b := range d.Content {
		switch b := b.(type) {
		case *comment.Heading:
			heading = ""
			for _, x := range b.Text {
				if p, ok := x.(comment.Plain); ok {
					heading += string(p)
				}
			}
		case *comment.Code:
			if errorListing.MatchString(b.Text) {
				continue
			}
			out = append(out, example{fmt.Sprintf("doc.go, under %q", heading), b.Text})
		case *comment.Paragraph:
			prose(b.Text)
		case *comment.List:
			for _, it := range b.Items {
				for _, c := range it.Content {
					if para, ok := c.(*comment.Paragraph); ok {
						prose(para.Text)
					}
				}
			}
		}
	}
	return out
}

var topLevelRequired = []string{"pauta", "organization", "decree", "manual", "checklist"}

// complete reports whether an example is a whole procedure.yaml rather than a fragment.
func complete(root *yaml.Node) bool {
	for _, k := range topLevelRequired {
		if mapValue(root, k) == nil {
			return false
		}
	}
	return true
}

func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func parseExample(t *testing.T, ex example) *yaml.Node {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(ex.src), &doc); err != nil {
		t.Fatalf("%s: not YAML: %v\n%s", ex.where, err, ex.src)
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		t.Fatalf("%s: an example is a mapping of procedure.yaml's top-level keys:\n%s", ex.where, ex.src)
	}
	return doc.Content[0]
}

// splice merges a fragment into a copy of base the way the docs present fragments: a mapping
// key by key, a list of parts by their ids (a part with a known id is that part, with the keys
// shown added or replaced; a new id is a new part at the end), anything else replaced.
func splice(base, frag *yaml.Node) *yaml.Node {
	if base.Kind == yaml.MappingNode && frag.Kind == yaml.MappingNode {
		out := *base
		out.Content = append([]*yaml.Node(nil), base.Content...)
		for i := 0; i+1 < len(frag.Content); i += 2 {
			k, v := frag.Content[i], frag.Content[i+1]
			found := false
			for j := 0; j+1 < len(out.Content); j += 2 {
				if out.Content[j].Value == k.Value {
					out.Content[j+1] = splice(out.Content[j+1], v)
					found = true
				}
			}
			if !found {
				out.Content = append(out.Content, k, v)
			}
		}
		return &out
	}
	if base.Kind == yaml.SequenceNode && frag.Kind == yaml.SequenceNode && partsWithIDs(frag) {
		out := *base
		out.Content = append([]*yaml.Node(nil), base.Content...)
		for _, part := range frag.Content {
			id := mapValue(part, "id").Value
			found := false
			for j, have := range out.Content {
				if v := mapValue(have, "id"); v != nil && v.Value == id {
					out.Content[j] = splice(have, part)
					found = true
				}
			}
			if !found {
				out.Content = append(out.Content, part)
			}
		}
		return &out
	}
	return frag
}

func partsWithIDs(seq *yaml.Node) bool {
	for _, c := range seq.Content {
		if v := mapValue(c, "id"); v == nil || v.Kind != yaml.ScalarNode {
			return false
		}
	}
	return len(seq.Content) > 0
}

// loadExample loads a whole procedure, with a stub for each page it lists.
func loadExample(t *testing.T, root *yaml.Node) (*Procedure, string, error) {
	t.Helper()
	src, err := yaml.Marshal(root)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{DefaultFile: {Data: src}}
	if pages := mapValue(root, "pages"); pages != nil {
		for _, pg := range pages.Content {
			if f := mapValue(pg, "file"); f != nil {
				fsys[f.Value] = &fstest.MapFile{Data: []byte("# Página\n\nTexto.\n")}
			}
		}
	}
	p, err := Load(fsys, DefaultFile)
	return p, string(src), err
}

// TestDocExamplesLoad: every YAML example of the Spanish guide and of the package doc is true
// of Load. A complete procedure loads as it is; a fragment is spliced into the guide's first
// complete procedure, which the guide presents as the one its fragments extend, and the
// result loads. So a renamed key, a new rule or an example that cites a phase or an id that
// does not exist fails here instead of misleading an author.
func TestDocExamplesLoad(t *testing.T) {
	guide := guideExamples(t)
	docs := docExamples(t)
	if len(guide) < 10 || len(docs) < 8 {
		t.Fatalf("found %d examples in formato.md and %d in doc.go: the extraction is broken", len(guide), len(docs))
	}
	var base *yaml.Node
	for _, ex := range guide {
		if root := parseExample(t, ex); complete(root) {
			base = root
			break
		}
	}
	if base == nil {
		t.Fatal("formato.md has no complete procedure for its fragments to extend")
	}
	for _, ex := range append(guide, docs...) {
		t.Run(ex.where, func(t *testing.T) {
			root := parseExample(t, ex)
			if !complete(root) {
				root = splice(base, root)
			}
			if _, src, err := loadExample(t, root); err != nil {
				t.Errorf("the example does not load:\n%v\nexample:\n%s\nas loaded:\n%s", err, ex.src, src)
			}
		})
	}
}

// TestSpliceShowsFragment: the splice keeps what the fragment says, so a fragment cannot pass
// by being dropped.
func TestSpliceShowsFragment(t *testing.T) {
	base := parseExample(t, example{"base", minimal(t)})
	frag := parseExample(t, example{"frag", `
manual:
  sections:
    - id: objetivo
      title: Objetivo nuevo
    - id: alcance
      title: Alcance
      text: Todo.
`})
	p, src, err := loadExample(t, splice(base, frag))
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	var titles []string
	for _, s := range p.Manual.Sections {
		titles = append(titles, s.ID+"="+s.Title)
	}
	if got, want := strings.Join(titles, " "), "objetivo=Objetivo nuevo pasos=Procedimientos alcance=Alcance"; got != want {
		t.Errorf("sections after splice: %s, want %s", got, want)
	}
	if p.Manual.Sections[0].Text != "Probar." {
		t.Errorf("the splice lost a key the fragment does not mention: %q", p.Manual.Sections[0].Text)
	}
}

// TestGuideNamesEveryKey: the guide explains every key of the format, each written as `key`.
func TestGuideNamesEveryKey(t *testing.T) {
	g := string(Guide())
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type, string)
	walk = func(tp reflect.Type, path string) {
		for tp.Kind() == reflect.Pointer || tp.Kind() == reflect.Slice {
			tp = tp.Elem()
		}
		if tp.Kind() != reflect.Struct || tp == dateType || seen[tp] {
			return
		}
		seen[tp] = true
		for _, f := range fieldsOf(tp) {
			if !strings.Contains(g, "`"+f.key+"`") {
				t.Errorf("formato.md never names `%s` (%s.%s)", f.key, path, f.key)
			}
			walk(tp.Field(f.index).Type, path+"."+f.key)
		}
	}
	walk(reflect.TypeOf(Procedure{}), "procedure")
	if len(seen) < 10 {
		t.Fatalf("walked %d model types: the walk is broken", len(seen))
	}
}

// TestSchemaDescriptionsSpanish: what an editor shows on hover is for the authors, so it is in
// Spanish, and it names no particular municipality or decree, since every new project gets the
// schema.
func TestSchemaDescriptionsSpanish(t *testing.T) {
	schema, err := Schema()
	if err != nil {
		t.Fatal(err)
	}
	english := regexp.MustCompile(`\b(the|and|of|is|for|with|when|must|default)\b`)
	particular := regexp.MustCompile(`(?i)requ[ií]noa|anydesk|2387`)
	descriptions := regexp.MustCompile(`"description": ("(?:[^"\\]|\\.)*")`).FindAllSubmatch(schema, -1)
	if len(descriptions) < 50 {
		t.Fatalf("found %d descriptions in the schema: the search is broken", len(descriptions))
	}
	for _, m := range descriptions {
		if w := english.Find(m[1]); w != nil {
			t.Errorf("description in English (%q): %s", w, m[1])
		}
		if w := particular.Find(m[1]); w != nil {
			t.Errorf("description names %q: %s", w, m[1])
		}
	}
}
