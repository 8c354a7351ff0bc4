package search

import (
	"bytes"
	"flag"
	"os"
	"reflect"
	"testing"
)

var update = flag.Bool("update", false, "rewrite thesaurus_terms.txt and lenguaje-claro.terms.txt from the analyzer")

// The analysis of the thesaurus compiled into pauta is the analyzer's, word for word.
func TestThesaurusTerms(t *testing.T) {
	var b bytes.Buffer
	if err := writeThesaurusTerms(&b, NewAnalyzer(), thesaurusVocabulary()); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("thesaurus_terms.txt", b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := parseAnalysis(b.String())
	got := parseAnalysis(thesaurusTermsFile)
	if len(got) != len(want) {
		t.Errorf("thesaurus_terms.txt has %d words, the thesaurus %d: run go test -run TestThesaurusTerms -update", len(got), len(want))
	}
	bad := 0
	for w, a := range want {
		g, ok := got[w]
		if !ok || g.key != a.key || !slicesEqual(g.terms, a.terms) {
			bad++
			if bad <= 5 {
				t.Errorf("%q: file has %+v, the analyzer gives %+v", w, g, a)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d words analysed differently: run go test ./internal/search -run TestThesaurusTerms -update", bad)
	}
}

func slicesEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// The analysis of the plain-language list compiled into pauta is the analyzer's, word for
// word, and gives the groups analyseGroup gives.
func TestPlainLanguageTerms(t *testing.T) {
	var b bytes.Buffer
	if err := writePlainTerms(&b, NewAnalyzer()); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("lenguaje-claro.terms.txt", b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if b.String() != plainTermsFile {
		t.Fatal("lenguaje-claro.terms.txt is not the analyzer's: run go test ./internal/search -run TestPlainLanguageTerms -update")
	}
	an := NewAnalyzer()
	for i, g := range plainLanguage() {
		if got, want := analysedPlainLanguage()[i], analyseGroup(an, g); !reflect.DeepEqual(got, want) {
			t.Errorf("group %q: %+v from the file, %+v from the analyzer", g, got, want)
		}
	}
}
