package search

import (
	"bufio"
	_ "embed"
	"io"
	"slices"
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

// analyseGroup analyses the entries of a synonym group: an entry's key is its words' keys
// joined, and an entry of one word has that word's terms.
func analyseGroup(an *Analyzer, words []string) []analysedWord {
	var es []analysedWord
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
		es = append(es, analysedWord{strings.Join(keys, " "), terms})
	}
	return es
}

// plainTermsFile holds the analysis of every entry of the plain-language list, one line per
// entry ("entry|key|term,term"), as analyseGroup gives it: stemming the list's 1,600 entries
// took a tenth of a build of the Requínoa site. A test holds it equal to the analyzer (go
// test ./internal/search -run TestPlainLanguageTerms -update rewrites it).
//
//go:embed lenguaje-claro.terms.txt
var plainTermsFile string

// writePlainTerms writes the analysis of the plain-language list's entries as plainTermsFile
// holds it, sorted.
func writePlainTerms(w io.Writer, an *Analyzer) error {
	var entries []string
	for _, g := range plainLanguage() {
		entries = append(entries, g...)
	}
	slices.Sort(entries)
	bw := bufio.NewWriter(w)
	for _, e := range slices.Compact(entries) {
		writeAnalysis(bw, e, analyseGroup(an, []string{e})[0])
	}
	return bw.Flush()
}

// analysedPlainLanguage is the plain-language list analysed, once per process, from
// plainTermsFile, whose strings it shares.
var analysedPlainLanguage = sync.OnceValue(func() [][]analysedWord {
	table := parseAnalysis(plainTermsFile)
	out := make([][]analysedWord, len(plainLanguage()))
	for i, g := range plainLanguage() {
		out[i] = make([]analysedWord, len(g))
		for j, entry := range g {
			out[i][j] = table[entry]
		}
	}
	return out
})

// plainLanguageKeys are the keys of the plain-language list's entries: where the list knows
// a word, the thesaurus does not add to it.
var plainLanguageKeys = sync.OnceValue(func() map[string]bool {
	keys := map[string]bool{}
	for _, g := range analysedPlainLanguage() {
		for _, e := range g {
			keys[e.key] = true
		}
	}
	return keys
})
