package search

import (
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/spanish"
)

// spanishStem is spanish.Stem(w, true) of github.com/kljensen/snowball, step by step and
// quirk by quirk (the order its suffix lists are tried in, the "ér" of step 0 replaced by
// nothing), without its allocations: that package turns every suffix it tries into a
// []rune, and stemming was the largest part of indexing a long manual. The word is held in
// a buffer on the stack; the stem is a prefix of w whenever only endings were removed, as
// they mostly are, so it costs no string either. A test holds the two equal on the
// thesaurus's every word and on words built from every suffix the algorithm knows; the
// browser's stemmer (search.js) is held to the same stems by the parity test.
//
// w must be lowercase, as Stem's callers give it; a longer word, or one whose lowercase
// differs, goes to the package itself.
func spanishStem(w string) string {
	var buf [maxStemRunes]rune
	n := 0
	for _, r := range w {
		if n == len(buf) || unicode.ToLower(r) != r || unicode.IsSpace(r) || r == utf8.RuneError {
			return spanish.Stem(w, true)
		}
		buf[n] = r
		n++
	}
	if len(w) <= 2 {
		return w
	}
	s := stemWord{rs: buf[:n]}
	s.regions()
	s.step0()
	if !s.step1() && !s.step2a() {
		s.step2b()
	}
	s.step3()
	s.removeAcuteAccents()
	// The stem as a prefix of w, when it is one.
	i := 0
	for _, r := range s.rs {
		c, size := utf8.DecodeRuneInString(w[i:])
		if c != r {
			return string(s.rs)
		}
		i += size
	}
	return w[:i]
}

// maxStemRunes is the longest word spanishStem stems itself: longer than any Spanish word.
const maxStemRunes = 48

// stemWord is a word being stemmed and its regions, as snowballword.SnowballWord holds them.
type stemWord struct {
	rs         []rune
	r1, r2, rv int
}

func isStemVowel(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'á', 'é', 'í', 'ó', 'ú', 'ü':
		return true
	}
	return false
}

// vnv is romance.VnvSuffix: the position after the first non-vowel following a vowel,
// from start on.
func (s *stemWord) vnv(start int) int {
	for i := 1; i < len(s.rs[start:]); i++ {
		j := start + i
		if isStemVowel(s.rs[j-1]) && !isStemVowel(s.rs[j]) {
			return j + 1
		}
	}
	return len(s.rs)
}

// regions is spanish.findRegions.
func (s *stemWord) regions() {
	rs := s.rs
	s.r1 = s.vnv(0)
	s.r2 = s.vnv(s.r1)
	s.rv = len(rs)
	if len(rs) < 3 {
		return
	}
	switch {
	case !isStemVowel(rs[1]):
		for i := 2; i < len(rs); i++ {
			if isStemVowel(rs[i]) {
				s.rv = i + 1
				break
			}
		}
	case isStemVowel(rs[0]) && isStemVowel(rs[1]):
		for i := 2; i < len(rs); i++ {
			if !isStemVowel(rs[i]) {
				s.rv = i + 1
				break
			}
		}
	default:
		s.rv = 3
	}
}

// hasSuffixIn is SnowballWord.HasSuffixRunesIn.
func (s *stemWord) hasSuffixIn(start, end int, suf []rune) bool {
	if len(suf) > end-start {
		return false
	}
	for i := range suf {
		if s.rs[end-i-1] != suf[len(suf)-i-1] {
			return false
		}
	}
	return true
}

// firstSuffixIn is SnowballWord.FirstSuffixIn: the first of sufs, in their order, that ends
// at end and starts at start or later; -1 for none.
func (s *stemWord) firstSuffixIn(start, end int, sufs [][]rune) int {
	for i, suf := range sufs {
		if s.hasSuffixIn(start, end, suf) {
			return i
		}
	}
	return -1
}

// firstSuffixIfIn is SnowballWord.FirstSuffixIfIn: the first of sufs that ends at end,
// wherever it starts; -1 when none does or when that one starts before start.
func (s *stemWord) firstSuffixIfIn(start, end int, sufs [][]rune) int {
	for i, suf := range sufs {
		if s.hasSuffixIn(0, end, suf) {
			if end-len(suf) >= start {
				return i
			}
			return -1
		}
	}
	return -1
}

// removeLast is SnowballWord.RemoveLastNRunes.
func (s *stemWord) removeLast(n int) {
	s.rs = s.rs[:len(s.rs)-n]
	s.clamp()
}

