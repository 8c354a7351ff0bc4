package search

import (
	_ "embed"
	"strings"
	"sync"
)

// plainLanguageFile links the everyday words readers type to the words procedures and
// decrees use for the same thing (pedir and solicitar, computador and equipo, terminar and
// finalizar): the links a general thesaurus lacks or buries among literary senses. Written
// for pauta, for any municipal procedure, without looking at a manual or a query set; one
// group a line, entries separated by "|", "#" starts a comment.
//
//go:embed lenguaje-claro.txt
var plainLanguageFile string

// plainLanguage are the groups of plainLanguageFile, read once per process.
var plainLanguage = sync.OnceValue(func() [][]string {
	var out [][]string
	lines(plainLanguageFile, func(l string) {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			return
		}
		var g []string
		for _, w := range strings.Split(l, "|") {
			if w = strings.TrimSpace(w); w != "" {
				g = append(g, w)
			}
		}
		if len(g) > 1 {
			out = append(out, g)
		}
	})
	return out
})
