package search

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// How query words match index terms. The browser reads these from the index, so both sides
// rank alike.
const (
	// prefixFactor discounts a term completed from the word being typed: the reader may
	// mean it, but has not said it yet.
	prefixFactor = 0.7
	// minPrefix is the shortest typed word completed to longer terms.
	minPrefix = 2
	// maxPrefix caps how many completions of one typed word count, the most frequent first,
	// so a two-letter prefix on a large manual stays fast.
	maxPrefix = 50
	// fuzzyFactor discounts a term one edit away from a word that matches nothing; two edits
	// away, its square.
	fuzzyFactor = 0.5
	// fuzzyMin1 and fuzzyMin2 are the word lengths from which one and two edits are
	// forgiven: shorter words have too many neighbours.
	fuzzyMin1 = 4
	fuzzyMin2 = 8
	// minStemInWord is the shortest term that counts as the start of a longer word, and
	// maxRestInWord the most letters the word may have beyond it.
	minStemInWord = 4
	maxRestInWord = 3
	// nearFactor raises a result's score for each pair of neighbouring query words that
	// stand side by side in its heading or in one of its passages (stop words aside):
	// "asistencia física" is better answered where the text says it than where the two
	// words lie apart.
	nearFactor = 0.25
	// MaxResults is how many results a query shows; the same number of best results are
	// checked for neighbouring words before the final order.
	MaxResults = 20
)

// How query words weigh and how kinds of text rank. The browser reads these from the index.
const (
	// lightFactor is the weight of a light word (a question word, a filler verb) against a
	// content word of the same query; it does not count in the share of the query a result
	// answers.
	lightFactor = 0.1
	// synonymFactor discounts a term reached through a synonym: the reader's own word, where
	// the text says it, comes first.
	synonymFactor = 0.6
	// helpFactor discounts a help page against the procedure and the decree, which are the
	// approved text a reader of the manual looks for.
	helpFactor = 0.5
	// plainFactor is the weight of a term the plain-language list links to a word the text
	// uses (see plainLinks): the sections that say the word come first, those that say its
	// other name follow, above the ones that say neither.
	plainFactor = 0.15
)

// How says how a query word matched a term of a result.
type How int

const (
	// Exact: the word's own term.
	Exact How = iota
	// Prefix: a term the word being typed starts.
	Prefix
	// Typo: a term within the edits the word's length allows.
	Typo
	// Synonym: a synonym of the word, from the thesaurus or the procedure's own list.
	Synonym
	// Part: one word of a phrase of the procedure's synonym lists, found alone.
	Part
	// Asked: a cue of a question the query asks (see Questions).
	Asked
)

// Hit is one result of a query.
type Hit struct {
	Entry Entry // the heading entry the result links to
	Score float64
	// Help is true for a heading of a content page: help, not the approved text.
	Help bool
	// Words are, per query word the result matches, the term that gave its score.
	Words []HitWord

	doc int // the result's number in the index
}

// Surface is a word of the result, as its text writes it (or else its keywords), that has
// term: what a match of term found there. "" when none has it.
func (ix *Index) Surface(h Hit, term string) string {
	texts := append([]string{ix.Entries[ix.results[h.doc]].Heading}, ix.docs[h.doc]...)
	texts = append(texts, ix.keywords[h.doc]...)
	for _, text := range texts {
		for _, w := range Words(text) {
			if slices.Contains(ix.an.Terms(w), term) {
				return w.Lower
			}
		}
	}
	return ""
}

// HitWord is a query word as a result matched it.
type HitWord struct {
	Query string // the query word (or phrase), folded
	Term  string // the index term it matched
	How   How
	Light bool // a light word: see LightWords
	// Keyword is true when the term is in the result's keywords (search.keywords) and not in
	// its text: the match came from a word readers use for it, which the page does not show.
	Keyword bool
}

// fromKeyword reports whether term is in the keywords of result doc and not in its text.
func (ix *Index) fromKeyword(doc int, term string) bool {
	has := func(texts []string) bool {
		for _, text := range texts {
			for _, w := range Words(text) {
				if slices.Contains(ix.an.Terms(w), term) {
					return true
				}
			}
		}
		return false
	}
	if len(ix.keywords[doc]) == 0 || !has(ix.keywords[doc]) {
		return false
	}
	return !has(append([]string{ix.Entries[ix.results[doc]].Heading}, ix.docs[doc]...))
}

type match struct {
	term   int
	factor float64
	how    How
}

