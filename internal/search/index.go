package search

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/requinoa/pauta/internal/markdown"
	"github.com/requinoa/pauta/internal/procedure"
)

// Kind says what an entry is, which decides how much its words weigh in its result's score.
type Kind int

const (
	// KindHeading is a place with a heading: a manual section or step, a part of the decree,
	// a heading of a content page. Results are always headings.
	KindHeading Kind = iota
	// KindItem is text under a heading with an anchor of its own: a manual item, a decree
	// paragraph, a signatory.
	KindItem
	// KindCheck is a line of the session checklist, shown beside the section it comes from.
	KindCheck
)

// Entry is one place of the site a reader can land on.
type Entry struct {
	Kind Kind
	// Href is the entry's address relative to the site root: "index.html#ingresar-id-anydesk".
	Href string
	// Heading is the heading of the result that shows the entry, as the page prints it:
	// "3. Inicio de Sesión en AnyDesk".
	Heading string
	// Breadcrumb is where the result sits: the page, then the sections that contain it,
	// e.g. "Manual › Procedimientos".
	Breadcrumb string
	// Text is the entry's own text, plain, one passage a line (for a heading, the text under
	// it before any item or sub-section).
	Text string
	// Result is the index of the heading entry a result for this entry links to: itself for
	// a heading, the section of an item.
	Result int
}

// crumbSep separates the parts of a breadcrumb.
const crumbSep = " › "

// The fields of a result, each weighted by fieldParams.
const (
	fieldHeading = iota
	fieldBody
	fieldChecks
	fieldContext
	fieldKeywords
	numFields
)

// fieldParams are the BM25F parameters of a field: a heading word weighs three body words,
// a checklist line or a containing section's heading half of one, because those paraphrase
// or frame the text rather than say it. Heading length hardly matters (b is low): a long
// heading is not a worse match. A keyword (search.keywords) is a word readers use for the
// section, chosen for it like its heading but not its text; a long list of them is no
// worse a match either.
func fieldParams(f int) (weight, b float64) {
	switch f {
	case fieldHeading:
		return 3, 0.3
	case fieldBody:
		return 1, 0.75
	case fieldChecks:
		return 0.5, 0.75
	case fieldKeywords:
		return keywordWeight, 0.3
	default: // fieldContext
		return 0.5, 0.3
	}
}

// keywordWeight is the weight of a keyword against a word of the text: between a heading's
// and the text's, as a keyword is chosen for its section like a heading but is not its text.
// The dev query sets rank alike with any weight from 1 to 3.
const keywordWeight = 2

const (
	k1 = 1.2
	// weightScale turns a BM25F weight into the integer the index ships. One decimal ranks
	// the query sets as two did, and the shorter numbers keep the Requínoa index under its
	// 8 KB budget.
	weightScale = 10
)

// Index is the search index of one procedure.
type Index struct {
	// Entries are every indexed place, in document order: manual, decree, pages.
	Entries []Entry

	an       *Analyzer
	results  []int       // entry index of each result (doc), in document order
	terms    []string    // sorted
	postings [][]posting // per term, by ascending doc
	docs     [][]string  // passages per result, for snippets
	seqsOnce sync.Once
	seqs     [][][][]string // see sequences
	// helpStart is the first result that is a heading of a content page: results are in
	// document order, manual, decree, pages.
	helpStart int
	syn       []synonym // sorted by key; see buildSynonyms
	// plain links a term of the approved text to the other terms of it that the
	// plain-language list gives for the same thing (see buildSynonyms), by term number.
	plain map[int][]int
	// keywords are the keyword phrases of each result (search.keywords), for pauta buscar to
	// say a match came from one; the browser needs only their weights.
	keywords map[int][]string
}

type posting struct {
	doc    int
	weight int // BM25F weight × weightScale
}

// Build indexes the procedure: its manual, its decree and its content pages. md renders
// its Markdown; nil makes a new renderer.
func Build(p *procedure.Procedure, md *markdown.Renderer) *Index { return build(p, md, true) }

// build is Build; halves says whether a long manual may be counted in two halves.
func build(p *procedure.Procedure, md *markdown.Renderer, halves bool) *Index {
	b := &builder{md: markdown.For(md, p.Markdown.AllowHTML), ix: &Index{an: NewAnalyzer()}, halves: halves}
	b.keywords = map[int][]string{}
	b.manual(p)
	b.decree(p)
	b.pages(p)
	b.placeKeywords(p.Search.Keywords)
	b.finish()
	b.ix.buildSynonyms(p.Search.Synonyms)
	return b.ix
}

