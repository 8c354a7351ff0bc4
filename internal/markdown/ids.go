package markdown

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"

	"github.com/requinoa/pauta/internal/slug"
)

// headingIDs gives headings anchors a reader can type: accents folded ("Cómo imprimir" →
// "como-imprimir"), unique within the page, and never one of the ids the page template uses.
type headingIDs struct {
	used map[string]bool
}

func newContext() parser.Context {
	return parser.NewContext(parser.WithIDs(&headingIDs{used: map[string]bool{
		"contenido": true, "resultados": true, "buscar": true, "top": true, "menu": true, "pie": true,
	}}))
}

func (ids *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := slug.Make(string(value))
	switch {
	case base == "":
		base = "seccion"
	case base[0] >= '0' && base[0] <= '9':
		// An id must begin with a letter to be valid HTML: "1. Preparar" → "s-1-preparar".
		base = "s-" + base
	}
	id := base
	for i := 2; ids.used[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	ids.used[id] = true
	return []byte(id)
}

func (ids *headingIDs) Put(value []byte) { ids.used[string(value)] = true }
