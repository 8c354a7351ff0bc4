package search

import (
	"bytes"
	"compress/gzip"
	"testing"
	"testing/fstest"

	"github.com/requinoa/pauta/internal/theme"
	"github.com/requinoa/pauta/themes"
)

// Size budget for the Requínoa site, gzipped as a web server sends it: the index and the search
// engine together at most 25 KB (issue 13), the index at most 16 KB of it (issue 4 gave it 8 KB;
// issue 13 added the synonyms and question words the manual's words have, the help pages
// grew with the register, the keywords of search.keywords add about 1 KB and the
// plain-language synonyms 1.3 KB). The first search on a slow municipal link must not wait
// for more.
const (
	indexBudget  = 16 << 10
	searchBudget = 25 << 10
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
	// The scripts as the build writes them into the site (without their comment lines): what
	// a reader's browser downloads.
	assets, err := theme.New(themes.Default(), fstest.MapFS{}).Assets()
	if err != nil {
		t.Fatal(err)
	}
	engine, shared := assets[EnginePath], assets["assets/pauta.js"]
	if len(engine) == 0 || len(shared) == 0 {
		t.Fatalf("the site has no %s or assets/pauta.js", EnginePath)
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
