package search

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestByteOrderWithinBMP holds the shortcut of finish: terms without a character beyond
// U+FFFF sort by their bytes as JavaScript sorts them, and a term with one is seen.
func TestByteOrderWithinBMP(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune{'a', 'z', 'é', 'ñ', 'ü', '0', '9', 'ß', 'ω', 'я', '\u2028', '\ud7ff', '\ue000', '\ufb01', '\uff21', '\ufffd'}
	word := func() string {
		var b strings.Builder
		for range r.IntN(5) {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	sign := func(x int) int { return min(max(x, -1), 1) }
	for range 20000 {
		a, b := word(), word()
		if beyondBMP([]string{a, b}) {
			t.Fatalf("beyondBMP(%q, %q) = true", a, b)
		}
		if got, want := sign(strings.Compare(a, b)), sign(compareUTF16(a, b)); got != want {
			t.Fatalf("%q vs %q: bytes say %d, UTF-16 says %d", a, b, got, want)
		}
	}
	if !beyondBMP([]string{"abc", "x𝐀y"}) {
		t.Error("beyondBMP missed U+1D400")
	}
	// Where the two orders differ: U+E000 sorts after a surrogate pair in UTF-16.
	if strings.Compare("\ue000", "𝐀") >= 0 || compareUTF16("\ue000", "𝐀") <= 0 {
		t.Error("expected byte order and UTF-16 order to differ on U+E000 and U+1D400")
	}
}
