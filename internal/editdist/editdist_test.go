package editdist

import "testing"

func TestLevenshtein(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"build", "build", 0},
		{"buidl", "build", 2},
		{"contruir", "construir", 1},
		{"", "abc", 3},
		{"titulo", "título", 1}, // by runes, not bytes
		{"salda", "salida", 1},
	} {
		if got := Levenshtein(tc.a, tc.b); got != tc.want {
			t.Errorf("Levenshtein(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
