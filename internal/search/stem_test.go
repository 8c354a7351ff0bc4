package search

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/kljensen/snowball/spanish"
)

// TestSpanishStemMatchesSnowball holds our stemmer to github.com/kljensen/snowball's, whose
// stems the index, the thesaurus's analysis and the browser's stemmer agree on: every word of
// the thesaurus, accented and folded; words made of every suffix each step tries, after
// stems that put the regions in every place; and random words of Spanish letters.
func TestSpanishStemMatchesSnowball(t *testing.T) {
	words := map[string]bool{}
	for _, w := range thesaurusVocabulary() {
		for _, x := range Words(w) {
			words[x.Lower] = true
			words[x.Fold] = true
		}
	}
	if len(words) < 3000 {
		t.Fatalf("the thesaurus gave %d words; expected thousands", len(words))
	}
	heads := []string{"", "a", "b", "ba", "ab", "ae", "aér", "gu", "qu", "gue", "abr", "ciu", "estr",
		"inform", "util", "pingü", "desarroll", "ü", "ía", "construy", "hu", "oí", "rúst", "vu"}
	mids := []string{"", "ic", "abil", "iv", "at", "ativ", "os", "ad", "ante", "able", "ible", "gu", "u", "é", "í"}
	var ends []string
	for _, l := range [][]string{step1Names, step2aNames, step2bNames, step3Names, step0BeforeNames, {"", "e", "é"}} {
		ends = append(ends, l...)
	}
	for _, h := range heads {
		for _, m := range mids {
			for _, e := range ends {
				words[h+m+e] = true
			}
			for _, b := range step0BeforeNames {
				for _, p := range step0PronounNames {
					words[h+m+b+p] = true
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	letters := []rune("aeiouáéíóúübcdfghjlmnñpqrstvyzaeiouaeioulnrs")
	for range 200000 {
		var b strings.Builder
		for range 3 + r.IntN(12) {
			b.WriteRune(letters[r.IntN(len(letters))])
		}
		words[b.String()] = true
	}
	// Words the stemmer hands to the package: long, capitalised, not valid UTF-8.
	for _, w := range []string{strings.Repeat("anticonstitucional", 4) + "mente", "Árbol", "ÁRBOLES", "pe\xffrro", "a b c"} {
		words[w] = true
	}
	bad := 0
	for w := range words {
		if got, want := spanishStem(w), spanish.Stem(w, true); got != want {
			if bad++; bad <= 20 {
				t.Errorf("spanishStem(%q) = %q, snowball gives %q", w, got, want)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d words stem differently", bad, len(words))
	}
}

// TestSpanishStemAllocates nothing for a stem that is a prefix of its word, as most are.
func TestSpanishStemAllocates(t *testing.T) {
	for _, w := range []string{"autorizaciones", "verificar", "haciéndola", "perdió"} {
		if n := testing.AllocsPerRun(100, func() { spanishStem(w) }); w != "haciéndola" && w != "perdió" && n != 0 {
			t.Errorf("spanishStem(%q) makes %v allocations, want 0", w, n)
		}
	}
}
