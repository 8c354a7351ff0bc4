package search

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Word is one word of a text as search compares it. The browser's analyzer (pauta.js and
// search.js) splits and folds text by the same rules, rune by rune; a test holds them equal.
type Word struct {
	// Lower is the word in lowercase as written, accents kept: the stemmer needs them.
	Lower string
	// Fold is the word without accents; for a number, its digits without thousands dots or
	// leading zeros.
	Fold string
	// Number is true when the word is made of digits.
	Number bool
}

// rune classes for splitting
const (
	classSep = iota
	classLetter
	classDigit
	classSkip // a combining mark or other rune that folds to nothing: it neither splits nor adds
)

// foldClass is foldRune(r) and its class, from a table for the alphabets a Spanish text
// uses (accented letters, ñ, º, ª: a few in every sentence).
func foldClass(r rune) (string, int) {
	if r < foldTableSize {
		e := foldTable()[r]
		return e.fold, e.class
	}
	f := foldRune(r)
	return f, classOf(f)
}

const foldTableSize = 0x800

type folded struct {
	fold  string
	class int
}

// foldTable is computed once per process and only read afterwards.
var foldTable = sync.OnceValue(func() []folded {
	t := make([]folded, foldTableSize)
	for r := range rune(foldTableSize) {
		f := foldRune(r)
		t[r] = folded{f, classOf(f)}
	}
	return t
})

// foldRune is a rune as search compares it: lowercase, compatibility-decomposed (º → o,
// ² → 2, ﬁ → fi) and without combining marks (á → a, ñ → n).
func foldRune(r rune) string {
	if r < utf8.RuneSelf {
		return string(unicode.ToLower(r))
	}
	var b strings.Builder
	for _, c := range norm.NFKD.String(string(unicode.ToLower(r))) {
		if !unicode.Is(unicode.M, c) {
			b.WriteRune(unicode.ToLower(c))
		}
	}
	return b.String()
}

func classOf(folded string) int {
	if folded == "" {
		return classSkip
	}
	letters, digits := true, true
	for _, c := range folded {
		letters = letters && unicode.IsLetter(c)
		digits = digits && unicode.Is(unicode.Nd, c)
	}
	switch {
	case letters:
		return classLetter
	case digits:
		return classDigit
	}
	return classSep
}

// Words splits text into words: runs of letters, and runs of digits that may hold dots
// between digits ("18.695", "01.08.2024"). A letter next to a digit starts a new word, so
// "N°128" and "Nº128" both give the number 128. A number with thousands dots is one number
// ("18.695" is 18695); other dotted digits are separate numbers (a date gives day, month
// and year).
func Words(text string) []Word {
	var out []Word
	scanWords(text, func(lower, fold []byte, number bool) {
		if number {
			for _, n := range numbers(string(fold)) {
				out = append(out, Word{Lower: n, Fold: n, Number: true})
			}
			return
		}
		out = append(out, Word{Lower: string(lower), Fold: string(fold)})
	})
	return out
}

// scanWords calls word for each word of text as Words splits it; for a number, fold holds
// its digits and dots as written. The slices are reused: word must copy what it keeps. An
// index of a long manual scans millions of words, so this path builds no strings.
func scanWords(text string, word func(lower, fold []byte, number bool)) {
	if !norm.NFC.IsNormalString(text) {
		text = norm.NFC.String(text)
	}
	var lower, fold []byte
	cur := classSep
	flush := func() {
		if cur != classSep {
			word(lower, fold, cur == classDigit)
		}
		lower, fold = lower[:0], fold[:0]
		cur = classSep
	}
	// nextIsDigit tells whether the rune after position i (of width n) is a digit.
	nextIsDigit := func(i, n int) bool {
		if i+n >= len(text) {
			return false
		}
		next, _ := utf8.DecodeRuneInString(text[i+n:])
		return runeClass(next) == classDigit
	}
	for i, r := range text {
		if r < utf8.RuneSelf {
			// ASCII, nearly all of a Spanish text: the same rules without folding tables.
			c, l := asciiClass(r)
			if r == '.' && cur == classDigit && nextIsDigit(i, 1) {
				fold = append(fold, '.')
				continue
			}
			if c != cur {
				flush()
			}
			if c == classSep {
				continue
			}
			cur = c
			lower = append(lower, l)
			fold = append(fold, l)
			continue
		}
		f, c := foldClass(r)
		if c == classSkip {
			continue
		}
		if c != cur {
			flush()
		}
		if c == classSep {
			continue
		}
		cur = c
		lower = utf8.AppendRune(lower, lowerRune(r))
		fold = append(fold, f...)
	}
	flush()
}

