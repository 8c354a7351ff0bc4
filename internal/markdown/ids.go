package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"

	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/slug"
)

// headingIDs gives headings anchors a reader can type: accents folded ("Cómo imprimir" →
// "como-imprimir"), unique within the page, and never one of the ids the page template uses.
type headingIDs struct {
	used map[string]bool
	// next is the suffix to try next for each base id: a page of n identical headings would
	// otherwise count up from 2 for every one of them, n²/2 tries in all.
	next map[string]int
}

func newContext() parser.Context {
	return parser.NewContext(parser.WithIDs(&headingIDs{next: map[string]int{}, used: map[string]bool{}}))
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
	taken := func(id string) bool { return ids.used[id] || procedure.HeadingAvoids(id) }
	id := base
	if taken(id) {
		i := max(ids.next[base], 2)
		for id = base + "-" + strconv.Itoa(i); taken(id); id = base + "-" + strconv.Itoa(i) {
			i++
		}
		ids.next[base] = i + 1
	}
	ids.used[id] = true
	return []byte(id)
}

func (ids *headingIDs) Put(value []byte) { ids.used[string(value)] = true }
