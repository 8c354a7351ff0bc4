package procedure

import (
	"bytes"
	"flag"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/requinoa/pauta/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite the committed procedure.schema.json from Schema()")

// TestSchemaFile: the schema committed at the repo root, which procedure.yaml's first line
// names, is the one the model generates. After changing the model, run
// `go test ./internal/procedure -run TestSchemaFile -update` and read the diff.
func TestSchemaFile(t *testing.T) {
	got, err := Schema()
	if err != nil {
		t.Fatal(err)
	}
	testtool.Golden(t, filepath.Join("..", "..", SchemaFile), got, *update)
}

func TestSchemaDeterministic(t *testing.T) {
	a, err := Schema()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Schema()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two calls of Schema() differ")
	}
	if !bytes.HasSuffix(a, []byte("}\n")) {
		t.Error("the schema does not end with a newline")
	}
}

func schemaCheck(t *testing.T) *schemaValidator {
	t.Helper()
	// The committed file is what editors read; TestSchemaFile holds it equal to Schema().
	schema, err := os.ReadFile(filepath.Join("..", "..", SchemaFile))
	if err != nil {
		t.Fatal(err)
	}
	v, err := newSchemaValidator(schema)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSchemaAcceptsSources: every procedure.yaml in the repo that Load accepts (the
// Requínoa procedure, its published versions, the test projects, the starter of pauta init) is valid by the schema, so an
// editor never flags a correct file.
func TestSchemaAcceptsSources(t *testing.T) {
	v := schemaCheck(t)
	root := filepath.Join("..", "..")
	files := []string{DefaultFile, "internal/starter/plantilla/" + DefaultFile}
	for _, pattern := range []string{"testdata/projects/*/" + DefaultFile, "content/versiones/*/" + DefaultFile} {
		matches, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(pattern)))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range matches {
			rel, _ := filepath.Rel(root, m)
			files = append(files, filepath.ToSlash(rel))
		}
	}
	for _, name := range files {
		t.Run(name, func(t *testing.T) {
			if _, err := Load(os.DirFS(filepath.Join(root, filepath.FromSlash(path.Dir(name)))), DefaultFile); err != nil {
				t.Fatalf("Load rejects it, so the schema need not accept it: %v", err)
			}
			src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := yamlToJSON(src)
			if err != nil {
				t.Fatal(err)
			}
			if ps := v.validate(doc); len(ps) > 0 {
				t.Errorf("the schema rejects a source Load accepts:\n%s", joinProblems(ps))
			}
		})
	}
}

