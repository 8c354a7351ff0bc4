// Command search measures pauta's search on synthetic procedures: for each size it writes a
// procedure of that many manual sections in Spanish, builds the site as pauta build does,
// reports the size of its corpus (sections, words, distinct words) and of the index, and
// times queries in headless Chromium on bench.html, a page written beside buscar.html that
// types a mix of queries into the real search engine (search.js) and prints the 50th and
// 95th percentiles.
//
//	go run ./bench/search                       # 100, 1,000 and 5,000 sections
//	go run ./bench/search -sizes 5000 -keep /tmp/bench
//
// With -keep the built sites stay in the folder: open <folder>/5000/public/bench.html in a
// browser to repeat the measurement there, or buscar.html to try the search by hand.
//
// The words come from the Snowball Spanish vocabulary (about 28,000 real words, shipped with
// github.com/kljensen/snowball), drawn with a Zipf distribution as in real text, from a fixed
// seed: every run measures the same procedures and the same queries.
package main

import (
	"bufio"
	"compress/gzip"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/chromedp/chromedp"

	"github.com/requinoa/pauta/internal/search"
	"github.com/requinoa/pauta/internal/site"
)

//go:embed bench.html
var benchHTML []byte

//go:embed bench.js
var benchJS []byte

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "search bench:", err)
		os.Exit(1)
	}
}

type options struct {
	sizes []int
	keep  string
	base  int // base queries per size
}

func parseFlags(args []string) (options, error) {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	sizes := fs.String("sizes", "100,1000,5000", "numbers of manual sections, comma-separated")
	keep := fs.String("keep", "", "folder to keep the generated projects and sites in")
	base := fs.Int("queries", 80, "queries per size, each also typed letter by letter and with a typo")
	if err := fs.Parse(args); err != nil {
		return options{}, err
	}
	o := options{keep: *keep, base: *base}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 20 {
			return options{}, fmt.Errorf("-sizes: %q is not a number of sections of at least 20", s)
		}
		o.sizes = append(o.sizes, n)
	}
	return o, nil
}

// result is what bench.js reports.
type result struct {
	Terms   int                  `json:"terms"`
	Docs    int                  `json:"docs"`
	Load    float64              `json:"load"`
	First   float64              `json:"first"`
	Queries int                  `json:"queries"`
	Rank    map[string][]float64 `json:"rank"` // kind → [p50, p95]
	Page    map[string][]float64 `json:"page"`
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	o, err := parseFlags(args)
	if err != nil {
		return err
	}
	vocab, err := vocabulary()
	if err != nil {
		return err
	}
	dir := o.keep
	if dir == "" {
		if dir, err = os.MkdirTemp("", "pauta-search-bench-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	browser, cancel, err := startChromium(ctx, filepath.Join(dir, "chromium"))
	if err != nil {
		return err
	}
	defer cancel()

	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "sections\twords\tdistinct\tsite build\tindex build\tindex raw\tindex gz\tgz/section\tterms\tload\tfirst\tqueries\trank p50\trank p95\tpage p50\tpage p95\ttypo p95\t")
	for _, n := range o.sizes {
		r, st, err := measure(ctx, browser, vocab, n, o.base, filepath.Join(dir, strconv.Itoa(n)))
		if err != nil {
			return fmt.Errorf("%d sections: %w", n, err)
		}
		ms := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) + " ms" }
		fmt.Fprintf(tw, "%d\t%d\t%d\t%s\t%s\t%d B\t%d B\t%.0f B\t%d\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t\n",
			n, st.words, st.distinct, st.build.Round(time.Millisecond), st.index.Round(time.Millisecond), st.raw, st.gz, float64(st.gz)/float64(n), r.Terms,
			ms(r.Load), ms(r.First), r.Queries, ms(r.Rank["all"][0]), ms(r.Rank["all"][1]),
			ms(r.Page["all"][0]), ms(r.Page["all"][1]), ms(r.Page["typo"][1]))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "\nrank: Searcher.search alone; page: the search page's whole update per keystroke (rank, snippets, marks, DOM);")
	fmt.Fprintln(stdout, "words: every word the index reads (headings, texts, items, checklist lines, decree, pages), stop words included; distinct: of them, different once folded.")
	fmt.Fprintln(stdout, "load: parsing the index script and preparing the engine; first: the first query after load.")
	fmt.Fprintln(stdout, "Queries: each base query typed letter by letter, then whole, then with one typo. Times from performance.now() in headless Chromium.")
	return nil
}

type stats struct {
	build, index    time.Duration // the whole site; the search index alone
	raw, gz         int
	words, distinct int // of the corpus indexed: every word, and the different ones (folded)
}

// corpus counts the words of every text the index reads, and how many of them differ once
// folded (lowercase, without accents), as search splits them.
func corpus(ix *search.Index) (words, distinct int) {
	seen := map[string]bool{}
	add := func(text string) {
		for _, w := range search.Words(text) {
			words++
			seen[w.Fold] = true
		}
	}
	for _, e := range ix.Entries {
		if e.Kind == search.KindHeading {
			add(e.Heading)
		}
		add(e.Text)
	}
	return words, len(seen)
}

