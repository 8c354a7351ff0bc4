package site

import (
	"errors"
	"strings"
	"testing"

	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/search"
)

// A keyword place on a content page names one of its headings by the anchor the page gives
// it; another anchor is refused at the place, with the nearest anchor of the page.
func TestKeywordAnchors(t *testing.T) {
	const pages = "pages:\n  - id: ayuda\n    file: content/ayuda.md\n"
	for _, tc := range []struct {
		name, place, want string // want: "" when it loads
	}{
		{"a heading of the page", "ayuda.html#segunda-seccion", ""},
		{"the page itself", "ayuda.html", ""},
		{"a mistyped anchor", "ayuda.html#segunda-secion",
			`procedure.yaml:65:5: search.keywords.ayuda.html#segunda-secion: la página ayuda.html no tiene un encabezado con el ancla "segunda-secion" — ¿quiso decir "ayuda.html#segunda-seccion"?`},
		{"a heading's text", "ayuda.html#Segunda sección",
			`la página ayuda.html no tiene un encabezado con el ancla "Segunda sección" — ¿quiso decir "ayuda.html#segunda-seccion"?`},
		{"another page's heading", "ayuda.html#vistos",
			`la página ayuda.html no tiene un encabezado con el ancla "vistos" — escriba el ancla de un encabezado de la página, lo que aparece tras # en la dirección: ayuda.html#segunda-seccion`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := minimalProject(t, []string{pages}, []string{pages + "search:\n  keywords:\n    " + tc.place + ": [instrucciones extensas]\n"})
			p, err := Load(fsys)
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
			// The place the check accepts is the one the search gives the keywords to.
			hits := search.Build(p, nil).Search("instrucciones extensas")
			if len(hits) == 0 || hits[0].Entry.Href != tc.place {
				t.Errorf("instrucciones extensas: first %v, want %s", hits, tc.place)
			}
		})
	}
}
