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

func TestClosest(t *testing.T) {
	known := []string{"finalizacion-sesion", "alcance", "objetivo", "alcancia"}
	for _, c := range []struct{ s, want string }{
		{"alcanse", "alcance"},
		{"finalizacion-sesio", "finalizacion-sesion"},
		{"xyz", ""},            // nothing within three typos
		{"alcanci", "alcance"}, // one typo from «alcancia» too: the tie goes to the first in order
	} {
		if got := Closest(c.s, known); got != c.want {
			t.Errorf("Closest(%q) = %q, want %q", c.s, got, c.want)
		}
	}
}