func measure(ctx context.Context, browser context.Context, vocab []string, n, base int, dir string) (result, stats, error) {
	var st stats
	src := filepath.Join(dir, "src")
	if err := os.MkdirAll(src, 0o755); err != nil {
		return result{}, st, err
	}
	rng := rand.New(rand.NewPCG(uint64(n), 4))
	g := newGenerator(vocab, rng)
	yaml, texts := g.procedure(n)
	if err := os.WriteFile(filepath.Join(src, "procedure.yaml"), []byte(yaml), 0o644); err != nil {
		return result{}, st, err
	}
	out := filepath.Join(dir, "public")
	start := time.Now()
	s, err := site.Build(ctx, os.DirFS(src), out, site.Options{})
	if err != nil {
		return result{}, st, err
	}
	st.build = time.Since(start)
	start = time.Now()
	ix := search.Build(s.Procedure, nil)
	if err := ix.WriteScript(io.Discard); err != nil {
		return result{}, st, err
	}
	st.index = time.Since(start)
	st.words, st.distinct = corpus(ix)
	index, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(search.IndexPath)))
	if err != nil {
		return result{}, st, err
	}
	st.raw = len(index)
	if st.gz, err = gzipSize(index); err != nil {
		return result{}, st, err
	}
	queries, err := json.Marshal(g.queries(texts, base))
	if err != nil {
		return result{}, st, err
	}
	for name, b := range map[string][]byte{
		"bench.html":       benchHTML,
		"bench.js":         benchJS,
		"bench-queries.js": append(append([]byte("window.benchQueries = "), queries...), ";\n"...),
	} {
		if err := os.WriteFile(filepath.Join(out, name), b, 0o644); err != nil {
			return result{}, st, err
		}
	}
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	tab, cancelTimeout := context.WithTimeout(tab, 10*time.Minute)
	defer cancelTimeout()
	page := (&url.URL{Scheme: "file", Path: filepath.Join(out, "bench.html")}).String()
	if err := chromedp.Do(tab, chromedp.Navigate(page)); err != nil {
		return result{}, st, err
	}
	raw, err := chromedp.Run(tab, chromedp.Poll[string](`window.benchResult && JSON.stringify(window.benchResult)`,
		chromedp.WithPollingTimeout(9*time.Minute), chromedp.WithPollingInterval(200*time.Millisecond)))
	if err != nil {
		return result{}, st, fmt.Errorf("waiting for bench.js: %w", err)
	}
	var r result
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		return result{}, st, err
	}
	return r, st, nil
}

func gzipSize(b []byte) (int, error) {
	var c countWriter
	w := gzip.NewWriter(&c)
	if _, err := w.Write(b); err != nil {
		return 0, err
	}
	if err := w.Close(); err != nil {
		return 0, err
	}
	return int(c), nil
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

func startChromium(ctx context.Context, profile string) (context.Context, context.CancelFunc, error) {
	var path string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		return nil, nil, errors.New("chromium not found on PATH (install the Debian package chromium)")
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(path), chromedp.UserDataDir(profile), chromedp.Flag("headless", true),
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(1280, 900))
	browser, cancel := chromedp.NewContext(alloc)
	if err := chromedp.Do(browser); err != nil {
		cancel()
		cancelAlloc()
		return nil, nil, fmt.Errorf("starting chromium: %w", err)
	}
	return browser, func() { cancel(); cancelAlloc() }, nil
}

