package search

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/search/thesaurus"
)

// Synonyms come from two sources: the Spanish thesaurus (package thesaurus) and the
// procedure's own lists (search.synonyms in procedure.yaml). Both are cut, when the index is
// built, to the words the site itself uses: a query word is expanded only to terms of the
// index, so the index grows with the manual, not with the thesaurus. A key is the first
// query term of a word ([Analyzer.QueryTerms]), or of each word of a phrase joined by
// spaces; its targets are terms of the index, matched at [synonymFactor].

// synonym is one key with the terms it expands to.
type synonym struct {
	key     string
	targets []int // indexes into Index.terms, ascending
}

// analysedWord is a word of the thesaurus, or an entry of a synonym group, as search sees
// it: its key, when a reader types it, and its index terms, when the text says it (an entry
// of several words, a phrase, has none).
type analysedWord struct {
	key   string
	terms []string
}

// thesaurusTermsFile holds the analysis of every word of the thesaurus, one line per word
// ("word|key|term,term"), as [analyseThesaurusWord] gives it: stemming its
// words at every build took longer than building a site. A test holds it equal to the analyzer
// (go test ./internal/search -run TestThesaurusTerms -update rewrites it). Derived from the
// thesaurus, it is under its licence (thesaurus/COPYING).
//
//go:embed thesaurus_terms.txt
var thesaurusTermsFile string

// compactThesaurus is the thesaurus analysed, in a few allocations: its words and their
// analysis are parts of two strings, and lists are slices of one array with offsets. Read
// as maps and slices of strings it took a third of what a build of the Requínoa site
// allocates, and a build of a small site collects no garbage (see gcbudget).
type compactThesaurus struct {
	words []string // sorted: the lines of thesaurusTermsFile
	keys  []string // by word
	terms []string // of every word, in turn
	// termsAt[w] is where word w's terms start in terms; termsAt[len(words)] ends the last.
	termsAt []int32
	// entries are the words with synonyms, in the thesaurus's order, and syns their synonyms
	// (words), entry e's from synsAt[e] to synsAt[e+1].
	entries, syns, synsAt []int32
	// byTerm numbers each term of a word; withTerm lists the entries having a synonym
	// with term t, from withTermAt[t] to withTermAt[t+1], ascending.
	byTerm               map[string]int32
	withTerm, withTermAt []int32
}

func (th *compactThesaurus) termsOf(w int32) []string {
	return th.terms[th.termsAt[w]:th.termsAt[w+1]]
}

func (th *compactThesaurus) synonyms(e int) []int32 { return th.syns[th.synsAt[e]:th.synsAt[e+1]] }

// entriesWith are the entries that have a synonym with index term t.
func (th *compactThesaurus) entriesWith(t string) []int32 {
	i, ok := th.byTerm[t]
	if !ok {
		return nil
	}
	return th.withTerm[th.withTermAt[i]:th.withTermAt[i+1]]
}

// lines calls line for each line of text, without its newline.
func lines(text string, line func(string)) {
	for text != "" {
		l, rest, _ := strings.Cut(text, "\n")
		line(l)
		text = rest
	}
}

