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

// groupEntry is an entry of a synonym group as search sees it: its key, when a reader types
// it, and, for an entry of one word, its index terms, when the text says it.
type groupEntry struct {
	key   string
	terms []string
}

// analyseGroup analyses the entries of a synonym group.
func analyseGroup(an *Analyzer, words []string) []groupEntry {
	var es []groupEntry
	for _, w := range words {
		var keys []string
		var terms []string
		for _, x := range Words(w) {
			q := an.QueryTerms(x)
			if len(q) == 0 {
				continue
			}
			keys = append(keys, q[0])
			terms = an.Terms(x)
		}
		if len(keys) != 1 {
			terms = nil // a phrase is recognised in a query; it stands for no term
		}
		es = append(es, groupEntry{strings.Join(keys, " "), terms})
	}
	return es
}

// analysedPlainLanguage is the plain-language list analysed, once per process: stemming its
// 1,600 entries took a tenth of a build of the Requínoa site, once per edition.
var analysedPlainLanguage = sync.OnceValue(func() [][]groupEntry {
	an := NewAnalyzer()
	out := make([][]groupEntry, len(plainLanguage()))
	for i, g := range plainLanguage() {
		out[i] = analyseGroup(an, g)
	}
	return out
})