type builder struct {
	md     *markdown.Renderer
	ix     *Index
	halves bool // see half
	// firstPage is the first entry of the content pages.
	firstPage int
	// context holds, per entry, the words that frame it without being its text: the headings
	// of the sections that contain it.
	context []string
	// keywords holds the keyword phrases of heading entries, by entry.
	keywords map[int][]string
}

// placeKeywords gives each keyword list to the heading entry of its place. A place the text
// does not have is skipped: an older version, built with the working source's search
// settings, may lack a section they name (the working source is validated).
func (b *builder) placeKeywords(ks procedure.Keywords) {
	if len(ks) == 0 {
		return
	}
	byHref := map[string]int{}
	decreeTitle := ""
	for i, e := range b.ix.Entries {
		if e.Kind != KindHeading {
			continue
		}
		byHref[e.Href] = i
		if decreeTitle == "" && strings.HasPrefix(e.Href, procedure.DecreePage+".html#") {
			decreeTitle = e.Href // the decree's first heading is its title
		}
	}
	for _, k := range ks {
		page, anchor := k.Target()
		href := ""
		switch {
		case page == "":
			href = "index.html#" + anchor
		case page == procedure.DecreePage && anchor == "":
			href = decreeTitle
		case anchor == "":
			href = page + ".html"
		default:
			href = page + ".html#" + anchor
		}
		if i, ok := byHref[href]; ok {
			b.keywords[i] = append(b.keywords[i], k.Phrases...)
		}
	}
}

func (b *builder) add(e Entry, context string) int {
	i := len(b.ix.Entries)
	if e.Kind == KindHeading {
		e.Result = i
	}
	b.ix.Entries = append(b.ix.Entries, e)
	b.context = append(b.context, context)
	return i
}

func (b *builder) manual(p *procedure.Procedure) {
	var walk func(ss []*procedure.Section, crumbs []string)
	walk = func(ss []*procedure.Section, crumbs []string) {
		for _, s := range ss {
			crumb := strings.Join(append([]string{"Manual"}, crumbs...), crumbSep)
			context := strings.Join(crumbs, " ")
			if s.Number != "" && s.Parent != nil && s.Parent.Label != "" {
				// "paso 3" finds step 3: the number is in the heading, the label here.
				context += " " + s.Parent.Label
			}
			res := b.add(Entry{Kind: KindHeading, Href: "index.html#" + s.ID, Heading: s.Heading(),
				Breadcrumb: crumb, Text: b.md.Plain(string(s.Text))}, context)
			for _, it := range s.Items {
				b.add(Entry{Kind: KindItem, Href: "index.html#" + it.ID, Heading: s.Heading(),
					Breadcrumb: crumb, Text: oneLine(b.md.Plain(string(it.Text))), Result: res}, "")
			}
			for _, c := range s.Checks {
				// Checklist lines have no anchor of their own on the page.
				b.add(Entry{Kind: KindCheck, Href: "index.html#" + s.ID, Heading: s.Heading(),
					Breadcrumb: crumb, Text: oneLine(c.Text), Result: res}, "")
			}
			walk(s.Sections, append(slices.Clone(crumbs), s.Heading()))
		}
	}
	walk(p.Manual.Sections, nil)
}