// readCompactThesaurus reads the analysis of the thesaurus's words and its entries.
func readCompactThesaurus() *compactThesaurus {
	// Sized from the texts, so the slices are allocated once.
	n := strings.Count(thesaurusTermsFile, "\n")
	th := &compactThesaurus{words: make([]string, 0, n), keys: make([]string, 0, n),
		terms: make([]string, 0, n+strings.Count(thesaurusTermsFile, ",")), termsAt: make([]int32, 0, n+1)}
	lines(thesaurusTermsFile, func(l string) {
		word, rest, _ := strings.Cut(l, "|")
		key, terms, _ := strings.Cut(rest, "|")
		th.words = append(th.words, word)
		th.keys = append(th.keys, key)
		th.termsAt = append(th.termsAt, int32(len(th.terms)))
		for terms != "" {
			var t string
			t, terms, _ = strings.Cut(terms, ",")
			th.terms = append(th.terms, t)
		}
	})
	th.termsAt = append(th.termsAt, int32(len(th.terms)))
	if !slices.IsSorted(th.words) {
		panic("search: thesaurus terms are not sorted by word")
	}
	// Words and terms are numbered through maps once; the rest goes by number.
	wordID := make(map[string]int32, len(th.words))
	for i, w := range th.words {
		wordID[w] = int32(i)
	}
	th.byTerm = make(map[string]int32, len(th.terms)/2)
	termID := make([]int32, len(th.terms))
	for i, term := range th.terms {
		t, ok := th.byTerm[term]
		if !ok {
			t = int32(len(th.byTerm))
			th.byTerm[term] = t
		}
		termID[i] = t
	}
	// A word the analysis lacks has no key and no terms, as it would have no use.
	text := thesaurus.Text()
	n = strings.Count(text, "\n")
	th.entries, th.synsAt = make([]int32, 0, n), make([]int32, 0, n+1)
	th.syns = make([]int32, 0, strings.Count(text, "|"))
	lines(text, func(l string) {
		word, syns, _ := strings.Cut(l, "|")
		w, ok := wordID[word]
		if !ok {
			w = -1
		}
		th.entries = append(th.entries, w)
		th.synsAt = append(th.synsAt, int32(len(th.syns)))
		for syns != "" {
			var s string
			s, syns, _ = strings.Cut(syns, "|")
			if w, ok := wordID[s]; ok {
				th.syns = append(th.syns, w)
			}
		}
	})
	th.synsAt = append(th.synsAt, int32(len(th.syns)))
	// Entries by the terms of their synonyms: counted, then placed.
	count := make([]int32, len(th.byTerm))
	last := make([]int32, len(th.byTerm))
	each := func(do func(t, e int32)) {
		for t := range last {
			last[t] = -1
		}
		for e := range th.entries {
			for _, s := range th.synonyms(e) {
				for _, t := range termID[th.termsAt[s]:th.termsAt[s+1]] {
					if last[t] != int32(e) {
						last[t] = int32(e)
						do(t, int32(e))
					}
				}
			}
		}
	}
	each(func(t, _ int32) { count[t]++ })
	th.withTermAt = make([]int32, len(count)+1)
	for t, n := range count {
		th.withTermAt[t+1] = th.withTermAt[t] + n
	}
	th.withTerm = make([]int32, th.withTermAt[len(count)])
	next := slices.Clone(th.withTermAt[:len(count)])
	each(func(t, e int32) { th.withTerm[next[t]] = e; next[t]++ })
	return th
}

// analysedThesaurus is the thesaurus analysed, read once per process.
var analysedThesaurus = sync.OnceValue(readCompactThesaurus)

// analyseThesaurusWord is a thesaurus word as search sees it: its key when a reader types it
// and its terms when the text says it. Numbers, light words and phrases give neither.
func analyseThesaurusWord(an *Analyzer, word string) analysedWord {
	ws := Words(word)
	if len(ws) != 1 || ws[0].Number || an.Light(ws[0]) {
		return analysedWord{}
	}
	var key string
	if q := an.QueryTerms(ws[0]); len(q) > 0 {
		key = q[0]
	}
	return analysedWord{key: key, terms: an.Terms(ws[0])}
}

// thesaurusVocabulary is every word of the thesaurus, sorted.
func thesaurusVocabulary() []string {
	seen := map[string]bool{}
	for _, e := range thesaurus.Entries() {
		seen[e.Word] = true
		for _, s := range e.Synonyms {
			seen[s] = true
		}
	}
	out := make([]string, 0, len(seen))
	for w := range seen {
		out = append(out, w)
	}
	slices.Sort(out)
	return out
}

// writeThesaurusTerms writes the analysis of words as thesaurusTermsFile holds it.
func writeThesaurusTerms(w io.Writer, an *Analyzer, words []string) error {
	bw := bufio.NewWriter(w)
	for _, word := range words {
		writeAnalysis(bw, word, analyseThesaurusWord(an, word))
	}
	return bw.Flush()
}

// writeAnalysis writes one line of an analysis file: "word|key|term,term".
func writeAnalysis(w *bufio.Writer, word string, a analysedWord) {
	fmt.Fprintf(w, "%s|%s|%s\n", word, a.key, strings.Join(a.terms, ","))
}

