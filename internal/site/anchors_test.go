package site

import (
	"context"
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/requinoa/pauta/internal/procedure"
)

func minimalProject(t *testing.T, from, to []string) fstest.MapFS {
	t.Helper()
	src, err := os.ReadFile("../../testdata/projects/minimal/procedure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile("../../testdata/projects/minimal/content/ayuda.md")
	if err != nil {
		t.Fatal(err)
	}
	changed := string(src)
	for i := range from {
		next := strings.Replace(changed, from[i], to[i], 1)
		if next == changed {
			t.Fatalf("%q is not in the minimal project", from[i])
		}
		changed = next
	}
	return fstest.MapFS{"procedure.yaml": {Data: []byte(changed)}, "content/ayuda.md": {Data: page}}
}

var idAttr = regexp.MustCompile(` id="([^"]+)"`)

// duplicateIDs lists the ids given to more than one element of an HTML page.
func duplicateIDs(html []byte) []string {
	seen := map[string]int{}
	var dups []string
	for _, m := range idAttr.FindAllSubmatch(html, -1) {
		id := string(m[1])
		if seen[id]++; seen[id] == 2 {
			dups = append(dups, id)
		}
	}
	return dups
}

// TestHeadingAnchors: a heading in a section's text whose anchor is taken on its page is
// refused at the text's position; any other builds pages whose ids are all different.
func TestHeadingAnchors(t *testing.T) {
	const objetivo = "text: Probar."
	for _, tc := range []struct {
		name     string
		from, to []string // replacements in the minimal project, in order
		want     string   // "" when it builds
	}{
		{"a heading named as its section", []string{objetivo}, []string{"text: |-\n        ## Objetivo\n\n        Probar."},
			`procedure.yaml:30:13: el encabezado «Objetivo» de la sección "objetivo" tendría el id "objetivo", que ya es el de la sección "objetivo" (línea 28)`},
		{"a heading named as another section", []string{objetivo}, []string{"text: |-\n        ## Primer paso\n\n        ## Primero\n\n        Probar."},
			`el encabezado «Primero» de la sección "objetivo" tendría el id "primero", que ya es el de la sección "primero"`},
		{"a heading named as an item", []string{"text: Hacer algo."}, []string{"text: \"Hacer algo.\\n\\n# Primero a\""},
			`el encabezado «Primero a» del ítem "primero-a" tendría el id "primero-a", que ya es el del ítem "primero-a"`},
		{"a heading named as a decree paragraph", []string{objetivo}, []string{"text: |-\n        Razón\n        =====\n\n        Probar."},
			`tendría el id "razon", que ya es el del párrafo "razon" del decreto`},
		{"a heading the decree page uses", []string{objetivo}, []string{"text: |-\n        ## Vistos\n\n        Probar."},
			`el encabezado «Vistos» de la sección "objetivo" tendría el id "vistos", que el sitio usa para sí`},
		{"the same heading in two texts", []string{objetivo, "text: Hacer algo."},
			[]string{"text: |-\n        ## Notas\n\n        Probar.", "text: \"Hacer algo.\\n\\n## Notas\""},
			`el encabezado «Notas» del ítem "primero-a" tendría el id "notas", que ya es el del encabezado «Notas» de la sección "objetivo" (línea 30)`},
		{"headings of their own", []string{objetivo}, []string{"text: |-\n        ## Notas\n\n        ## Notas\n\n        - > ## Alcance del paso\n\n        Probar."}, ""},
		{"a folded text has no heading", []string{objetivo}, []string{"text: >-\n        Objetivo\n        ========"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := minimalProject(t, tc.from, tc.to)
			_, err := Load(fsys)
			if tc.want != "" {
				var list procedure.ErrorList
				if !errors.As(err, &list) || len(list) != 1 || !strings.Contains(list[0].Error(), tc.want) {
					t.Fatalf("Load: %v\nwant one error with %q", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			s, err := Render(context.Background(), fsys, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, page := range []string{"index.html", "decreto.html"} {
				if dups := duplicateIDs(s.Files[page]); len(dups) > 0 {
					t.Errorf("%s gives ids %v to more than one element", page, dups)
				}
			}
		})
	}
}

// TestHeadingAnchorsFoundAreReal holds the check to the pages: a source it refuses, built
// without it, does give one id to two elements.
func TestHeadingAnchorsFoundAreReal(t *testing.T) {
	fsys := minimalProject(t, []string{"text: Probar."}, []string{"text: |-\n        ## Objetivo\n\n        ## Primero\n\n        Probar."})
	p, err := procedure.Load(fsys, procedure.DefaultFile)
	if err != nil {
		t.Fatal(err)
	}
	var errs procedure.ErrorList
	headingAnchors(p, &errs)
	if len(errs) != 2 {
		t.Fatalf("found %d clashes, want 2:\n%v", len(errs), errs)
	}
	pr := &project{prepared: p, theme: nil}
	th, err := projectTheme(fsys)
	if err != nil {
		t.Fatal(err)
	}
	pr.theme = th
	c := &collector{files: map[string][]byte{}}
	if _, err := pr.render(context.Background(), Options{}, c); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(duplicateIDs(c.files["index.html"]), " ")
	if got != "objetivo primero" {
		t.Errorf("index.html repeats ids %q, want objetivo primero", got)
	}
}