// decree indexes the decree page: its title with the subject, and its parts with their
// paragraphs. The ids and headings are those of the theme's decree.html. The annex repeats
// the manual, which is indexed once, on index.html.
func (b *builder) decree(p *procedure.Procedure) {
	d := &p.Decree
	crumb := d.LongCitation() // as the pages write it in running text
	var head []string
	head = append(head, d.Subject, d.Place+", "+d.Date.Stamp(), d.Opening, d.Closing)
	if d.Initials != "" {
		head = append(head, d.Initials)
	}
	title := b.add(Entry{Kind: KindHeading, Href: "decreto.html#decreto-" + strconv.Itoa(d.Number),
		Heading: d.Title(), Breadcrumb: crumb, Text: strings.Join(head, "\n")}, "")
	for _, s := range d.Signatories {
		b.add(Entry{Kind: KindItem, Href: "decreto.html#" + s.ID, Heading: d.Title(), Breadcrumb: crumb,
			Text: s.Name + ", " + s.RoleLine(), Result: title}, "")
	}
	// The parts stand inside the decree: its title is their context, as a manual section's
	// parents are its own, so a query that names the decree and what one part says finds
	// that part («a quién se distribuye el decreto»).
	part := func(id, heading string, paras []*procedure.Paragraph) {
		if len(paras) == 0 {
			return
		}
		res := b.add(Entry{Kind: KindHeading, Href: "decreto.html#" + id, Heading: heading, Breadcrumb: crumb}, d.Title())
		b.partWords(res, id)
		for _, para := range paras {
			b.add(Entry{Kind: KindItem, Href: "decreto.html#" + para.ID, Heading: heading, Breadcrumb: crumb,
				Text: oneLine(b.md.Plain(string(para.Text))), Result: res}, "")
		}
	}
	part("vistos", "VISTOS", d.Vistos)
	part("considerando", "CONSIDERANDO", d.Considerando)
	part("resuelvo", "DECRETO", d.Resolutions)
	if len(d.Distribution) > 0 {
		res := b.add(Entry{Kind: KindHeading, Href: "decreto.html#distribucion", Heading: "DISTRIBUCIÓN",
			Breadcrumb: crumb, Text: strings.Join(d.Distribution, "\n")}, d.Title())
		b.partWords(res, "distribucion")
	}
}

// partWords gives the decree's part id, indexed as entry i, the words readers use for it.
func (b *builder) partWords(i int, id string) {
	if ws := decreePartWords[id]; len(ws) > 0 {
		b.keywords[i] = append(b.keywords[i], ws...)
	}
}

// decreePartWords are the words readers use for the parts every municipal decree has, which
// its headings do not say: «¿a quién se le envió copia?» asks for the DISTRIBUCIÓN, «¿por qué
// se dictó?» for the CONSIDERANDO. They are the parts' keywords, as if each procedure's
// search.keywords listed them, and are indexed only where the decree has the part.
var decreePartWords = map[string][]string{
	"vistos":       {"normas legales", "leyes", "facultades", "atribuciones"},
	"considerando": {"motivos", "razones", "justificación"},
	"distribucion": {"destinatarios", "copias", "envío", "enviado", "recibe copia"},
}

// pages indexes each content page at its headings, with the anchors the page itself gives
// them; the text before the first heading belongs to the page's title.
func (b *builder) pages(p *procedure.Procedure) {
	b.firstPage = len(b.ix.Entries)
	for _, pg := range p.Pages {
		sections := b.md.Sections(markdown.WithoutTitle(string(pg.Body), pg.Title))
		intro := ""
		if len(sections) > 0 && sections[0].Heading.Text == "" {
			intro = sections[0].Text
			sections = sections[1:]
		}
		b.add(Entry{Kind: KindHeading, Href: pg.ID + ".html", Heading: pg.Title, Breadcrumb: pg.Title,
			Text: strings.TrimSpace(intro)}, "")
		// open holds the headings that contain the current one, by level.
		var open []markdown.Heading
		for _, s := range sections {
			s.Heading.Text = oneLine(s.Heading.Text)
			for len(open) > 0 && open[len(open)-1].Level >= s.Heading.Level {
				open = open[:len(open)-1]
			}
			crumbs := []string{pg.Title}
			var context []string
			for _, h := range open {
				crumbs = append(crumbs, h.Text)
				context = append(context, h.Text)
			}
			b.add(Entry{Kind: KindHeading, Href: pg.ID + ".html#" + s.Heading.ID, Heading: s.Heading.Text,
				Breadcrumb: strings.Join(crumbs, crumbSep), Text: strings.TrimSpace(s.Text)}, strings.Join(context, " "))
			open = append(open, s.Heading)
		}
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// compareUTF16 orders strings as JavaScript's < does, by UTF-16 code units, so the browser
// can binary-search the terms Go sorted. It differs from Go's byte order only for characters
// beyond U+FFFF.
func compareUTF16(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return cmp.Compare(utf16Key(ra), utf16Key(rb))
		}
		a, b = a[na:], b[nb:]
	}
	return cmp.Compare(len(a), len(b))
}

// utf16Key is a rune's first UTF-16 code unit, widened so that a character beyond U+FFFF
// (a surrogate pair) sorts between U+D7FF and U+E000, as its high surrogate does.
func utf16Key(r rune) int {
	if r > 0xffff {
		r1, _ := utf16.EncodeRune(r)
		return int(r1)<<16 | int(r&0xffff)
	}
	return int(r) << 16
}

