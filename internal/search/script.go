package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Paths of the search files in the site. The index is written by the build; the engine is
// the theme's asset, so a project can override it like any other theme file.
const (
	IndexPath  = "assets/search-index.js"
	EnginePath = "assets/search.js"
)

// Scripts are the scripts the search page loads, in order: the index, then the engine.
func Scripts() []string { return []string{IndexPath, EnginePath} }

// FormatVersion is the version of the index format; search.js refuses another.
const FormatVersion = 1

// indexFile is the index as search.js reads it. Terms are sorted, so the engine completes a
// typed prefix by binary search, and front-coded into one string (see frontCode); postings
// are flat pairs of (result, weight) with each result number stored as the difference from
// the one before, which keeps the numbers small and the file compressible.
type indexFile struct {
	Version int      `json:"v"`
	Stop    []string `json:"stop"`
	Params  params   `json:"params"`
	// Docs are the results: [href, heading, breadcrumb, [passages]].
	Docs  [][]any `json:"docs"`
	Terms string  `json:"terms"`
	Post  [][]int `json:"post"`
}

// params carry the ranking constants to the browser, so Go stays their one source.
type params struct {
	Prefix     float64 `json:"prefix"`
	MinPrefix  int     `json:"minPrefix"`
	MaxPrefix  int     `json:"maxPrefix"`
	Fuzzy      float64 `json:"fuzzy"`
	FuzzyMin1  int     `json:"fuzzyMin1"`
	FuzzyMin2  int     `json:"fuzzyMin2"`
	StemInWord int     `json:"stemInWord"`
	RestInWord int     `json:"restInWord"`
	Near       float64 `json:"near"`
	MaxResults int     `json:"max"`
	// MinDerivedStem belongs to the analysis (see Terms).
	MinDerivedStem int `json:"minDerivedStem"`
}

// frontCode writes sorted terms as one string: each term is a capital letter that says how
// many leading letters it shares with the term before (A none, B one, … Z 25), then the rest
// of it. Terms are folded to lowercase, so a capital always starts a term. Sorted terms share
// long prefixes (autent, autenticacion, autoriz, autorizacion), which this drops.
func frontCode(terms []string) string {
	var b strings.Builder
	prev := []rune{}
	for _, t := range terms {
		r := []rune(t)
		n := 0
		for n < len(r) && n < len(prev) && n < 25 && r[n] == prev[n] {
			n++
		}
		b.WriteByte(byte('A' + n))
		b.WriteString(string(r[n:]))
		prev = r
	}
	return b.String()
}

// Script is the index as a classic script that assigns the global pautaSearchIndex: a page
// opened from disk can load it with <script src>, where fetch would be refused. The output
// depends only on the procedure, byte for byte.
func (ix *Index) Script() ([]byte, error) {
	f := indexFile{
		Version: FormatVersion,
		Stop:    StopWords(),
		Params: params{Prefix: prefixFactor, MinPrefix: minPrefix, MaxPrefix: maxPrefix,
			Fuzzy: fuzzyFactor, FuzzyMin1: fuzzyMin1, FuzzyMin2: fuzzyMin2, StemInWord: minStemInWord, RestInWord: maxRestInWord, Near: nearFactor,
			MaxResults: MaxResults, MinDerivedStem: minDerivedStem},
		Terms: frontCode(ix.terms),
	}
	for d, e := range ix.results {
		entry := ix.Entries[e]
		passages := ix.docs[d]
		if passages == nil {
			passages = []string{}
		}
		f.Docs = append(f.Docs, []any{entry.Href, entry.Heading, entry.Breadcrumb, passages})
	}
	f.Post = make([][]int, len(ix.postings))
	for t, ps := range ix.postings {
		flat := make([]int, 0, 2*len(ps))
		prev := 0
		for _, p := range ps {
			flat = append(flat, p.doc-prev, p.weight)
			prev = p.doc
		}
		f.Post[t] = flat
	}
	var buf bytes.Buffer
	buf.WriteString("// Search index of this site, written by pauta build. Read by search.js.\n")
	buf.WriteString("window.pautaSearchIndex = ")
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("search: encoding index: %w", err)
	}
	buf.Truncate(buf.Len() - 1) // Encode's newline
	buf.WriteString(";\n")
	return buf.Bytes(), nil
}
