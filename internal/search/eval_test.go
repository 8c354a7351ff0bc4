package search

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/requinoa/pauta/internal/procedure"
)

// evalQuery is one line of a query set: a query and the headings that answer it.
type evalQuery struct {
	query    string
	expected []string
}

func readQueries(t testing.TB, path string) []evalQuery {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []evalQuery
	sc := bufio.NewScanner(f)
	for i := 0; sc.Scan(); i++ {
		cols := strings.Split(sc.Text(), "\t")
		if i == 0 || len(cols) < 2 || strings.TrimSpace(cols[0]) == "" {
			continue
		}
		q := evalQuery{query: cols[0]}
		for _, h := range strings.Split(cols[1], "|") {
			q.expected = append(q.expected, headingKey(h))
		}
		out = append(out, q)
	}
	return out
}

var numbering = regexp.MustCompile(`^(?:(?:paso|seccion|capitulo|punto)\s+)?(?:[0-9]+|[a-z]|[ivx]+)(?:\s+|$)`)

// headingKey compares headings as a reader matches them: folded, without punctuation or leading
// numbering.
func headingKey(s string) string {
	parts := strings.FieldsFunc(foldString(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	s = strings.Join(parts, " ")
	for {
		t := numbering.ReplaceAllString(s, "")
		if t == s || t == "" {
			return s
		}
		s = t
	}
}

type evalResult struct{ r1, r3, mrr float64 }

func evaluate(t testing.TB, ix *Index, qs []evalQuery, verbose bool) evalResult {
	var r evalResult
	for _, q := range qs {
		hits := ix.Search(q.query)
		rank := 0
		var top []string
		for i, h := range hits {
			if i < 3 {
				top = append(top, h.Entry.Heading)
			}
			if rank == 0 {
				for _, e := range q.expected {
					if headingKey(h.Entry.Heading) == e {
						rank = i + 1
					}
				}
			}
		}
		if rank == 1 {
			r.r1++
		}
		if rank > 0 && rank <= 3 {
			r.r3++
		}
		if rank > 0 {
			r.mrr += 1 / float64(rank)
		}
		if verbose || rank != 1 {
			t.Logf("rank %d\t%s\t-> %s", rank, q.query, strings.Join(top, " | "))
		}
	}
	n := float64(len(qs))
	return evalResult{r.r1 / n, r.r3 / n, r.mrr / n}
}

func (r evalResult) String() string {
	return fmt.Sprintf("R@1 %.2f  R@3 %.2f  MRR %.2f", r.r1, r.r3, r.mrr)
}

func seedIndex(t testing.TB) *Index {
	t.Helper()
	p, err := procedure.Load(os.DirFS("../.."), procedure.DefaultFile)
	if err != nil {
		t.Fatal(err)
	}
	return Build(p, nil)
}

func TestQuality(t *testing.T) {
	ix := seedIndex(t)
	dev := evaluate(t, ix, readQueries(t, "testdata/queries-dev.tsv"), testing.Verbose())
	t.Logf("dev: %s", dev)
	// The goal of issue 4, on the sample staff queries.
	if dev.r1 < 0.95 || dev.r3 < 1 {
		t.Errorf("dev queries: %s; want R@1 ≥ 0.95 and R@3 = 1.00", dev)
	}
	// Queries written apart from the tuning: a floor against regressions, not a target.
	held := evaluate(t, ix, readQueries(t, "testdata/queries-heldout.tsv"), testing.Verbose())
	t.Logf("held-out: %s", held)
	if held.r1 < 0.85 || held.r3 < 0.95 {
		t.Errorf("held-out queries: %s; want R@1 ≥ 0.85 and R@3 ≥ 0.95", held)
	}
	// A second set, written after the analysis was settled and run once to report it.
	held2 := evaluate(t, ix, readQueries(t, "testdata/queries-heldout-2.tsv"), testing.Verbose())
	t.Logf("held-out 2: %s", held2)
}

// plainIndex is the index of the project in dir without its keywords (search.keywords), for
// the tests of what the ranking does on the text alone: the keywords, written for readers'
// questions, would answer the test's queries themselves.
func plainIndex(t testing.TB, dir string) *Index {
	t.Helper()
	p, err := procedure.Load(os.DirFS(dir), procedure.DefaultFile)
	if err != nil {
		t.Fatal(err)
	}
	p.Search.Keywords = nil
	return Build(p, nil)
}

func projectIndex(t testing.TB, dir string) *Index {
	t.Helper()
	p, err := procedure.Load(os.DirFS(dir), procedure.DefaultFile)
	if err != nil {
		t.Fatal(err)
	}
	return Build(p, nil)
}

func evaluateSets(t testing.TB, verbose bool, sets ...querySet) evalResult {
	var sum evalResult
	n := 0.0
	for _, s := range sets {
		r := evaluate(t, s.ix, s.qs, verbose)
		t.Logf("  %s, %d queries: %s", s.name, len(s.qs), r)
		k := float64(len(s.qs))
		sum.r1 += r.r1 * k
		sum.r3 += r.r3 * k
		sum.mrr += r.mrr * k
		n += k
	}
	return evalResult{sum.r1 / n, sum.r3 / n, sum.mrr / n}
}

// querySet is a query set with the index it was written for.
type querySet struct {
	ix   *Index
	qs   []evalQuery
	name string
}

// Queries as staff ask (issue 13): questions, everyday words, typos, no accents, on the
// Requínoa manual and on a second procedure of another shape. The dev sets were tuned on;
// the held-out sets were written with them and split off (every other line) before any
// tuning. The blind sets were written by writers who had seen neither the ranking nor the
// keywords nor the other sets, and each was measured once on the changes made after it:
// blind after the ranking and the keywords were settled; blind2 (only the built sites seen)
// at the start of a round, which decided what of it was merged; blind3 later in that round,
// before the plain-language links of words the text uses; blind4 (only the built sites seen)
// at the start of the next round, before its changes. Two of blind4's queries were dropped and
// one answer struck, as they named pages the search does not index (the manual's title, the
// versions and Transparencia pages). Issue 13 asks R@1 ≥ 0.80 and
// R@3 ≥ 0.95: not reached yet, so the test holds the dev sets to the level reached, against
// regressions, and reports the others.
func TestNaturalQuality(t *testing.T) {
	seed := seedIndex(t)
	loan := projectIndex(t, "../../testdata/projects/prestamo-equipos")
	v := testing.Verbose()
	results := map[string]evalResult{}
	for _, set := range []string{"dev", "heldout", "blind", "blind2", "blind3", "blind4", "blind5"} {
		results[set] = evaluateSets(t, v,
			querySet{seed, readQueries(t, "testdata/natural-requinoa-"+set+".tsv"), "natural-requinoa-" + set},
			querySet{loan, readQueries(t, "testdata/natural-prestamo-"+set+".tsv"), "natural-prestamo-" + set})
		t.Logf("natural %s: %s", set, results[set])
	}
	if dev := results["dev"]; dev.r1 < 0.80 || dev.r3 < 0.90 {
		t.Errorf("natural dev queries: %s; want R@1 ≥ 0.80 and R@3 ≥ 0.90 (the level reached)", dev)
	}
}

// TestQualityTable reports every query set on the indexes with and without the keywords of
// search.keywords (written blind, see procedure.yaml), the figures of issue 13's report:
// go test ./internal/search -run TestQualityTable -v. It asserts nothing the other tests do
// not.
func TestQualityTable(t *testing.T) {
	load := func(dir string) *procedure.Procedure {
		p, err := procedure.Load(os.DirFS(dir), procedure.DefaultFile)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	seed, loan := load("../.."), load("../../testdata/projects/prestamo-equipos")
	for _, with := range []bool{true, false} {
		s, l := *seed, *loan
		if !with {
			s.Search.Keywords, l.Search.Keywords = nil, nil
		}
		si, li := Build(&s, nil), Build(&l, nil)
		set := func(ix *Index, name string) querySet {
			return querySet{ix, readQueries(t, "testdata/"+name+".tsv"), name}
		}
		label := map[bool]string{true: "with keywords", false: "without keywords"}[with]
		for _, g := range []struct {
			name string
			sets []querySet
		}{
			{"keyword dev", []querySet{set(si, "queries-dev")}},
			{"keyword held-out", []querySet{set(si, "queries-heldout")}},
			{"keyword held-out-2", []querySet{set(si, "queries-heldout-2")}},
			{"natural dev", []querySet{set(si, "natural-requinoa-dev"), set(li, "natural-prestamo-dev")}},
			{"natural held-out", []querySet{set(si, "natural-requinoa-heldout"), set(li, "natural-prestamo-heldout")}},
			{"natural blind", []querySet{set(si, "natural-requinoa-blind"), set(li, "natural-prestamo-blind")}},
			{"natural blind-2", []querySet{set(si, "natural-requinoa-blind2"), set(li, "natural-prestamo-blind2")}},
			{"natural blind-3", []querySet{set(si, "natural-requinoa-blind3"), set(li, "natural-prestamo-blind3")}},
			{"natural blind-4", []querySet{set(si, "natural-requinoa-blind4"), set(li, "natural-prestamo-blind4")}},
			{"natural blind-5", []querySet{set(si, "natural-requinoa-blind5"), set(li, "natural-prestamo-blind5")}},
		} {
			t.Logf("%s, %s: %s", label, g.name, evaluateSets(t, false, g.sets...))
		}
	}
}