// finish computes the BM25F weight of every term in every result. A long manual has
// millions of words, so terms are numbered as they are met and counted in flat postings.
func (b *builder) finish() {
	ix := b.ix
	docOf := map[int]int{} // result entry → doc
	ix.helpStart = -1
	for i, e := range ix.Entries {
		if i == b.firstPage && ix.helpStart < 0 {
			ix.helpStart = len(ix.results)
		}
		if e.Kind == KindHeading {
			docOf[i] = len(ix.results)
			ix.results = append(ix.results, i)
			ix.docs = append(ix.docs, nil)
		}
	}
	if ix.helpStart < 0 {
		ix.helpStart = len(ix.results)
	}
	for i, ks := range b.keywords {
		if ix.keywords == nil {
			ix.keywords = map[int][]string{}
		}
		ix.keywords[docOf[i]] = ks
	}
	n := len(ix.results)
	lens := make([][numFields]float64, n)
	countRange := func(t *termCounter, from, to int) {
		for i := from; i < to; i++ {
			e := ix.Entries[i]
			doc := docOf[e.Result]
			field := fieldBody
			switch e.Kind {
			case KindHeading:
				lens[doc][fieldHeading] += t.count(doc, fieldHeading, e.Heading)
				lens[doc][fieldContext] += t.count(doc, fieldContext, b.context[i])
				for _, k := range b.keywords[i] {
					lens[doc][fieldKeywords] += t.count(doc, fieldKeywords, k)
				}
			case KindCheck:
				field = fieldChecks
			}
			for _, line := range strings.Split(e.Text, "\n") {
				if line = strings.TrimSpace(line); line != "" {
					lens[doc][field] += t.count(doc, field, line)
					ix.docs[doc] = append(ix.docs[doc], line)
				}
			}
		}
	}
	// A long manual is counted in two halves side by side: the index is often the last part
	// of a build to finish. Each half holds whole results, so their counts only add up. The
	// halves share the analysis of words: most words of a manual occur in both, and
	// stemming is most of counting.
	mid := b.half()
	firstEnd := len(ix.Entries)
	if mid > 0 {
		firstEnd = mid
	}
	terms := newSharedTerms(ix.an, distinctWords(ix.Entries))
	t := newTermCounter(terms, distinctWords(ix.Entries[:firstEnd]))
	counters := []*termCounter{t}
	if mid > 0 {
		second := newTermCounter(terms, distinctWords(ix.Entries[mid:]))
		counters = append(counters, second)
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			countRange(second, mid, len(ix.Entries))
		}()
		countRange(t, 0, mid)
		wg.Wait()
	} else {
		countRange(t, 0, len(ix.Entries))
	}
	var avg [numFields]float64
	for _, l := range lens {
		for f := range numFields {
			avg[f] += l[f] / float64(n)
		}
	}
	// The terms are sorted while their postings are weighted: the two are independent, and
	// at the end of a long build the index is often the only work left for two cores.
	order := make([]int, len(terms.terms))
	sorted := make(chan struct{})
	go func() {
		defer close(sorted)
		for i := range order {
			order[i] = i
		}
		compare := utf16Order(terms.terms)
		slices.SortFunc(order, func(a, b int) int { return compare(terms.terms[a], terms.terms[b]) })
	}()
	// Every count is a posting of its own (a counter meets each result's entries together,
	// in document order): a count's weight is computed as it is appended to its term's
	// postings, made to the size of the term's counts.
	df := make([]int32, len(terms.terms))
	for _, c := range counters {
		c.eachCount(func(id int32, _ int, _ *[numFields]uint16) { df[id]++ })
	}
	post := make([][]posting, len(terms.terms))
	idf := make([]float64, len(df))
	for id, d := range df {
		post[id] = make([]posting, 0, d)
		idf[id] = math.Log(1 + (float64(n)-float64(d)+0.5)/(float64(d)+0.5))
	}
	for _, ctr := range counters {
		ctr.eachCount(func(id int32, doc int, freq *[numFields]uint16) {
			var x float64
			for f := range numFields {
				if freq[f] == 0 {
					continue
				}
				weight, b := fieldParams(f)
				norm := 1 - b
				if avg[f] > 0 {
					norm += b * lens[doc][f] / avg[f]
				}
				x += weight * float64(freq[f]) / norm
			}
			w := int(math.Round(weightScale * idf[id] * x * (k1 + 1) / (k1 + x)))
			post[id] = append(post[id], posting{doc: doc, weight: max(w, 1)})
		})
	}
	<-sorted
	ix.terms = make([]string, len(order))
	ix.postings = make([][]posting, len(order))
	for ti, id := range order {
		ix.terms[ti] = terms.terms[id]
		ix.postings[ti] = post[id]
	}
}