// queryWord is one word (or phrase of a synonym list) of a query with the terms it matches.
type queryWord struct {
	text   string
	light  bool
	weight float64 // 1, or lightFactor for a light word among content words
	ms     []match
}

// Search ranks the results for a query as the browser does: by score, help pages at a
// discount, and no help page above a section of the procedure or the decree that says every
// content word of the query.
func (ix *Index) Search(query string) []Hit {
	scores := map[int]float64{}
	matched := map[int]int{} // how many of the query's content words each result matches
	own := map[int]int{}     // how many it matches by the word itself, not by a synonym
	words := ix.matches(query)
	total := 0                             // content words: light words weigh in the score only
	asked := 0                             // of them, the cues of a question (see Questions)
	why := make([]map[int]int, len(words)) // per word, per result: the match that scored
	for i, qw := range words {
		best := map[int]float64{}
		why[i] = map[int]int{}
		for k, m := range qw.ms {
			for _, p := range ix.postings[m.term] {
				if s := float64(p.weight) * m.factor; s > best[p.doc] {
					best[p.doc] = s
					why[i][p.doc] = k
				}
			}
		}
		// Each result's sum runs over the query words in order, as in the browser, so
		// both sides compute the same floating-point score.
		for d, s := range best {
			w := qw.weight
			if qw.light && qw.ms[0].how == Asked && matched[d] == 0 {
				// A question's cue ranks what the query's words find; alone it is a light word.
				w = lightFactor
			}
			scores[d] += s * w
			if !qw.light {
				matched[d]++
				if h := qw.ms[why[i][d]].how; h != Synonym && h != Part && h != Asked {
					own[d]++
				}
			}
		}
		if !qw.light {
			total++
			if qw.ms[0].how == Asked {
				asked++
			}
		}
	}
	// A result that answers every word of the query beats one that answers some of them
	// strongly: each score is scaled by the share of words it matches (Lucene's coord).
	if total > 1 {
		for d := range scores {
			scores[d] = scores[d] * float64(matched[d]) / float64(total)
		}
	}
	for d := range scores {
		if d >= ix.helpStart {
			scores[d] *= helpFactor
		}
	}
	// tier: 2 for the approved text that says every content word of the query (a synonym
	// does not count: a help page that says the reader's words is a better answer); 1 for
	// any other result of a content word; 0 for a result of light words only, which come
	// after every result of what the query asks (the keywords of search.keywords, often
	// questions, say light words often). Tier 2 decides which results are kept, and keeps
	// help pages below it (see helpBelowFullMatches); among the approved text's sections,
	// the scores, already scaled by the share of words matched, decide the order: a step
	// whose heading names what is asked outranks one that mentions every word in passing.
	tier := func(d int) int {
		switch {
		case d < ix.helpStart && own[d] == total-asked:
			return 2
		case matched[d] > 0 || total == 0:
			return 1
		}
		return 0
	}
	docs := make([]int, 0, len(scores))
	for d := range scores {
		docs = append(docs, d)
	}
	byScore := func(a, b int) int {
		if c := cmp.Compare(tier(b), tier(a)); c != 0 {
			return c
		}
		if c := cmp.Compare(scores[b], scores[a]); c != 0 {
			return c
		}
		return a - b
	}
	slices.SortFunc(docs, byScore)
	if len(docs) > MaxResults {
		docs = docs[:MaxResults]
	}
	shownOrder := func(a, b int) int {
		if c := cmp.Compare(min(tier(b), 1), min(tier(a), 1)); c != 0 {
			return c
		}
		if c := cmp.Compare(scores[b], scores[a]); c != 0 {
			return c
		}
		return a - b
	}
	if len(words) > 1 {
		sets := make([]map[string]bool, len(words))
		for i, qw := range words {
			sets[i] = map[string]bool{}
			if qw.light {
				continue // light words do not make a phrase
			}
			for _, m := range qw.ms {
				sets[i][ix.terms[m.term]] = true
			}
		}
		for _, d := range docs {
			if pairs := ix.nearPairs(d, sets); pairs > 0 {
				scores[d] *= 1 + nearFactor*float64(pairs)
			}
		}
	}
	slices.SortFunc(docs, shownOrder)
	docs = helpBelowFullMatches(docs, func(d int) bool { return d >= ix.helpStart }, func(d int) bool { return tier(d) == 2 })
	hits := make([]Hit, len(docs))
	for i, d := range docs {
		h := Hit{Entry: ix.Entries[ix.results[d]], Score: scores[d], Help: d >= ix.helpStart, doc: d}
		for w, qw := range words {
			if k, ok := why[w][d]; ok {
				m := qw.ms[k]
				term := ix.terms[m.term]
				h.Words = append(h.Words, HitWord{Query: qw.text, Term: term, How: m.how, Light: qw.light,
					Keyword: ix.fromKeyword(d, term)})
			}
		}
		hits[i] = h
	}
	return hits
}

