package search_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/requinoa/pauta/internal/browsertest"
	"github.com/requinoa/pauta/internal/search"
	"github.com/requinoa/pauta/internal/site"
	"github.com/requinoa/pauta/internal/testtool"
)

// buildSeed builds the repo's own project into a fresh folder, as pauta build does.
func buildSeed(t *testing.T) (string, *site.Site) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	s, err := site.Build(context.Background(), os.DirFS("../.."), out, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return out, s
}

func fileURL(dir, page string) string {
	u := (&url.URL{Scheme: "file", Path: filepath.Join(dir, page)}).String()
	if i := strings.IndexAny(page, "?#"); i >= 0 {
		// Keep the query and fragment as written.
		u = (&url.URL{Scheme: "file", Path: filepath.Join(dir, page[:i])}).String() + page[i:]
	}
	return u
}

func evaluate[T any](t *testing.T, tab context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %.200s: %v", expr, err)
	}
	return v
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// snowballVocabulary reads the Spanish vocabulary that github.com/kljensen/snowball ships
// with its tests: about 28,000 words with the stems the published algorithm gives them.
func snowballVocabulary(t *testing.T) (words, stems []string) {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/kljensen/snowball").Output()
	if err != nil {
		t.Fatalf("locating github.com/kljensen/snowball: %v", err)
	}
	f, err := os.Open(filepath.Join(strings.TrimSpace(string(out)), "spanish_vocab", "vocab_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pair := regexp.MustCompile(`^\s*\{"([^"]*)", "([^"]*)"\},$`)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := pair.FindStringSubmatch(sc.Text()); m != nil {
			words = append(words, m[1])
			stems = append(stems, m[2])
		}
	}
	if len(words) < 20000 {
		t.Fatalf("read only %d words of the Snowball vocabulary", len(words))
	}
	return words, stems
}

// analysis is how one side analyses a text: per word, its lowercase and folded forms,
// whether it is a number, its index terms, its query terms and the stem of its lowercase.
func analysis(an *search.Analyzer, text string) string {
	var b strings.Builder
	for _, w := range search.Words(text) {
		fmt.Fprintf(&b, "%s|%s|%t|%s|%s|%s ", w.Lower, w.Fold, w.Number,
			strings.Join(an.Terms(w), ","), strings.Join(an.QueryTerms(w), ","), search.Stem(w.Lower))
	}
	return b.String()
}

const jsAnalysis = `(function (stop, texts) {
  var an = pautaSearch.Analyzer(stop, window.pautaSearchIndex.params.minDerivedStem, window.pautaSearchIndex.light);
  return texts.map(function (text) {
    return an.words(text).map(function (w) {
      return [w.lower, w.fold, w.number, (an.terms(w) || []).join(","),
        (an.queryTerms(w) || []).join(","), pautaSearch.stem(w.lower)].join("|") + " ";
    }).join("");
  });
})`

// The browser splits, folds and stems every word as the Go index does: the Snowball Spanish
// vocabulary as written, without accents and in capitals, the seed's whole text, and text
// with numbers and symbols.
func TestBrowserAnalyzerParity(t *testing.T) {
	vocab, stems := snowballVocabulary(t)
	out, s := buildSeed(t)
	an := search.NewAnalyzer()
	var texts []string
	for i, w := range vocab {
		folded := ""
		for _, x := range search.Words(w) {
			folded += x.Fold
		}
		texts = append(texts, w, folded, strings.ToUpper(w), stems[i])
	}
	for _, e := range search.Build(s.Procedure, nil).Entries {
		texts = append(texts, e.Heading, e.Text, e.Breadcrumb)
	}
	texts = append(texts, "Ley N° 18.695 de 1988", "Nº128", "01.08.2024", "1.234.567", "1234.567", "18.",
		"versión 2.0", "paso 3b", "D.F.L N°1", "«Solo si la conexión falla»", "A1B2-C3D4", "pingüino año ﬁn",
		"e\u0301xito", "İstanbul", "ΑΘΗΝΑ", "x²", "½", "٣٤٥", "haciéndola dárselas poniéndose vendérselo",
		"construyendo", "huyéndoles", "autenticacion tecnologia distribucion", "— ¿? ¡!", "")

	b := browsertest.New(t)
	tab := browsertest.Tab(t, b, 120*time.Second)
	if err := chromedp.Do(tab, chromedp.Navigate(fileURL(out, "buscar.html"))); err != nil {
		t.Fatal(err)
	}
	stop := jsonOf(t, search.StopWords())
	mismatches := 0
	const chunk = 4000
	for lo := 0; lo < len(texts); lo += chunk {
		part := texts[lo:min(lo+chunk, len(texts))]
		got := evaluate[[]string](t, tab, jsAnalysis+"("+stop+","+jsonOf(t, part)+")")
		if len(got) != len(part) {
			t.Fatalf("browser analysed %d texts of %d", len(got), len(part))
		}
		for i, text := range part {
			if want := analysis(an, text); got[i] != want {
				mismatches++
				if mismatches <= 20 {
					t.Errorf("%q:\n  browser %s\n  go      %s", text, got[i], want)
				}
			}
		}
	}
	if mismatches > 0 {
		t.Errorf("%d of %d texts analysed differently", mismatches, len(texts))
	}
	t.Logf("%d texts (%d Snowball words) analysed alike", len(texts), len(vocab))
}

