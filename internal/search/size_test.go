package search

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"testing"

	"github.com/requinoa/pauta/themes"
)

// Size budget of issue 4 for the Requínoa site, gzipped as a web server sends it: the index
// at most 9 KB, the index and the search engine together at most 20 KB. The first search on
// a slow municipal link must not wait for more.
const (
	indexBudget  = 9 << 10
	searchBudget = 20 << 10
)

func gzipSize(t *testing.T, b []byte) int {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}

func TestSizeBudget(t *testing.T) {
	index, err := seedIndex(t).Script()
	if err != nil {
		t.Fatal(err)
	}
	engine, err := fs.ReadFile(themes.Default(), EnginePath)
	if err != nil {
		t.Fatal(err)
	}
	shared, err := fs.ReadFile(themes.Default(), "assets/pauta.js")
	if err != nil {
		t.Fatal(err)
	}
	zi, ze, zs := gzipSize(t, index), gzipSize(t, engine), gzipSize(t, shared)
	t.Logf("gzipped: index %d B (raw %d), search.js %d B, together %d B; pauta.js (every page) %d B",
		zi, len(index), ze, zi+ze, zs)
	if zi > indexBudget {
		t.Errorf("index is %d B gzipped, over its budget of %d B", zi, indexBudget)
	}
	if zi+ze > searchBudget {
		t.Errorf("index and search.js are %d B gzipped, over their budget of %d B", zi+ze, searchBudget)
	}
}
