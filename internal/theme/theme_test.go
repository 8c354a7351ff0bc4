package theme

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/requinoa/pauta/themes"
)

func TestCompact(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"a.js", "// comment\n  var a = 1; // kept: not a whole line\n\n  var u = \"http://x\";\n", "var a = 1; // kept: not a whole line\nvar u = \"http://x\";\n"},
		{"a.css", "/* theme */\n  a { color: red; }\n/* a */ b { x: y; }\n", "a { color: red; }\n/* a */ b { x: y; }\n"},
		{"a.svg", "  <svg/>\n", "  <svg/>\n"},
	}
	for _, tt := range tests {
		if got := string(compact(tt.name, []byte(tt.in))); got != tt.want {
			t.Errorf("compact(%s):\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

// TestTemplateOverrides: every page template sees the project's layout and partials, and
// page templates defining the same block do not see each other's, though they share one
// parse of the layout.
func TestTemplateOverrides(t *testing.T) {
	defaults := mapFS(map[string]string{
		"layout.html":   `{{define "layout"}}L[{{template "body" .}}]{{template "p" .}}{{end}}`,
		"partials.html": `{{define "p"}}default-p{{end}}`,
		"page.html":     `{{define "body"}}page{{end}}`,
		"other.html":    `{{define "body"}}other{{end}}{{define "p"}}other-p{{end}}`,
	})
	project := mapFS(map[string]string{"partials.html": `{{define "p"}}project-p{{end}}`})
	th := New(defaults, project)
	for page, want := range map[string]string{"page.html": "L[page]project-p", "other.html": "L[other]other-p"} {
		for range 2 { // the second time from the theme's parsed sets
			tpl, err := th.Template(page, nil)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			if err := tpl.ExecuteTemplate(&b, "layout", nil); err != nil {
				t.Fatal(err)
			}
			if b.String() != want {
				t.Errorf("%s: got %q, want %q", page, b.String(), want)
			}
		}
	}
}

// TestTemplateErrors: a template that does not parse is named as the project's file when the
// project overrides it, for every page template that includes it.
func TestTemplateErrors(t *testing.T) {
	files := func(layout string) fstest.MapFS {
		return mapFS(map[string]string{
			"layout.html":   layout,
			"partials.html": ``,
			"page.html":     `{{define "body"}}page{{end}}`,
			"other.html":    `{{define "body"}}other{{end}}`,
		})
	}
	good, broken := `{{define "layout"}}{{template "body" .}}{{end}}`, `{{define "layout"}}{{if}}{{end}}`
	tests := []struct {
		name string
		th   *Theme
		file string
	}{
		{"project's layout", New(files(good), mapFS(map[string]string{"layout.html": broken})), "themes/layout.html"},
		{"default layout", New(files(broken), nil), "layout.html"},
	}
	for _, tt := range tests {
		for _, page := range []string{"page.html", "other.html"} {
			_, err := tt.th.Template(page, nil)
			var te *Error
			if !errors.As(err, &te) {
				t.Fatalf("%s, %s: got %v, want a theme.Error", tt.name, page, err)
			}
			if te.File != tt.file || te.Project != strings.HasPrefix(tt.file, "themes/") {
				t.Errorf("%s, %s: got file %q, project %v; want %q", tt.name, page, te.File, te.Project, tt.file)
			}
		}
	}
}

// BenchmarkTemplates: a build parses every page template of a new theme.
func BenchmarkTemplates(b *testing.B) {
	for b.Loop() {
		th := New(themes.Default(), nil)
		names, err := th.Pages()
		if err != nil {
			b.Fatal(err)
		}
		for _, name := range names {
			if _, err := th.Template(name, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
}