// The browser's banded edit distance agrees with Go's full table, swaps included.
func TestBrowserEditDistanceParity(t *testing.T) {
	out, _ := buildSeed(t)
	b := browsertest.New(t)
	tab := browsertest.Tab(t, b, 60*time.Second)
	if err := chromedp.Do(tab, chromedp.Navigate(fileURL(out, "buscar.html"))); err != nil {
		t.Fatal(err)
	}
	words := []string{"objetivo", "objetibo", "ojbetivo", "objetvo", "objetivos", "obejtivo", "emergencia",
		"emergensia", "emergenica", "autorizacion", "autorisacion", "autoriz", "sesion", "sesoin", "seison",
		"ab", "ba", "abc", "", "a", "acb", "cab", "ñandu", "nandu", "𝔞bc", "abc𝔞"}
	var pairs [][3]any
	var want []int
	for _, a := range words {
		for _, c := range words {
			for k := 1; k <= 2; k++ {
				pairs = append(pairs, [3]any{a, c, k})
				want = append(want, search.EditDistance(a, c, k))
			}
		}
	}
	got := evaluate[[]int](t, tab, `(`+jsonOf(t, pairs)+`).map(function (p) { return pautaSearch.editDistance(p[0], p[1], p[2]); })`)
	for i, p := range pairs {
		if got[i] != want[i] {
			t.Errorf("editDistance(%q, %q, %d): browser %d, go %d", p[0], p[1], p[2], got[i], want[i])
		}
	}
}

type jsHit struct {
	Href  string  `json:"href"`
	Score float64 `json:"score"`
	Help  bool    `json:"help"`
}

const jsSearch = `(function (queries) {
  var s = pautaSearch.Searcher(window.pautaSearchIndex);
  return queries.map(function (q) {
    return s.search(q).hits.map(function (h) {
      return { href: window.pautaSearchIndex.docs[h.doc][0], score: h.score, help: h.help };
    });
  });
})`

// The browser ranks every query, and every prefix of it as typed, as Go does: same results,
// same order, same scores; on the Requínoa site and on a second procedure of another shape,
// with its own synonym lists.
func TestBrowserRankingParity(t *testing.T) {
	for _, c := range []struct {
		dir   string
		files []string
		extra []string
	}{
		{"../..", []string{"testdata/queries-dev.tsv", "testdata/queries-heldout.tsv", "testdata/queries-heldout-2.tsv",
			"testdata/natural-requinoa-dev.tsv", "testdata/natural-requinoa-heldout.tsv", "testdata/natural-requinoa-blind.tsv"},
			[]string{"", " ", "de", "de la", "xyzzy", "18.695", "2387", "procedimento emergensia",
				"que", "que ", "como se hace", "quien puede ", "terminar la conexion", "permiso del usuario ",
				"quienes", "para que ", "por que se aprueba", "porque", "cuando", "hasta cuando puedo ", "quien quien cuando para que"}},
		{"../../testdata/projects/prestamo-equipos", []string{"testdata/natural-prestamo-dev.tsv", "testdata/natural-prestamo-heldout.tsv", "testdata/natural-prestamo-blind.tsv"},
			[]string{"data show", "data show ", "el data show del salon", "banda ancha movil", "laptop", "bam ", "proyecter", "proyecter ", "proyectro del salon"}},
	} {
		t.Run(filepath.Base(c.dir), func(t *testing.T) { rankingParity(t, c.dir, c.files, c.extra) })
	}
}