// vocabulary reads the Snowball Spanish vocabulary from the module cache.
func vocabulary() ([]string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/kljensen/snowball").Output()
	if err != nil {
		return nil, fmt.Errorf("locating github.com/kljensen/snowball: %w", err)
	}
	f, err := os.Open(filepath.Join(strings.TrimSpace(string(out)), "spanish_vocab", "vocab_test.go"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	pair := regexp.MustCompile(`^\s*\{"([^"]*)", "[^"]*"\},$`)
	var words []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// Real words only: at least three letters, no stray symbols.
		if m := pair.FindStringSubmatch(sc.Text()); m != nil && utf8.RuneCountInString(m[1]) >= 3 &&
			strings.IndexFunc(m[1], func(r rune) bool { return !unicode.IsLetter(r) }) < 0 {
			words = append(words, m[1])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(words) < 20000 {
		return nil, fmt.Errorf("read only %d words of the Snowball vocabulary", len(words))
	}
	return words, nil
}

// generator writes Spanish-looking text: vocabulary words in Zipf frequencies, with the
// commonest function words in between.
type generator struct {
	vocab []string
	rng   *rand.Rand
	zipf  *rand.Zipf
}

func newGenerator(vocab []string, rng *rand.Rand) *generator {
	// Shuffle so frequency does not follow alphabetical order.
	v := append([]string(nil), vocab...)
	rng.Shuffle(len(v), func(i, j int) { v[i], v[j] = v[j], v[i] })
	return &generator{vocab: v, rng: rng, zipf: rand.NewZipf(rng, 1.1, 2, uint64(len(v)-1))}
}

var function = []string{"de", "la", "el", "en", "y", "los", "del", "que", "se", "las", "por", "con", "para", "una"}

func (g *generator) sentence(words int) string {
	var b strings.Builder
	for i := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		if i > 0 && g.rng.IntN(3) == 0 {
			b.WriteString(function[g.rng.IntN(len(function))])
			continue
		}
		b.WriteString(g.vocab[g.zipf.Uint64()])
	}
	s := b.String()
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// procedure returns procedure.yaml with n manual sections (chapters of 19 numbered steps,
// each step with text and lettered items) and the texts a reader could look for.
func (g *generator) procedure(n int) (string, []string) {
	var b strings.Builder
	b.WriteString(`pauta: 1
organization: {name: Municipalidad de Prueba, unit: Informática}
decree:
  kind: DECRETO ALCALDICIO
  number: 1000
  date: 2024-01-02
  place: PRUEBA
  subject: APRUEBA MANUAL DE PRUEBA.
  opening: "Esta Alcaldía decretó hoy lo siguiente:"
  vistos: [{id: ley-18695, text: La Ley N° 18.695 Orgánica Constitucional de Municipalidades.}]
  considerando: [{id: necesidad, text: La necesidad de medir la búsqueda.}]
  resolutions: [{id: aprueba, text: APRUÉBASE el manual.}]
  closing: ANÓTESE, COMUNÍQUESE Y ARCHÍVESE.-
  signatories: [{id: alcalde, name: ANA PÉREZ, role: ALCALDE}]
manual:
  title: Manual de prueba
  sections:
`)
	var texts []string
	const perChapter = 20
	for c := 0; c*perChapter < n; c++ {
		title := g.sentence(2 + g.rng.IntN(3))
		texts = append(texts, title)
		fmt.Fprintf(&b, "    - id: c%d\n      title: %s\n      numbered: true\n      label: paso\n      sections:\n", c, title)
		for s := 1; s < perChapter && c*perChapter+s < n; s++ {
			title := g.sentence(2 + g.rng.IntN(4))
			text := g.sentence(15 + g.rng.IntN(25))
			texts = append(texts, title, text)
			fmt.Fprintf(&b, "        - id: c%d-%d\n          title: %s\n          text: %s.\n          list: letters\n          items:\n",
				c, s, title, text)
			for i := range 2 + g.rng.IntN(2) {
				item := g.sentence(8 + g.rng.IntN(14))
				texts = append(texts, item)
				fmt.Fprintf(&b, "            - {id: c%d-%d-%d, text: %s.}\n", c, s, i, item)
			}
			if s == 1 {
				fmt.Fprintf(&b, "          checks: [{id: v%d, phase: antes, text: %s}]\n", c, g.sentence(6))
			}
		}
	}
	b.WriteString(`checklist:
  code: T-01
  title: Prueba
  phases: [{id: antes, title: Antes}]
  signatures: [{id: tecnico, title: Técnico}]
`)
	return b.String(), texts
}

type query struct {
	Q    string `json:"q"`
	Kind string `json:"kind"` // "typing", "full" or "typo"
	// Warm marks the queries run first and not timed: they warm up the JIT compiler, as a
	// reader's first searches would, without repeating the timed ones.
	Warm bool `json:"warm,omitempty"`
}

// queries picks words a reader would type: one to three neighbouring words of a heading or
// text, typed letter by letter, then whole without accents, then with one letter wrong.
func (g *generator) queries(texts []string, base int) []query {
	var out []query
	for n := range base + base/2 {
		warm := n >= base
		words := strings.Fields(texts[g.rng.IntN(len(texts))])
		k := 1 + g.rng.IntN(min(3, len(words)))
		at := g.rng.IntN(len(words) - k + 1)
		q := strings.ToLower(strings.Join(words[at:at+k], " "))
		r := []rune(q)
		for i := 1; i < len(r); i++ {
			out = append(out, query{string(r[:i]), "typing", warm})
		}
		out = append(out, query{fold(q), "full", warm}, query{typo(g.rng, fold(q)), "typo", warm})
	}
	return out
}

func fold(s string) string {
	var b strings.Builder
	for _, w := range search.Words(s) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.Fold)
	}
	return b.String()
}

// typo changes one letter of the longest word.
func typo(rng *rand.Rand, q string) string {
	words := strings.Fields(q)
	long := 0
	for i, w := range words {
		if len(w) > len(words[long]) {
			long = i
		}
	}
	r := []rune(words[long])
	if len(r) < 4 {
		return q
	}
	i := 1 + rng.IntN(len(r)-1)
	r[i] = rune('a' + rng.IntN(26))
	words[long] = string(r)
	return strings.Join(words, " ")
}
