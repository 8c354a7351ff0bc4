package search

import (
	"bufio"
	"bytes"
	"encoding/json"
	"maps"
	"slices"

	"github.com/requinoa/pauta/internal/procedure"
)

// EditDistance exposes editDistance to the browser tests, which live in package search_test.
func EditDistance(a, b string, k int) int { return editDistance([]rune(a), []rune(b), k) }

// BuildWhole is Build counting every entry in one pass, to compare with the two halves.
func BuildWhole(p *procedure.Procedure) *Index { return build(p, nil, false) }

// Script is the index script in memory.
func (ix *Index) Script() ([]byte, error) {
	var b bytes.Buffer
	err := ix.WriteScript(&b)
	return b.Bytes(), err
}

// ScriptByEncodingJSON is the index script as encoding/json writes it, the reference
// WriteScript must equal byte for byte.
func (ix *Index) ScriptByEncodingJSON() ([]byte, error) {
	type indexFile struct {
		Version int           `json:"v"`
		Stop    []string      `json:"stop"`
		Light   []string      `json:"light"`
		Params  params        `json:"params"`
		Help    int           `json:"help"`
		Ask     [][2][]string `json:"ask"`
		Docs    [][]any       `json:"docs"`
		Terms   string        `json:"terms"`
		Post    [][]int       `json:"post"`
		Syn     string        `json:"syn"`
		Synt    [][]int       `json:"synt"`
		Plain   [][]int       `json:"plain"`
	}
	f := indexFile{Version: FormatVersion, Stop: StopWords(), Light: LightWords(), Params: scriptParams(),
		Help: ix.helpStart, Ask: questionsJSON(), Terms: frontCode(ix.terms), Docs: [][]any{}, Post: [][]int{},
		Syn: frontCode(ix.synKeys()), Synt: [][]int{}}
	for _, s := range ix.syn {
		f.Synt = append(f.Synt, s.targets)
	}
	f.Plain = [][]int{}
	for _, from := range slices.Sorted(maps.Keys(ix.plain)) {
		f.Plain = append(f.Plain, append([]int{from}, ix.plain[from]...))
	}
	for d, e := range ix.results {
		passages := ix.docs[d]
		if passages == nil {
			passages = []string{}
		}
		f.Docs = append(f.Docs, []any{ix.Entries[e].Href, ix.Entries[e].Heading, ix.Entries[e].Breadcrumb, passages})
	}
	for _, ps := range ix.postings {
		flat := []int{}
		prev := 0
		for _, p := range ps {
			flat = append(flat, p.doc-prev, p.weight)
			prev = p.doc
		}
		f.Post = append(f.Post, flat)
	}
	var b bytes.Buffer
	b.WriteString("// Search index of this site, written by pauta build. Read by search.js.\n")
	b.WriteString("window.pautaSearchIndex = ")
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	b.Truncate(b.Len() - 1)
	b.WriteString(";\n")
	return b.Bytes(), nil
}

// JSONString is writeJSONString into a string.
func JSONString(s string) string {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	writeJSONString(w, s)
	w.Flush()
	return b.String()
}