// asciiClass is classOf(foldRune(r)) for an ASCII rune, with its lowercase byte.
func asciiClass(r rune) (int, byte) {
	switch {
	case r >= 'a' && r <= 'z':
		return classLetter, byte(r)
	case r >= 'A' && r <= 'Z':
		return classLetter, byte(r) + 'a' - 'A'
	case r >= '0' && r <= '9':
		return classDigit, byte(r)
	}
	return classSep, byte(r)
}

// runeClass is the class of one rune, as Words sees it.
func runeClass(r rune) int {
	if r < utf8.RuneSelf {
		c, _ := asciiClass(r)
		return c
	}
	_, c := foldClass(r)
	return c
}

// lowerRune is the simple lowercase mapping, one rune to one rune, as the browser's
// analyzer takes the first code point of String.toLowerCase.
func lowerRune(r rune) rune { return unicode.ToLower(r) }

// numbers reads a run of digits and dots: "18.695" → 18695 when the dots group thousands,
// else each dotted part on its own ("01.08.2024" → 1, 8, 2024). Leading zeros are dropped so
// "N° 01" and "N° 1" meet.
func numbers(s string) []string {
	parts := strings.Split(s, ".")
	if thousands(parts) {
		parts = []string{strings.Join(parts, "")}
	}
	for i, p := range parts {
		p = strings.TrimLeft(p, "0")
		if p == "" {
			p = "0"
		}
		parts[i] = p
	}
	return parts
}

// thousands reports whether dotted parts group thousands: 1 to 3 digits, then groups of 3.
func thousands(parts []string) bool {
	if len(parts) < 2 || utf8.RuneCountInString(parts[0]) > 3 {
		return false
	}
	for _, p := range parts[1:] {
		if utf8.RuneCountInString(p) != 3 {
			return false
		}
	}
	return true
}

// StopWords are the words too common in Spanish to tell one section from another, folded:
// articles, prepositions, conjunctions, pronouns. They are not indexed. The list is short on
// purpose: a query of ordinary words should still find something. The browser receives it
// inside the index, so both sides skip the same words.
func StopWords() []string {
	return []string{
		"a", "al", "ante", "con", "contra", "de", "del", "desde", "durante", "e", "el",
		"ella", "en", "entre", "era", "es", "esa", "ese", "eso", "esta", "este", "esto",
		"fue", "ha", "hacia", "hasta", "la", "las", "le", "les", "lo", "los", "mas", "me",
		"mediante", "mi", "muy", "ni", "no", "nos", "o", "para", "pero", "por", "se", "segun",
		"ser", "si", "sin", "sobre", "solo", "son", "su", "sus", "te", "tras", "tu", "u", "un",
		"una", "uno", "y", "ya",
	}
}

// LightWords are the words staff put around what they look for, folded: question words
// (qué, cómo, quién, cuándo, dónde) and the verbs a question leans on (puedo, hay que, hacer,
// pasa, necesito). They are indexed like any word, but a query word among them weighs
// [lightFactor] of a content word, in its score and in the share of the query a result
// answers: in "quién puede hacer accesos remotos" the reader asks about accesos remotos. A
// query made only of them weighs them in full, so it still finds what says them. The browser
// receives the list inside the index.
func LightWords() []string {
	return []string{
		"adonde", "algo", "alguien", "algun", "alguna", "alguno", "como", "cual", "cuales",
		"cuando", "cuanta", "cuantas", "cuanto", "cuantos", "da", "dan", "dar", "debe", "deben",
		"debes", "debo", "deber", "donde", "doy", "estan", "estoy", "favor", "hace", "hacen",
		"hacer", "hacerlo", "hago", "hay", "hizo", "ir", "mis", "necesita", "necesitan", "necesito",
		"otra", "otro", "pasa", "pasar", "podemos", "poder", "podria", "porque", "pueda",
		"puede", "pueden", "puedes", "puedo", "que", "quien", "quienes", "quiere", "quieren",
		"quiero", "sea", "sirve", "tambien", "tener", "tenerlo", "tengo", "tiene", "tienen",
		"usted", "va", "vamos", "ver", "voy", "yo",
	}
}