// utf16Order is compareUTF16, or strings.Compare where it gives the same order faster:
// when none of strs has a character beyond U+FFFF.
func utf16Order(strs []string) func(a, b string) int {
	if beyondBMP(strs) {
		return compareUTF16
	}
	return strings.Compare
}

// beyondBMP reports whether a term has a character beyond U+FFFF, the only ones whose UTF-16
// order (compareUTF16) differs from the order of their UTF-8 bytes: those start with a byte
// of 0xF0 or more.
func beyondBMP(terms []string) bool {
	for _, t := range terms {
		for i := 0; i < len(t); i++ {
			if t[i] >= 0xF0 {
				return true
			}
		}
	}
	return false
}

// distinctWords estimates how many distinct words the entries have, to size the maps that
// number them once rather than grow them by doubling: by Heaps' law, about the square root of
// the number of words times a constant (30 fits the seed and the bench's vocabulary); a word is
// about six bytes with its space.
func distinctWords(es []Entry) int {
	n := 0
	for _, e := range es {
		n += len(e.Heading) + len(e.Text)
	}
	return min(30*int(math.Sqrt(float64(n/6))), 1<<16)
}

// minHalf is the fewest entries worth counting in two halves.
const minHalf = 2000

// half is the index of a heading entry near the middle such that every entry from it on
// belongs to a result from it on; 0 when the entries are too few or no such heading exists.
func (b *builder) half() int {
	es := b.ix.Entries
	if !b.halves || len(es) < minHalf {
		return 0
	}
	for mid := len(es) / 2; mid < len(es); mid++ {
		if es[mid].Kind != KindHeading {
			continue
		}
		for _, e := range es[mid:] {
			if e.Result < mid {
				return 0
			}
		}
		return mid
	}
	return 0
}

// sharedTerms numbers the terms of a build and analyses each distinct word once, for the
// counters of a build; it is safe for concurrent use. A word is known by its lowercase
// letters, or for a number by its digits: its folded form follows from its lowercase one,
// rune by rune, and letters and digits never make one word.
type sharedTerms struct {
	an    *Analyzer
	mu    sync.Mutex
	words map[string][]int32 // term ids of each word
	ids   map[string]int32
	terms []string // by id
}

func newSharedTerms(an *Analyzer, words int) *sharedTerms {
	return &sharedTerms{an: an, words: make(map[string][]int32, words), ids: make(map[string]int32, words)}
}

// idsOf are the ids of the terms of w, known as key. Two counters meeting a new word at once
// may both analyse it: the result is the same, and holding the lock while stemming would
// make one wait for the other.
func (s *sharedTerms) idsOf(key string, w Word) []int32 {
	s.mu.Lock()
	ids, ok := s.words[key]
	s.mu.Unlock()
	if ok {
		return ids
	}
	terms := s.an.Terms(w)
	s.mu.Lock()
	defer s.mu.Unlock()
	if ids, ok := s.words[key]; ok {
		return ids
	}
	ids = make([]int32, len(terms))
	for i, term := range terms {
		id, ok := s.ids[term]
		if !ok {
			id = int32(len(s.terms))
			s.ids[term] = id
			s.terms = append(s.terms, term)
		}
		ids[i] = id
	}
	s.words[key] = ids
	return ids
}

// termCounter counts how often each term occurs in each field of each result. The counts of
// all terms go into one list, in the order they are met, rather than one growing list per
// term: a long manual has tens of thousands of terms, and the appends to as many lists were
// most of what an index allocated. The list is held in chunks, never copied as it grows, and
// a count does not repeat its result: the results are counted one after the other, so the
// list only records where each result's counts begin.
type termCounter struct {
	shared *sharedTerms
	words  map[string][]int32 // the shared analysis of the words met, without its lock
	chunks []*countChunk
	n      int     // counts in chunks
	last   []int32 // by term id: 1 + the index of its latest count, or 0 for none yet
	doc    int     // the result being counted
	from   int     // the index of its first count
	docs   []docCounts
}

