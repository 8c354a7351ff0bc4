package site

import (
	"fmt"
	"slices"
	"strings"

	"github.com/requinoa/pauta/internal/editdist"
	"github.com/requinoa/pauta/internal/markdown"
	"github.com/requinoa/pauta/internal/procedure"
)

// keywordAnchors checks that each keyword place on a content page names one of its headings
// by the anchor the page gives it: procedure checks the rest of each place, but the anchors
// are made by the Markdown renderer, the same that the search index reads the page with.
func keywordAnchors(p *procedure.Procedure, errs *procedure.ErrorList) {
	if len(p.Search.Keywords) == 0 {
		return
	}
	md := markdown.New(p.Markdown.AllowHTML)
	anchors := map[string][]string{}
	for _, pg := range p.Pages {
		var ids []string
		for _, s := range md.Sections(markdown.WithoutTitle(string(pg.Body), pg.Title)) {
			if s.Heading.ID != "" {
				ids = append(ids, s.Heading.ID)
			}
		}
		anchors[pg.ID] = ids
	}
	for _, k := range p.Search.Keywords {
		page, anchor := k.Target()
		ids, isPage := anchors[page]
		if !isPage || anchor == "" || slices.Contains(ids, anchor) {
			continue
		}
		hint := fmt.Sprintf("escriba el ancla de un encabezado de la página, lo que aparece tras # en la dirección: %s.html#%s",
			page, strings.Join(ids, ", "+page+".html#"))
		if len(ids) == 0 {
			hint = fmt.Sprintf("la página no tiene encabezados: escriba %s.html", page)
		} else if g := editdist.Closest(anchor, ids); g != "" {
			hint = fmt.Sprintf("¿quiso decir %q?", page+".html#"+g)
		}
		appendErr(errs, p.File, k.Pos, fmt.Sprintf("search.keywords.%s: la página %s.html no tiene un encabezado con el ancla %q", k.Place, page, anchor), hint)
	}
}