// parseAnalysis reads an analysis file as writeAnalysis writes it, by word; the strings are
// parts of text.
func parseAnalysis(text string) map[string]analysedWord {
	out := make(map[string]analysedWord, strings.Count(text, "\n"))
	lines(text, func(l string) {
		word, rest, _ := strings.Cut(l, "|")
		key, terms, _ := strings.Cut(rest, "|")
		a := analysedWord{key: key}
		if terms != "" {
			a.terms = strings.Split(terms, ",")
		}
		out[word] = a
	})
	return out
}

// buildSynonyms links each thesaurus word and each entry of the procedure's lists to the
// terms of the index its synonyms have.
func (ix *Index) buildSynonyms(groups []*procedure.SynonymGroup) {
	// Only the approved text is worth reaching through a synonym, and only a word it does not
	// use is expanded (see matches): keys and targets are cut to match.
	at := make(map[string]int, len(ix.terms))
	for i, t := range ix.terms {
		if ix.postings[i][0].doc < ix.helpStart {
			at[t] = i
		}
	}
	// links keeps, per key, its targets in the order met: the thesaurus lists an entry's
	// synonyms from its first sense on, the most common meaning first.
	links := map[string][]int{}
	link := func(key string, own, targets []string, limit int) {
		if _, used := at[key]; key == "" || used || len(links[key]) >= limit {
			return
		}
		if j, ok := linkTarget(at, key, own, targets, nil); ok && !slices.Contains(links[key], j) {
			links[key] = append(links[key], j)
		}
	}
	inIndex := func(terms []string) bool {
		for _, t := range terms {
			if _, ok := at[t]; ok {
				return true
			}
		}
		return false
	}
	// Each entry of a group links to the others. The procedure's own lists (listed) may give
	// keys of any length, each to every other entry; the plain-language list, like the
	// thesaurus, only longer keys, to at most maxSynonyms terms.
	listed := map[string]bool{}
	linkGroup := func(es []analysedWord, own bool) {
		// A group links only to terms of the text: most of the plain-language list's groups
		// have none, and are passed over at the cost of a look-up per entry.
		if !slices.ContainsFunc(es, func(e analysedWord) bool { return inIndex(e.terms) }) {
			return
		}
		limit := maxSynonyms
		if own {
			limit = len(es)
		}
		for i, a := range es {
			listed[a.key] = listed[a.key] || own
			for j, b := range es {
				if i != j {
					link(a.key, a.terms, b.terms, limit)
				}
			}
		}
	}
	// The plain-language list first: written for readers' words, its links are surer than the
	// thesaurus's, which fills what is left of a key's share.
	for _, g := range analysedPlainLanguage() {
		linkGroup(g, false)
	}
	ix.plain = plainLinks(analysedPlainLanguage(), at, ix.postings)
	plainKey := plainLanguageKeys()
	// Only the entries with a synonym the text uses can link: found through the terms of
	// the text, and taken in the thesaurus's order.
	th := analysedThesaurus()
	var cands []int32
	seen := map[int32]bool{}
	for t := range at {
		for _, e := range th.entriesWith(t) {
			if !seen[e] {
				seen[e] = true
				cands = append(cands, e)
			}
		}
	}
	slices.Sort(cands)
	for _, e := range cands {
		w := th.entries[e]
		if w < 0 {
			continue // a word without analysis has no key
		}
		for _, s := range th.synonyms(int(e)) {
			if terms := th.termsOf(s); inIndex(terms) {
				if !plainKey[th.keys[w]] {
					link(th.keys[w], th.termsOf(w), terms, maxSynonyms)
				}
			}
		}
	}
	for _, g := range groups {
		linkGroup(analyseGroup(ix.an, g.Words), true)
	}
	ix.syn = make([]synonym, 0, len(links))
	for key, ts := range links {
		if utf8.RuneCountInString(key) < minSynonymKey && !listed[key] {
			continue
		}
		targets := slices.Clone(ts)
		slices.Sort(targets)
		ix.syn = append(ix.syn, synonym{key, targets})
	}
	compare := utf16Order(slices.Collect(maps.Keys(links)))
	slices.SortFunc(ix.syn, func(a, b synonym) int { return compare(a.key, b.key) })
}