// docCounts says where the counts of a result begin.
type docCounts struct{ doc, from int32 }

// countChunk holds countChunkSize counts: how often a term occurs in each field, and the term.
type countChunk struct {
	freq [countChunkSize][numFields]uint16 // saturates; no field of a section repeats a term 65,535 times
	ids  [countChunkSize]int32
}

const countChunkSize = 1 << 13

func newTermCounter(shared *sharedTerms, words int) *termCounter {
	return &termCounter{shared: shared, words: make(map[string][]int32, words), doc: -1}
}

// count adds the terms of text to a field of doc and returns how many words it has. A
// counter is given each result's entries together, results in ascending order.
func (t *termCounter) count(doc, field int, text string) float64 {
	if doc != t.doc {
		if doc < t.doc {
			panic("search: results counted out of order")
		}
		t.doc, t.from = doc, t.n
		t.docs = append(t.docs, docCounts{doc: int32(doc), from: int32(t.n)})
	}
	words := 0.0
	scanWords(text, func(lower, fold []byte, number bool) {
		if number {
			for _, num := range numbers(string(fold)) {
				words++
				t.add(field, t.idsOf(num, func() Word { return Word{Lower: num, Fold: num, Number: true} }))
			}
			return
		}
		words++
		// A site repeats its words: the lookup builds no string.
		ids, ok := t.words[string(lower)]
		if !ok {
			key := string(lower)
			ids = t.idsOf(key, func() Word { return Word{Lower: key, Fold: string(fold)} })
		}
		t.add(field, ids)
	})
	return words
}

// idsOf is the shared analysis of the word known as key, remembered here.
func (t *termCounter) idsOf(key string, w func() Word) []int32 {
	ids, ok := t.words[key]
	if !ok {
		ids = t.shared.idsOf(key, w())
		t.words[key] = ids
	}
	return ids
}

// add counts the terms ids in a field of the result being counted.
func (t *termCounter) add(field int, ids []int32) {
	for _, id := range ids {
		if int(id) >= len(t.last) {
			t.last = append(t.last, make([]int32, int(id)+1-len(t.last))...)
		}
		// The term's latest count is this result's, or the term is new to the result.
		if k := int(t.last[id]) - 1; k >= t.from {
			f := &t.chunks[k/countChunkSize].freq[k%countChunkSize][field]
			if *f < math.MaxUint16 {
				*f++
			}
			continue
		}
		k := t.n
		if k%countChunkSize == 0 {
			t.chunks = append(t.chunks, new(countChunk))
		}
		ch := t.chunks[k/countChunkSize]
		ch.freq[k%countChunkSize] = [numFields]uint16{}
		ch.freq[k%countChunkSize][field] = 1
		ch.ids[k%countChunkSize] = id
		t.n++
		t.last[id] = int32(t.n)
	}
}

// eachCount calls f with every count, its term and its result, in the order they were met.
func (t *termCounter) eachCount(f func(id int32, doc int, freq *[numFields]uint16)) {
	for i, d := range t.docs {
		to := t.n
		if i+1 < len(t.docs) {
			to = int(t.docs[i+1].from)
		}
		for k := int(d.from); k < to; k++ {
			ch := t.chunks[k/countChunkSize]
			f(ch.ids[k%countChunkSize], int(d.doc), &ch.freq[k%countChunkSize])
		}
	}
}

// sequences holds, per result, its heading and passages as sequences of the terms of their
// words (stop words left out), to find query words that stand side by side. Only a search
// run in Go needs them, so they are built on its first query, not with the index.
func (ix *Index) sequences() [][][][]string {
	ix.seqsOnce.Do(func() {
		memo := map[Word][]string{}
		seq := func(text string) [][]string {
			var out [][]string
			for _, w := range Words(text) {
				ts, ok := memo[w]
				if !ok {
					ts = ix.an.Terms(w)
					memo[w] = ts
				}
				if ts != nil {
					out = append(out, ts)
				}
			}
			return out
		}
		ix.seqs = make([][][][]string, len(ix.results))
		for doc, entry := range ix.results {
			ix.seqs[doc] = append(ix.seqs[doc], seq(ix.Entries[entry].Heading))
			for _, line := range ix.docs[doc] {
				ix.seqs[doc] = append(ix.seqs[doc], seq(line))
			}
		}
	})
	return ix.seqs
}