// Terms are the index terms of a word: the Snowball Spanish stem of its folded form, the
// folded stem of its accented form, and the stem of its folded form with a common accented
// ending restored. The Spanish stemmer strips some endings only when accented:
// "autenticación" stems to autent, "autenticacion" to autenticacion. Indexing every form
// makes the two spellings meet, and lets the noun meet its verb ("autorización" and
// "autorizado" share autoriz) however the reader types it.
//
// A stem ending in -ic or -ibil also gives the stem without it. Snowball removes -ic-
// before -ación ("verificación" → verif) but not from the verb ("verificar" → verific), and
// -abil- before -idad but not -ibil- ("disponibilidad" → disponibil, "disponible" → dispon):
// taking the ending off the other stems too lets the -icar verbs meet their nouns
// (verificar, identificar, notificar, certificar: everywhere in administrative Spanish) and
// the -ible adjectives theirs. A number is its own term. Stop words and single letters give
// none.
func (a *Analyzer) Terms(w Word) []string {
	if w.Number {
		return []string{w.Fold}
	}
	if a.stop[w.Fold] || utf8.RuneCountInString(w.Fold) < 2 {
		return nil
	}
	out := []string{Stem(w.Fold)}
	add := func(t string) {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	// Stemming is most of the analysis: a word written without accents, or without an
	// ending to restore, gives the first stem again, so it is not computed twice.
	if w.Lower != w.Fold {
		add(foldString(Stem(w.Lower)))
	}
	if restored := restoreAccent(w.Fold); restored != w.Fold {
		add(Stem(restored))
	}
	if base, ok := strings.CutSuffix(w.Fold, "io"); ok && utf8.RuneCountInString(base) >= 3 {
		// A preterite typed without its accent ("perdio", "rompio"): the stemmer strips
		// -ió only when accented.
		add(Stem(base + "ió"))
	}
	for _, t := range out {
		for _, suffix := range [...]string{"ic", "ibil"} {
			if base, ok := strings.CutSuffix(t, suffix); ok && utf8.RuneCountInString(base) >= minDerivedStem {
				add(base)
			}
		}
	}
	for _, t := range out {
		if f := family(t); f != "" {
			add(f)
		}
	}
	return out
}

// family is the stem a term's derivational family shares, when the stemmer leaves the verb
// and its noun apart, or "": the -xión noun meets its -ctar verb (conexión, conectar), the
// -sión noun its -sar verb (revisión, revisar), the -olución noun its -olver verb
// (devolución, devolver), the -ante, -ente and -iente adjective or noun of a verb meets the
// verb (faltante and faltar, asistente and asistencia and asistir, dependiente and depender:
// Snowball strips -ante only deep in a long word), and a stem whose root vowel splits into
// ie or ue meets the infinitive's (cierra and cerrar, devuelvo and devolver, puede and
// poder). A root shorter than [minDerivedStem] keeps its ending (cliente). Terms gives the
// family stem to the index and to the query alike, so the browser must compute it the same.
func family(t string) string {
	if utf8.RuneCountInString(t) < minDerivedStem {
		return ""
	}
	for _, r := range [...]struct {
		end, repl string
		min       int
	}{{"xion", "ct", 2}, {"sion", "s", 2}, {"olu", "olv", 2}, {"ient", "", minDerivedStem}, {"ant", "", minDerivedStem}, {"ent", "", minDerivedStem}} {
		if base, ok := strings.CutSuffix(t, r.end); ok && utf8.RuneCountInString(base) >= r.min {
			return base + r.repl
		}
	}
	// The last ie or ue before a consonant: the stressed root vowel of the verb.
	for i := len(t) - 3; i >= 1; i-- {
		if t[i+1] != 'e' || !isConsonant(t[i+2]) || isVowelByte(t[i-1]) {
			continue
		}
		switch t[i] {
		case 'i':
			return t[:i] + t[i+1:]
		case 'u':
			if t[i-1] != 'q' && t[i-1] != 'g' {
				return t[:i] + "o" + t[i+2:]
			}
		}
	}
	return ""
}

func isVowelByte(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

func isConsonant(c byte) bool { return c >= 'a' && c <= 'z' && !isVowelByte(c) }

// minDerivedStem is the shortest stem left once -ic or -ibil is taken off: "public" gives
// publ, but "fisic" keeps its -ic, as "fis" would say little.
const minDerivedStem = 4

// QueryTerms are the terms of a word of a query. They depend on the folded word only, so a
// query finds the same with or without accents; the accented endings the stemmer needs are
// restored by rule.
//
// A short query stem also gives the stem with its root vowel i as e: the -ir verbs that change e
// to i ("pido", "sigo", "sirve") meet their infinitive and their nouns (pedir, pedido).
// Only the query gets it, as an index term it would join words that are not a family.
func (a *Analyzer) QueryTerms(w Word) []string {
	w.Lower = w.Fold
	ts := a.Terms(w)
	if len(ts) > 0 && !w.Number {
		if v := rootIToE(ts[0]); v != "" && !slices.Contains(ts, v) {
			ts = append(ts, v)
		}
	}
	return ts
}

// rootIToE is a stem of three or four letters ending in consonant, i, consonants, with the i
// as e, or "".
func rootIToE(t string) string {
	n := len(t)
	if n < 3 || n > 4 || strings.ContainsFunc(t, func(r rune) bool { return r < 'a' || r > 'z' }) {
		return ""
	}
	i := n - 1
	for i >= 0 && isConsonant(t[i]) {
		i--
	}
	if i < 1 || i == n-1 || t[i] != 'i' || !isConsonant(t[i-1]) {
		return ""
	}
	return t[:i] + "e" + t[i+1:]
}

// restoreAccent puts back the accent of the endings that Snowball Spanish strips only when
// accented and that Spanish always writes with one: -ación, -ución (every -ión is accented)
// and -logía(s). Other accented endings (-ía, -ará) would be guesses: "historia" is not
// "historía".
func restoreAccent(fold string) string {
	for _, r := range [...]struct{ plain, accented string }{
		{"acion", "ación"}, {"ucion", "ución"}, {"logia", "logía"}, {"logias", "logías"},
	} {
		if base, ok := strings.CutSuffix(fold, r.plain); ok && base != "" {
			return base + r.accented
		}
	}
	return fold
}

// Analyzer turns text into index terms. It holds the stop-word set, built once per index.
type Analyzer struct {
	stop, light map[string]bool
}

// NewAnalyzer returns the analyzer both the index and the browser use.
func NewAnalyzer() *Analyzer {
	a := &Analyzer{stop: map[string]bool{}, light: map[string]bool{}}
	for _, w := range StopWords() {
		a.stop[w] = true
	}
	for _, w := range LightWords() {
		a.light[w] = true
	}
	return a
}

// Light reports whether a word is one of the [LightWords].
func (a *Analyzer) Light(w Word) bool { return !w.Number && a.light[w.Fold] }

// Stem is the Snowball Spanish stem of a lowercase word. Words of one or two letters, and
// words with letters beyond the Latin alphabets, are left whole: the stemmer's rules are
// for Spanish, and the browser's stemmer then works on the same code points.
func Stem(w string) string {
	if utf8.RuneCountInString(w) <= 2 {
		return w
	}
	for _, r := range w {
		if r >= 0x250 {
			return w
		}
	}
	return spanishStem(w)
}

func foldString(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(foldRune(r))
	}
	return b.String()
}