// helpBelowFullMatches moves the help pages that stand above the last result saying every
// content word to just below it, keeping their order: for a reader of the manual the
// approved text comes first, wherever it answers the whole query.
func helpBelowFullMatches(docs []int, help, full func(int) bool) []int {
	last := -1
	for i, d := range docs {
		if full(d) {
			last = i
		}
	}
	out := make([]int, 0, len(docs))
	var moved []int
	for i, d := range docs {
		if i < last && help(d) {
			moved = append(moved, d)
			continue
		}
		out = append(out, d)
		if i == last {
			out = append(out, moved...)
		}
	}
	return out
}

// nearPairs counts the neighbouring query words (each given as its set of matched terms)
// that stand side by side in the result's heading or in one of its passages.
func (ix *Index) nearPairs(doc int, words []map[string]bool) int {
	found := make([]bool, len(words)-1)
	for _, seq := range ix.sequences()[doc] {
		for p := 0; p+1 < len(seq); p++ {
			for i := range found {
				if !found[i] && hasAny(words[i], seq[p]) && hasAny(words[i+1], seq[p+1]) {
					found[i] = true
				}
			}
		}
	}
	n := 0
	for _, f := range found {
		if f {
			n++
		}
	}
	return n
}

func hasAny(set map[string]bool, terms []string) bool {
	for _, t := range terms {
		if set[t] {
			return true
		}
	}
	return false
}

// matches returns the words of the query that can match, each with the terms it matches.
// Consecutive words that form a phrase of the procedure's synonym lists count as one word.
func (ix *Index) matches(query string) []queryWord {
	words := Words(query)
	typing := query != "" && !unicode.IsSpace(lastRune(query))
	content, lights := 0, 0
	exacts := make([][]string, len(words))
	for i, w := range words {
		exacts[i] = ix.an.QueryTerms(w)
		if exacts[i] != nil {
			if ix.an.Light(w) {
				lights++
			} else {
				content++
			}
		}
	}
	var out []queryWord
	for i := 0; i < len(words); i++ {
		w := words[i]
		last := typing && i == len(words)-1
		exact := exacts[i]
		if exact == nil && !(last && content+lights == 0) {
			continue
		}
		light := ix.an.Light(w) && content > 0
		qw := queryWord{text: w.Fold, light: light, weight: 1}
		if light {
			qw.weight = lightFactor
		}
		if n, targets := ix.phrase(exacts, i); n > 1 {
			// A phrase of a synonym list stands for its synonyms; each of its words alone
			// is weaker evidence ("data" of "data show" is not the projector), so it counts
			// below them.
			var texts []string
			for _, j := range targets {
				qw.ms = addMatch(qw.ms, match{term: j, factor: synonymFactor, how: Synonym})
			}
			for _, x := range words[i : i+n] {
				texts = append(texts, x.Fold)
				for _, t := range ix.an.QueryTerms(x) {
					if j, ok := ix.find(t); ok {
						qw.ms = addMatch(qw.ms, match{term: j, factor: synonymFactor * synonymFactor, how: Part})
					}
				}
			}
			qw.text, qw.light, qw.weight = strings.Join(texts, " "), false, 1
			out = append(out, qw)
			i += n - 1
			continue
		}
		for _, t := range exact {
			if j, ok := ix.find(t); ok {
				qw.ms = append(qw.ms, match{term: j, factor: 1, how: Exact})
			}
		}
		if last && utf8.RuneCountInString(w.Fold) >= minPrefix {
			qw.ms = append(qw.ms, ix.completions(w.Fold, qw.ms)...)
		}
		if !light && !ix.approved(qw.ms) && !(len(qw.ms) == 0 && ix.mistyped(w)) {
			// Only a word the approved text does not use: where it does, the reader's own
			// word is found, and a synonym would only add noise. A word one edit from a
			// word of the text is that word mistyped, not a word of its own: the synonyms
			// of its stem ("proyecter", read as proyectar: plan) would lead elsewhere.
			for _, t := range exact {
				for _, j := range ix.synonymsOf(t) {
					qw.ms = addMatch(qw.ms, match{term: j, factor: synonymFactor, how: Synonym})
				}
			}
		}
		if !light && ix.approved(qw.ms) {
			if j, ok := ix.find(exact[0]); ok {
				for _, k := range ix.plain[j] {
					qw.ms = addMatch(qw.ms, match{term: k, factor: plainFactor, how: Synonym})
				}
			}
		}
		if len(qw.ms) == 0 && !w.Number {
			qw.ms = ix.fuzzy(w, exact)
		}
		if len(qw.ms) > 0 {
			out = append(out, qw)
		}
	}
	return append(out, ix.questionWords(words, content)...)
}