// TestSchemaRejects: mistakes an author makes are flagged by the schema as Load flags them.
func TestSchemaRejects(t *testing.T) {
	v := schemaCheck(t)
	base := minimal(t)
	tests := []struct {
		name    string
		src     string
		at      string // the JSON pointer of the value refused
		keyword string // the schema keyword that refuses it
	}{
		{"missing required key",
			strings.Replace(base, "  closing: ANÓTESE, COMUNÍQUESE Y ARCHÍVESE.-\n", "", 1),
			"/decree", "required"},
		{"unknown key",
			strings.Replace(base, "      title: Objetivo", "      titel: Objetivo", 1),
			"/manual/sections/0", "additionalProperties"},
		{"bad id",
			strings.Replace(base, "- id: objetivo", "- id: Objetivo-General", 1),
			"/manual/sections/0/id", "pattern"},
		{"bad id in from",
			strings.Replace(base, "from: [primero-a]", "from: [Primero A]", 1),
			"/manual/sections/1/sections/0/checks/0/from/0", "pattern"},
		{"date not ISO",
			strings.Replace(base, "2025-03-04", "04-03-2025", 1),
			"/decree/date", "pattern"},
		{"month out of range",
			strings.Replace(base, "2025-03-04", "2025-13-01", 1),
			"/decree/date", "pattern"},
		{"list marker",
			strings.Replace(base, "list: letters", "list: numbers", 1),
			"/manual/sections/1/sections/0/list", "enum"},
		{"field type",
			strings.Replace(base, "type: date", "type: fecha", 1),
			"/manual/sections/1/sections/0/fields/0/type", "enum"},
		{"width out of range",
			strings.Replace(base, "type: date", "type: date\n              width: 5", 1),
			"/manual/sections/1/sections/0/fields/0/width", "enum"},
		{"lines out of range",
			strings.Replace(base, "type: date", "type: date\n              lines: 7", 1),
			"/manual/sections/1/sections/0/fields/0/lines", "enum"},
		{"format version",
			strings.Replace(base, "pauta: 1", "pauta: 2", 1),
			"/pauta", "const"},
		{"number as text",
			strings.Replace(base, "  number: 10", "  number: diez", 1),
			"/decree/number", "type"},
		{"number zero",
			strings.Replace(base, "  number: 10", "  number: 0", 1),
			"/decree/number", "minimum"},
		{"acting not boolean",
			strings.Replace(base, "      role: ALCALDE", "      role: ALCALDE\n      acting: sí", 1),
			"/decree/signatories/0/acting", "type"},
		{"empty required list",
			strings.Replace(base, "  resolutions:\n    - id: aprueba\n      text: APRUÉBASE el procedimiento.", "  resolutions: []", 1),
			"/decree/resolutions", "minItems"},
		{"empty required text",
			strings.Replace(base, "  place: EJEMPLO", `  place: ""`, 1),
			"/decree/place", "minLength"},
		{"base url without folder slash",
			strings.Replace(base, "pauta: 1\n", "pauta: 1\nsite:\n  base_url: https://www.ejemplo.cl/manual\n", 1),
			"/site/base_url", "pattern"},
		{"base url with a quote",
			strings.Replace(base, "pauta: 1\n", "pauta: 1\nsite:\n  base_url: 'https://www.ejemplo.cl/a\"b/'\n", 1),
			"/site/base_url", "pattern"},
		{"base url with a space",
			strings.Replace(base, "pauta: 1\n", "pauta: 1\nsite:\n  base_url: https://www.ejemplo.cl/a b/\n", 1),
			"/site/base_url", "pattern"},
		{"page not markdown",
			strings.Replace(base, "content/ayuda.md", "content/ayuda.txt", 1),
			"/pages/0/file", "pattern"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.src == base {
				t.Fatal("the replacement did not apply")
			}
			if _, err := Load(project(tt.src), DefaultFile); err == nil {
				t.Fatal("Load accepts the document: the schema would be stricter than pauta")
			}
			doc, err := yamlToJSON([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			ps := v.validate(doc)
			found := false
			for _, p := range ps {
				found = found || p.instance == tt.at && p.keyword == tt.keyword
			}
			if !found {
				t.Errorf("schema errors:\n%swant one at %q from %q", joinProblems(ps), tt.at, tt.keyword)
			}
		})
	}
}

// TestSchemaDescribesEveryKey: every key of the format has a description for the editor.
func TestSchemaDescribesEveryKey(t *testing.T) {
	v := schemaCheck(t)
	walk := func(path string, s map[string]any) {
		props, _ := s["properties"].(map[string]any)
		for _, k := range sortedKeys(props) {
			ps := props[k].(map[string]any)
			if d, _ := ps["description"].(string); d == "" {
				t.Errorf("%s.%s has no description (a doc tag in model.go)", path, k)
			}
		}
	}
	walk("$", v.root)
	defs := v.root["$defs"].(map[string]any)
	for _, name := range sortedKeys(defs) {
		walk(name, defs[name].(map[string]any))
	}
}

// BenchmarkSchema: every build writes the schema into the site, so its cost is part of a build's.
func BenchmarkSchema(b *testing.B) {
	for b.Loop() {
		if _, err := Schema(); err != nil {
			b.Fatal(err)
		}
	}
}