func rankingParity(t *testing.T, dir string, files, extra []string) {
	out := filepath.Join(t.TempDir(), "public")
	s, err := site.Build(context.Background(), os.DirFS(dir), out, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix := search.Build(site.WithSearch(s.Procedure, &s.Prepared.Search), nil) // as the site builds it
	var queries []string
	for _, file := range files {
		for _, q := range queryColumn(t, file) {
			r := []rune(q)
			for i := 1; i <= len(r); i++ {
				queries = append(queries, string(r[:i]))
			}
			queries = append(queries, q+" ", strings.ToUpper(q))
		}
	}
	queries = append(queries, extra...)

	b := browsertest.New(t)
	tab := browsertest.Tab(t, b, 120*time.Second)
	if err := chromedp.Do(tab, chromedp.Navigate(fileURL(out, "buscar.html"))); err != nil {
		t.Fatal(err)
	}
	got := evaluate[[][]jsHit](t, tab, jsSearch+"("+jsonOf(t, queries)+")")
	differ := 0
	for i, q := range queries {
		want := ix.Search(q)
		same := len(got[i]) == len(want)
		for j := 0; same && j < len(want); j++ {
			same = got[i][j].Href == want[j].Entry.Href && got[i][j].Score == want[j].Score && got[i][j].Help == want[j].Help
		}
		if !same {
			var w []jsHit
			for _, h := range want {
				w = append(w, jsHit{h.Entry.Href, h.Score, h.Help})
			}
			t.Errorf("%q:\n  browser %v\n  go      %v", q, got[i], w)
			differ++
		}
	}
	t.Logf("%d queries, %d ranked differently", len(queries), differ)
}

func queryColumn(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i, line := range strings.Split(string(b), "\n") {
		if q, _, _ := strings.Cut(line, "\t"); i > 0 && strings.TrimSpace(q) != "" {
			out = append(out, q)
		}
	}
	return out
}

type result struct {
	Href    string   `json:"href"`
	Heading string   `json:"heading"`
	Links   int      `json:"links"`
	Marks   []string `json:"marks"`
}

const jsResults = `Array.from(document.querySelectorAll("#resultados > li"), function (li) {
  var a = li.querySelector("a");
  return { href: a.getAttribute("href"), heading: a.textContent, links: li.querySelectorAll("a").length,
    marks: Array.from(li.querySelectorAll("mark"), function (m) { return m.textContent; }) };
})`

// The search page, opened from disk with ?q=, lists the results best first, each one link to
// a section; typing updates the results and the address; arrows and Enter open a result; the
// page it opens marks the words found.
func TestBrowserSearchPage(t *testing.T) {
	out, _ := buildSeed(t)
	b := browsertest.New(t)
	tab := browsertest.Tab(t, b, 60*time.Second)

	for _, c := range []struct{ query, first, mark string }{
		{"autenticacion", "index.html?resaltar=", "#autenticacion-autorizacion"},
		{"ley 18.695", "decreto.html?resaltar=", "#vistos"},
		{"juzgado de policia local", "decreto.html?resaltar=", "#distribucion"},
		{"emergensia", "index.html?resaltar=", "#procedimiento-emergencia"},
		{"confid", "index.html?resaltar=", "#seguridad-confidencialidad"},
	} {
		if err := chromedp.Do(tab, chromedp.Navigate(fileURL(out, "buscar.html?q="+url.QueryEscape(c.query)))); err != nil {
			t.Fatal(err)
		}
		rs := evaluate[[]result](t, tab, jsResults)
		if len(rs) == 0 {
			t.Errorf("%q: no results", c.query)
			continue
		}
		if !strings.HasPrefix(rs[0].Href, c.first) || !strings.HasSuffix(rs[0].Href, c.mark) {
			t.Errorf("%q: first result links to %s, want %s…%s", c.query, rs[0].Href, c.first, c.mark)
		}
		for _, r := range rs {
			if r.Links != 1 {
				t.Errorf("%q: result %q holds %d links", c.query, r.Heading, r.Links)
			}
		}
		if len(rs[0].Marks) == 0 {
			t.Errorf("%q: first result marks no word", c.query)
		}
		if box := evaluate[string](t, tab, `document.getElementById("q").value`); box != c.query {
			t.Errorf("search box holds %q, want %q", box, c.query)
		}
	}

	// The page with results passes axe-core, marks and all.
	if err := chromedp.Do(tab, chromedp.Navigate(fileURL(out, "buscar.html?q=verificar+identidad"))); err != nil {
		t.Fatal(err)
	}
	for _, v := range axeViolations(t, tab) {
		t.Errorf("axe on the results: %s", v)
	}

	// Typing: results follow each key, and the address keeps the query.
	if err := chromedp.Do(tab, chromedp.Navigate(fileURL(out, "buscar.html"))); err != nil {
		t.Fatal(err)
	}
	if n := evaluate[int](t, tab, `document.querySelectorAll("#resultados li").length`); n != 0 {
		t.Errorf("empty query shows %d results", n)
	}
	if err := chromedp.Do(tab, chromedp.KeyEvent("/")); err != nil {
		t.Fatal(err)
	}
	if focus := evaluate[string](t, tab, `document.activeElement.id`); focus != "q" {
		t.Errorf("after /, focus is on %q", focus)
	}
	// chromedp sends a key's character apart from its keydown, so the "/" that a browser
	// would swallow lands in the box: clear it.
	evaluate[string](t, tab, `document.getElementById("q").value = ""`)
	if err := chromedp.Do(tab, chromedp.KeyEvent("instal")); err != nil {
		t.Fatal(err)
	}
	rs := evaluate[[]result](t, tab, jsResults)
	if len(rs) == 0 || !strings.HasSuffix(rs[0].Href, "#instalacion-anydesk") {
		t.Errorf("typing instal: %+v", rs)
	}
	loc, err := chromedp.Run(tab, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(loc, "buscar.html?q=instal") {
		t.Errorf("address while typing: %s", loc)
	}

	// Arrows move through the results and back to the box; Enter opens.
	if err := chromedp.Do(tab, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	if h := evaluate[string](t, tab, `document.activeElement.getAttribute("href")`); h != rs[1].Href {
		t.Errorf("two arrows down: focus on %q, want the second result %q", h, rs[1].Href)
	}
	if err := chromedp.Do(tab, chromedp.KeyEvent(kb.ArrowUp), chromedp.KeyEvent(kb.ArrowUp)); err != nil {
		t.Fatal(err)
	}
	if focus := evaluate[string](t, tab, `document.activeElement.id`); focus != "q" {
		t.Errorf("two arrows up: focus on %q, want the box", focus)
	}
	if err := chromedp.Do(tab, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	landed := waitForPage(t, tab, "index.html")
	if !strings.HasSuffix(landed, "#instalacion-anydesk") {
		t.Errorf("Enter opened %s", landed)
	}
	marks := evaluate[[]string](t, tab, `Array.from(document.querySelectorAll("#instalacion-anydesk mark"), m => m.textContent)`)
	if len(marks) == 0 {
		t.Error("the opened section marks no word")
	}
	for _, m := range marks {
		if !strings.HasPrefix(strings.ToLower(m), "instal") {
			t.Errorf("marked %q", m)
		}
	}
	if n := evaluate[int](t, tab, `document.querySelectorAll("mark").length - document.querySelectorAll("#instalacion-anydesk mark").length`); n != 0 {
		t.Errorf("%d words marked outside the section", n)
	}

	// Enter in the box opens the first result; the header's box leads to the search page.
	if err := chromedp.Do(tab, chromedp.Navigate(fileURL(out, "decreto.html")),
		chromedp.SendKeys("#q-cabecera", "memo 521"+kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitForPage(t, tab, "buscar.html?q=memo+521")
	rs = evaluate[[]result](t, tab, jsResults)
	if len(rs) == 0 || !strings.HasSuffix(rs[0].Href, "#considerando") {
		t.Errorf("header search for memo 521: %+v", rs)
	}
	if err := chromedp.Do(tab, chromedp.Focus("#q"), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitForPage(t, tab, "decreto.html?resaltar=")
	marks = evaluate[[]string](t, tab, `Array.from(document.querySelectorAll("#considerando mark"), m => m.textContent)`)
	if strings.Join(marks, " ") != "Memo 521" {
		t.Errorf("marked %q in CONSIDERANDO, want Memo and 521", marks)
	}

	// A heading stands for the block it heads; a page without a fragment is marked whole.
	for _, c := range []struct{ page, sel, want string }{
		{"decreto.html?resaltar=2387#decreto-2387", ".decreto-encabezado mark", "2387"},
		{"decreto.html?resaltar=18695#vistos", "#vistos mark", "18.695"},
		{"index.html?resaltar=emergencia#procedimiento-emergencia", "#procedimiento-emergencia mark", "Emergencia"},
		{"buscar.html?resaltar=buscar", "main mark", "Buscar"},
	} {
		if err := chromedp.Do(tab, chromedp.Navigate(fileURL(out, c.page))); err != nil {
			t.Fatal(err)
		}
		if got := evaluate[string](t, tab, `(document.querySelector("`+c.sel+`") || {}).textContent || ""`); got != c.want {
			t.Errorf("%s: first mark %q, want %q", c.page, got, c.want)
		}
	}

	// A help page is labelled as such, below the approved text that says the query's words.
	if err := chromedp.Do(tab, chromedp.Navigate(fileURL(out, "buscar.html?q="+url.QueryEscape("imprimir la lista de verificacion")))); err != nil {
		t.Fatal(err)
	}
	crumbs := evaluate[[]string](t, tab, `Array.from(document.querySelectorAll("#resultados > li .ruta"), function (e) { return e.textContent; })`)
	help := 0
	for _, c := range crumbs {
		if strings.HasPrefix(c, "Ayuda del sitio › ") {
			help++
		}
	}
	if help == 0 || help == len(crumbs) {
		t.Errorf("imprimir la lista de verificacion: %d of %d results labelled as help: %q", help, len(crumbs), crumbs)
	}

	// No match says so.
	if err := chromedp.Do(tab, chromedp.Navigate(fileURL(out, "buscar.html?q=xyzzy"))); err != nil {
		t.Fatal(err)
	}
	if st := evaluate[string](t, tab, `document.getElementById("estado-busqueda").textContent`); !strings.HasPrefix(st, "Sin resultados") {
		t.Errorf("no match: status %q", st)
	}
}

// axeViolations runs axe-core (installed by npm ci at the repo root) on the tab's page,
// injected through DevTools, which the page's CSP does not govern.
func axeViolations(t *testing.T, tab context.Context) []string {
	t.Helper()
	src, err := os.ReadFile("../../node_modules/axe-core/axe.min.js")
	if err != nil {
		testtool.Missing(t, "axe-core not installed (run npm ci at the repo root)")
	}
	evaluate[bool](t, tab, string(src)+";true")
	raw, err := chromedp.Run(tab, chromedp.Evaluate[string](`axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
  return JSON.stringify(r.violations.map(function (v) {
    return v.id + ": " + v.help + " " + v.nodes.map(function (n) { return n.html; }).join(" ");
  }));
})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe.run: %v", err)
	}
	var out []string
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// waitForPage waits until the tab's address contains want, and returns it.
func waitForPage(t *testing.T, tab context.Context, want string) string {
	t.Helper()
	var loc string
	for range 100 {
		var err error
		loc, err = chromedp.Run(tab, chromedp.Evaluate[string](`document.readyState === "complete" ? location.href : ""`))
		if err == nil && strings.Contains(loc, want) {
			return loc
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("still at %s, waiting for %s", loc, want)
	return ""
}