// replaceSuffix is SnowballWord.ReplaceSuffixRunes, forced: the last n runes become repl.
// The buffer has room, as no replacement is longer than what it replaces.
func (s *stemWord) replaceSuffix(n int, repl []rune) {
	k := len(s.rs) - n
	copy(s.rs[k:], repl)
	s.rs = s.rs[:k+len(repl)]
	s.clamp()
}

func (s *stemWord) clamp() {
	n := len(s.rs)
	s.r1, s.r2, s.rv = min(s.r1, n), min(s.r2, n), min(s.rv, n)
}

// removeFirstSuffixIfIn is SnowballWord.RemoveFirstSuffixIfIn; it returns the suffix's
// index in sufs, or -1.
func (s *stemWord) removeFirstSuffixIfIn(start int, sufs [][]rune) int {
	i := s.firstSuffixIfIn(start, len(s.rs), sufs)
	if i >= 0 {
		s.removeLast(len(sufs[i]))
	}
	return i
}

func runesOf(ss ...string) [][]rune {
	out := make([][]rune, len(ss))
	for i, s := range ss {
		out[i] = []rune(s)
	}
	return out
}

// The suffix lists of the steps, in the order the package tries them.
var (
	step0Pronouns            = runesOf(step0PronounNames...)
	step0Before              = runesOf(step0BeforeNames...)
	step0Repl                = runesOf("iendo", "", "", "", "ando", "ar", "", "ir", "", "", "")
	step1Suffixes            = runesOf(step1Names...)
	step2aSuffixes           = runesOf(step2aNames...)
	step2bSuffixes           = runesOf(step2bNames...)
	step3Suffixes            = runesOf(step3Names...)
	runeLog, runeU, runeEnte = []rune("log"), []rune("u"), []rune("ente")

	step0PronounNames = []string{"selas", "selos", "sela", "selo", "las", "les",
		"los", "nos", "me", "se", "la", "le", "lo"}
	step0BeforeNames = []string{"iéndo", "iendo", "yendo", "ando", "ándo",
		"ár", "ér", "ír", "ar", "er", "ir"}
	step1Names = []string{
		"amientos", "imientos", "aciones", "amiento", "imiento",
		"uciones", "logías", "idades", "encias", "ancias", "amente",
		"adores", "adoras", "ución", "mente", "logía", "istas",
		"ismos", "ibles", "encia", "anzas", "antes", "ancia",
		"adora", "ación", "ables", "osos", "osas", "ivos", "ivas",
		"ista", "ismo", "idad", "icos", "icas", "ible", "anza",
		"ante", "ador", "able", "oso", "osa", "ivo", "iva",
		"ico", "ica"}
	step2aNames = []string{"ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "yó", "yas", "yes", "yais", "yamos"}
	step2bNames = []string{
		"iésemos", "iéramos", "iríamos", "eríamos", "aríamos", "ásemos",
		"áramos", "ábamos", "isteis", "iríais", "iremos", "ieseis",
		"ierais", "eríais", "eremos", "asteis", "aríais", "aremos",
		"íamos", "irías", "irían", "iréis", "ieses", "iesen", "ieron",
		"ieras", "ieran", "iendo", "erías", "erían", "eréis", "aseis",
		"arías", "arían", "aréis", "arais", "abais", "íais", "iste",
		"iría", "irás", "irán", "imos", "iese", "iera", "idos", "idas",
		"ería", "erás", "erán", "aste", "ases", "asen", "aría", "arás",
		"arán", "aron", "aras", "aran", "ando", "amos", "ados", "adas",
		"abas", "aban", "ías", "ían", "éis", "áis", "iré", "irá", "ido",
		"ida", "eré", "erá", "emos", "ase", "aré", "ará", "ara", "ado",
		"ada", "aba", "ís", "ía", "ió", "ir", "id", "es", "er", "en",
		"ed", "as", "ar", "an", "ad"}
	step3Names = []string{"os", "a", "o", "á", "í", "ó", "e", "é"}

	sufIv, sufAt, sufIc = runesOf("iv", "os", "ic", "ad"), runesOf("at"), runesOf("ic")
	sufMente            = runesOf("ante", "able", "ible")
	sufIdad             = runesOf("abil", "ic", "iv")
	sufGu               = runesOf("gu")
)

// step0 removes an attached pronoun, as spanish.step0 does.
func (s *stemWord) step0() {
	p := s.firstSuffixIn(s.rv, len(s.rs), step0Pronouns)
	if p < 0 {
		return
	}
	pn := len(step0Pronouns[p]) // ASCII: runes and bytes alike, as the package counts them
	b := s.firstSuffixIn(s.rv, len(s.rs)-pn, step0Before)
	if b < 0 {
		return
	}
	switch step0BeforeNames[b] {
	case "iéndo", "ándo", "ár", "ér", "ír":
		// The package leaves "ér" without a replacement: it is removed.
		s.removeLast(pn)
		s.replaceSuffix(len(step0Before[b]), step0Repl[b])
	case "ando", "iendo", "ar", "er", "ir":
		s.removeLast(pn)
	case "yendo":
		// The package counts the suffixes' bytes here: "yendo" has 5, as many as runes.
		for i := 0; i < len(s.rs)-(pn+5); i++ {
			if s.rs[i] == 'u' {
				s.removeLast(pn)
				return
			}
		}
	}
}

// step1 removes a standard suffix, as spanish.step1 does.
func (s *stemWord) step1() bool {
	i := s.firstSuffixIfIn(0, len(s.rs), step1Suffixes)
	if i < 0 {
		return false
	}
	suf := step1Names[i]
	n := len(step1Suffixes[i])
	if suf == "amente" {
		if s.r1 > len(s.rs)-n {
			return false
		}
		s.removeLast(n)
		if j := s.removeFirstSuffixIfIn(s.r2, sufIv); j == 0 {
			s.removeFirstSuffixIfIn(s.r2, sufAt)
		}
		return true
	}
	if s.r2 > len(s.rs)-n {
		return false
	}
	switch suf {
	case "adora", "ador", "ación", "adoras", "adores", "aciones", "ante", "antes", "ancia", "ancias":
		s.removeLast(n)
		s.removeFirstSuffixIfIn(s.r2, sufIc)
	case "mente":
		s.removeLast(n)
		s.removeFirstSuffixIfIn(s.r2, sufMente)
	case "idad", "idades":
		s.removeLast(n)
		s.removeFirstSuffixIfIn(s.r2, sufIdad)
	case "iva", "ivo", "ivas", "ivos":
		s.removeLast(n)
		s.removeFirstSuffixIfIn(s.r2, sufAt)
	case "logía", "logías":
		s.replaceSuffix(n, runeLog)
	case "ución", "uciones":
		s.replaceSuffix(n, runeU)
	case "encia", "encias":
		s.replaceSuffix(n, runeEnte)
	default:
		s.removeLast(n)
	}
	return true
}

// step2a removes a verb suffix beginning with y after a u, as spanish.step2a does.
func (s *stemWord) step2a() bool {
	i := s.firstSuffixIn(s.rv, len(s.rs), step2aSuffixes)
	if i < 0 {
		return false
	}
	n := len(step2aSuffixes[i])
	if k := len(s.rs) - n - 1; k >= 0 && s.rs[k] == 'u' {
		s.removeLast(n)
		return true
	}
	return false
}

// step2b removes another verb suffix, as spanish.step2b does.
func (s *stemWord) step2b() {
	i := s.firstSuffixIn(s.rv, len(s.rs), step2bSuffixes)
	if i < 0 {
		return
	}
	s.removeLast(len(step2bSuffixes[i]))
	switch step2bNames[i] {
	case "en", "es", "éis", "emos":
		if s.firstSuffixIfIn(0, len(s.rs), sufGu) >= 0 {
			s.removeLast(1)
		}
	}
}

// step3 removes a residual suffix, as spanish.step3 does.
func (s *stemWord) step3() {
	i := s.firstSuffixIfIn(s.rv, len(s.rs), step3Suffixes)
	if i < 0 {
		return
	}
	s.removeLast(len(step3Suffixes[i]))
	if suf := step3Names[i]; suf == "e" || suf == "é" {
		if s.firstSuffixIfIn(0, len(s.rs), sufGu) >= 0 {
			s.removeLast(1)
		}
	}
}

func (s *stemWord) removeAcuteAccents() {
	for i, r := range s.rs {
		switch r {
		case 'á':
			s.rs[i] = 'a'
		case 'é':
			s.rs[i] = 'e'
		case 'í':
			s.rs[i] = 'i'
		case 'ó':
			s.rs[i] = 'o'
		case 'ú':
			s.rs[i] = 'u'
		}
	}
}
