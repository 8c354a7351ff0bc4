package search

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
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
const FormatVersion = 2

// The index file, as search.js reads it, is one JSON object (see WriteScript):
//
//	{"v": FormatVersion, "stop": [stop words], "light": [light words],
//	 "params": {ranking constants}, "help": first help result,
//	 "ask": [[[question forms], [cues]], …] (see Questions),
//	 "docs": [[href, heading, breadcrumb, [passages]], …], "terms": "…", "post": [[…], …],
//	 "syn": "…", "synt": [[term, …], …], "plain": [[term, term, …], …]}
//
// Docs are the results. Terms are sorted, so the engine completes a typed prefix by binary
// search, and front-coded into one string (see frontCode). Post holds each term's postings
// as flat pairs of (result, weight), each result number stored as the difference from the
// one before, which keeps the numbers small and the file compressible. Syn holds the synonym
// keys, sorted and front-coded like the terms, and synt the terms each key expands to. Plain
// holds, for a term of the text, the other terms of it the plain-language list links it to:
// the term first, then those (see plainLinks).

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
	MinDerivedStem int     `json:"minDerivedStem"`
	Light          float64 `json:"light"`
	Synonym        float64 `json:"synonym"`
	Plain          float64 `json:"plain"`
	Help           float64 `json:"help"`
	MaxPhrase      int     `json:"maxPhrase"`
	Ask            float64 `json:"ask"`
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

// WriteScript writes the index as a classic script that assigns the global
// pautaSearchIndex: a page opened from disk can load it with <script src>, where fetch would
// be refused. The output depends only on the procedure, byte for byte.
//
// The JSON is written as it goes, byte for byte as encoding/json would write it (a test holds
// the two equal): a long manual's index is megabytes, and encoding/json would first build
// the whole value and then the whole text in memory.
func (ix *Index) WriteScript(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	head, err := json.Marshal(struct {
		Version int           `json:"v"`
		Stop    []string      `json:"stop"`
		Light   []string      `json:"light"`
		Params  params        `json:"params"`
		Help    int           `json:"help"`
		Ask     [][2][]string `json:"ask"`
	}{FormatVersion, StopWords(), LightWords(), scriptParams(), ix.helpStart, questionsJSON()})
	if err != nil {
		return fmt.Errorf("search: encoding index: %w", err)
	}
	bw.WriteString("// Search index of this site, written by pauta build. Read by search.js.\n")
	bw.WriteString("window.pautaSearchIndex = ")
	bw.Write(head[:len(head)-1]) // without its closing brace
	bw.WriteString(`,"docs":[`)
	num := make([]byte, 0, 20)
	for d, e := range ix.results {
		if d > 0 {
			bw.WriteByte(',')
		}
		entry := ix.Entries[e]
		bw.WriteByte('[')
		for _, s := range []string{entry.Href, entry.Heading, entry.Breadcrumb} {
			writeJSONString(bw, s)
			bw.WriteByte(',')
		}
		bw.WriteByte('[')
		for i, p := range ix.docs[d] {
			if i > 0 {
				bw.WriteByte(',')
			}
			writeJSONString(bw, p)
		}
		bw.WriteString("]]")
	}
	bw.WriteString(`],"terms":`)
	writeJSONString(bw, frontCode(ix.terms))
	bw.WriteString(`,"post":[`)
	for t, ps := range ix.postings {
		if t > 0 {
			bw.WriteByte(',')
		}
		bw.WriteByte('[')
		prev := 0
		for i, p := range ps {
			if i > 0 {
				bw.WriteByte(',')
			}
			num = strconv.AppendInt(num[:0], int64(p.doc-prev), 10)
			num = append(num, ',')
			num = strconv.AppendInt(num, int64(p.weight), 10)
			bw.Write(num)
			prev = p.doc
		}
		bw.WriteByte(']')
	}
	bw.WriteString(`],"syn":`)
	writeJSONString(bw, frontCode(ix.synKeys()))
	bw.WriteString(`,"synt":[`)
	for i, s := range ix.syn {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteByte('[')
		for k, t := range s.targets {
			if k > 0 {
				bw.WriteByte(',')
			}
			bw.Write(strconv.AppendInt(num[:0], int64(t), 10))
		}
		bw.WriteByte(']')
	}
	bw.WriteString(`],"plain":[`)
	from := slices.Sorted(maps.Keys(ix.plain))
	for i, t := range from {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteByte('[')
		bw.Write(strconv.AppendInt(num[:0], int64(t), 10))
		for _, to := range ix.plain[t] {
			bw.WriteByte(',')
			bw.Write(strconv.AppendInt(num[:0], int64(to), 10))
		}
		bw.WriteByte(']')
	}
	bw.WriteString("]};\n")
	return bw.Flush()
}

func scriptParams() params {
	return params{Prefix: prefixFactor, MinPrefix: minPrefix, MaxPrefix: maxPrefix,
		Fuzzy: fuzzyFactor, FuzzyMin1: fuzzyMin1, FuzzyMin2: fuzzyMin2, StemInWord: minStemInWord,
		RestInWord: maxRestInWord, Near: nearFactor, MaxResults: MaxResults, MinDerivedStem: minDerivedStem,
		Light: lightFactor, Synonym: synonymFactor, Plain: plainFactor, Help: helpFactor, MaxPhrase: maxPhrase,
		Ask: questionFactor}
}

// writeJSONString writes s as encoding/json does with HTML escaping off: quotes, backslashes
// and control characters escaped, U+2028 and U+2029 too (JavaScript before ES2019 ends a
// line there), and invalid UTF-8 replaced by U+FFFD.
func writeJSONString(w *bufio.Writer, s string) {
	const hex = "0123456789abcdef"
	w.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			w.WriteString(s[start:i])
			switch c {
			case '"', '\\':
				w.WriteByte('\\')
				w.WriteByte(c)
			case '\b':
				w.WriteString(`\b`)
			case '\f':
				w.WriteString(`\f`)
			case '\n':
				w.WriteString(`\n`)
			case '\r':
				w.WriteString(`\r`)
			case '\t':
				w.WriteString(`\t`)
			default:
				w.WriteString(`\u00`)
				w.WriteByte(hex[c>>4])
				w.WriteByte(hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			w.WriteString(s[start:i])
			w.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			w.WriteString(s[start:i])
			w.WriteString(`\u202`)
			w.WriteByte(hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	w.WriteString(s[start:])
	w.WriteByte('"')
}