// approved reports whether one of the exact matches occurs in the manual or the decree.
func (ix *Index) approved(ms []match) bool {
	for _, m := range ms {
		if m.how == Exact && ix.postings[m.term][0].doc < ix.helpStart {
			return true
		}
	}
	return false
}

// addMatch appends m unless its term is matched already.
func addMatch(ms []match, m match) []match {
	for _, x := range ms {
		if x.term == m.term {
			return ms
		}
	}
	return append(ms, m)
}

// find is where term is, or would be, among the sorted terms.
func (ix *Index) find(term string) (int, bool) {
	return slices.BinarySearchFunc(ix.terms, term, compareUTF16)
}

// completions are the terms that start with prefix, other than those already matched, the
// most frequent first.
func (ix *Index) completions(prefix string, have []match) []match {
	lo, _ := ix.find(prefix)
	var cands []int
	for j := lo; j < len(ix.terms) && strings.HasPrefix(ix.terms[j], prefix); j++ {
		if !slices.ContainsFunc(have, func(m match) bool { return m.term == j }) {
			cands = append(cands, j)
		}
	}
	slices.SortStableFunc(cands, func(a, b int) int { return len(ix.postings[b]) - len(ix.postings[a]) })
	if len(cands) > maxPrefix {
		cands = cands[:maxPrefix]
	}
	ms := make([]match, len(cands))
	for i, j := range cands {
		ms[i] = match{term: j, factor: prefixFactor, how: Prefix}
	}
	return ms
}

// fuzzy are, for a word that matches nothing as written, the terms within the edits its
// length allows of its stem or of the word itself, and the terms of four letters or more
// that the word starts with, short of at most three letters, taken as one edit away: an
// ending the stemmer does not know ("impresión" starts with impres, from "impresa") or one
// mistyped ("clavez" starts with clav, from "claves").
func (ix *Index) fuzzy(w Word, stems []string) []match {
	n := utf8.RuneCountInString(w.Fold)
	k := 0
	switch {
	case n >= fuzzyMin2:
		k = 2
	case n >= fuzzyMin1:
		k = 1
	}
	if k == 0 {
		return nil
	}
	probes := [][]rune{[]rune(w.Fold)}
	for _, s := range stems {
		// A stem shorter than a word typos are forgiven in has too many neighbours.
		if utf8.RuneCountInString(s) >= fuzzyMin1 {
			probes = append(probes, []rune(s))
		}
	}
	starts := map[int]bool{}
	for l := max(minStemInWord, len(probes[0])-maxRestInWord); l < len(probes[0]); l++ {
		if j, ok := ix.find(string(probes[0][:l])); ok {
			starts[j] = true
		}
	}
	var ms []match
	for j, t := range ix.terms {
		tr := []rune(t)
		d := k + 1
		for _, p := range probes {
			d = min(d, editDistance(p, tr, k))
		}
		if starts[j] {
			d = min(d, 1)
		}
		if d <= k {
			f := fuzzyFactor
			if d == 2 {
				f = fuzzyFactor * fuzzyFactor
			}
			ms = append(ms, match{term: j, factor: f, how: Typo})
		}
	}
	return ms
}

// mistyped reports whether a word long enough to forgive a typo in is one edit from a term
// of the index, as written (its stem aside).
func (ix *Index) mistyped(w Word) bool {
	r := []rune(w.Fold)
	if w.Number || len(r) < fuzzyMin1 {
		return false
	}
	for _, t := range ix.terms {
		if editDistance(r, []rune(t), 1) <= 1 {
			return true
		}
	}
	return false
}

// editDistance is the optimal string alignment distance between a and b (insertions,
// deletions, substitutions and swaps of two neighbours), or k+1 when it exceeds k.
func editDistance(a, b []rune, k int) int {
	if abs(len(a)-len(b)) > k {
		return k + 1
	}
	// Three rows: the one before last for swaps.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > k {
			return k + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], k+1)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