// linkTarget is the term of the index a synonym with terms targets stands for, given as its
// number: one term of each synonym, the first the index has (its main stem) that is not the
// key or one of the key's own terms, and that keep, when given, accepts.
func linkTarget(at map[string]int, key string, own, targets []string, keep func(int) bool) (int, bool) {
	for _, t := range targets {
		j, ok := at[t]
		if ok && t != key && !slices.Contains(own, t) && (keep == nil || keep(j)) {
			return j, true
		}
	}
	return 0, false
}

// plainLinks links each term of the approved text (at: term to its number) that is the key
// of an entry of the plain-language groups to the text's terms of the group's other entries,
// at most maxSynonyms of them, in the list's order: «pedir» in a text that says «pedir» and
// «solicitar». A word the text uses is found by itself first; these links let the sections
// that use the other word follow, far below (see plainFactor).
func plainLinks(groups [][]analysedWord, at map[string]int, postings [][]posting) map[int][]int {
	// adds reports whether term to is in a result that term from is not: a link to a term
	// only the word's own results say would find nothing more, and would only weigh.
	adds := func(from, to int) bool {
		f := postings[from] // both in the order of the results
		for _, p := range postings[to] {
			for len(f) > 0 && f[0].doc < p.doc {
				f = f[1:]
			}
			if len(f) == 0 || f[0].doc != p.doc {
				return true
			}
		}
		return false
	}
	out := map[int][]int{}
	for _, g := range groups {
		for i, a := range g {
			from, used := at[a.key]
			if !used {
				continue
			}
			for j, b := range g {
				if i == j || len(out[from]) >= maxSynonyms {
					continue
				}
				to, ok := linkTarget(at, a.key, a.terms, b.terms, func(to int) bool { return adds(from, to) })
				if ok && !slices.Contains(out[from], to) {
					out[from] = append(out[from], to)
				}
			}
		}
	}
	return out
}

// synonymsOf are the terms key expands to.
func (ix *Index) synonymsOf(key string) []int {
	i, ok := slices.BinarySearchFunc(ix.syn, key, func(s synonym, k string) int { return compareUTF16(s.key, k) })
	if !ok {
		return nil
	}
	return ix.syn[i].targets
}

// maxSynonyms is the most terms of the index a thesaurus word expands to, its first
// synonyms in the thesaurus's order.
const maxSynonyms = 2

// minSynonymKey is the shortest key the thesaurus gives: a stem of two or three letters
// stands for too many words. The procedure's own lists may give any.
const minSynonymKey = 4

// maxPhrase is the most words of a phrase in a synonym list that a query is searched for.
const maxPhrase = 3

// phrase finds, from word i of a query (given as the query terms of each word, nil for a stop
// word), the longest phrase of two or more words that is a synonym key. It returns how many
// words the phrase spans, stop words between its words included, and its targets; 0 when
// none starts at i.
func (ix *Index) phrase(exacts [][]string, i int) (int, []int) {
	if len(exacts[i]) == 0 {
		return 0, nil
	}
	key := exacts[i][0]
	span, words := 0, 1
	var targets []int
	for j := i + 1; j < len(exacts) && words < maxPhrase; j++ {
		if len(exacts[j]) == 0 {
			continue
		}
		key += " " + exacts[j][0]
		words++
		if t := ix.synonymsOf(key); t != nil {
			span, targets = j-i+1, t
		}
	}
	return span, targets
}

// synKeys are the synonym keys, in order.
func (ix *Index) synKeys() []string {
	out := make([]string, len(ix.syn))
	for i, s := range ix.syn {
		out[i] = s.key
	}
	return out
}

// Prepare reads and analyses the thesaurus and the plain-language list that Build links
// synonyms with, once per process.
// Build does it when it first needs it; a build calls it beforehand on a core that reading
// the source leaves idle, since it depends on nothing in the project.
func Prepare() {
	analysedThesaurus()
	plainLanguageKeys()
}
