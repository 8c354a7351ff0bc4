package pages_test

import (
	"errors"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/requinoa/pauta/internal/markdown"
	"github.com/requinoa/pauta/internal/pages"
	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/theme"
	"github.com/requinoa/pauta/themes"
)

// These tests read what Render produces as a browser would — the parsed document, its ids,
// links, scripts and visible text — not the markup itself, which the theme may change.

type files map[string][]byte

func (f files) Write(name string, write func(io.Writer) error) error {
	var b strings.Builder
	if err := write(&b); err != nil {
		return err
	}
	f[name] = []byte(b.String())
	return nil
}

// minimal loads the test project, with edit applied to its procedure.yaml.
func minimal(t *testing.T, edit func(string) string) *procedure.Procedure {
	t.Helper()
	src, err := os.ReadFile("../../testdata/projects/minimal/procedure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	help, err := os.ReadFile("../../testdata/projects/minimal/content/ayuda.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	if edit != nil {
		if s = edit(s); s == string(src) {
			t.Fatal("the edit did not apply")
		}
	}
	p, err := procedure.Load(fstest.MapFS{"procedure.yaml": {Data: []byte(s)}, "content/ayuda.md": {Data: help}}, "procedure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func render(t *testing.T, p *procedure.Procedure, opt pages.Options) files {
	t.Helper()
	out := files{}
	if err := pages.Render(p, theme.New(themes.Default(), nil), opt, out); err != nil {
		t.Fatal(err)
	}
	return out
}

// doc is a parsed page.
type doc struct{ root *html.Node }

func parse(t *testing.T, b []byte) doc {
	t.Helper()
	n, err := html.Parse(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	return doc{n}
}

func (d doc) all(match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for n := range d.root.Descendants() {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
	}
	return out
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

// text is the visible text of n, white space collapsed.
func text(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode && (c.Parent == nil || c.Parent.Data != "script" && c.Parent.Data != "style") {
			b.WriteString(c.Data)
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func (d doc) ids() map[string]*html.Node {
	m := map[string]*html.Node{}
	for _, n := range d.all(func(n *html.Node) bool { _, ok := attr(n, "id"); return ok }) {
		id, _ := attr(n, "id")
		m[id] = n
	}
	return m
}

func htmlPages(out files) []string {
	var names []string
	for _, name := range slices.Sorted(maps.Keys(out)) {
		if strings.HasSuffix(name, ".html") {
			names = append(names, name)
		}
	}
	return names
}

func TestRenderWritesEveryPageAndAsset(t *testing.T) {
	p := minimal(t, nil)
	th := theme.New(themes.Default(), nil)
	out := render(t, p, pages.Options{})
	if got, want := htmlPages(out), []string{"ayuda.html", "buscar.html", "decreto.html", "index.html"}; !slices.Equal(got, want) {
		t.Errorf("pages %v, want %v", got, want)
	}
	assets, err := th.Assets()
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range assets {
		if got, ok := out[name]; !ok || string(got) != string(b) {
			t.Errorf("asset %s not written as the theme has it", name)
		}
	}
	for _, name := range htmlPages(out) {
		d := parse(t, out[name])
		var csp []string
		for _, m := range d.all(tag("meta")) {
			if v, _ := attr(m, "http-equiv"); v == "Content-Security-Policy" {
				c, _ := attr(m, "content")
				csp = append(csp, c)
			}
		}
		if len(csp) != 1 || csp[0] != pages.CSP {
			t.Errorf("%s: content security policy %q, want %q", name, csp, pages.CSP)
		}
		if h := d.all(tag("html")); len(h) != 1 {
			t.Errorf("%s: %d html elements", name, len(h))
		} else if lang, _ := attr(h[0], "lang"); lang != "es" {
			t.Errorf("%s: lang %q, want es", name, lang)
		}
		// text folds white space, the no-break space that keeps "N° 10" together included.
		citation := strings.Join(strings.Fields(p.Decree.LongCitation()), " ")
		if body := text(d.all(tag("body"))[0]); !strings.Contains(body, p.Code) || !strings.Contains(body, citation) {
			t.Errorf("%s: the version code %s or the citation %q is not on the page", name, p.Code, citation)
		}
	}
	if title := text(parse(t, out["ayuda.html"]).all(tag("title"))[0]); !strings.Contains(title, "Ayuda") {
		t.Errorf("ayuda.html title %q", title)
	}
}

// Every part of the manual can be linked to by its id, with its text on the page; the
// decree page has the decree's text and the manual as its annex.
func TestRenderManualAndDecree(t *testing.T) {
	p := minimal(t, func(s string) string {
		return strings.Replace(s, "text: Probar.", "text: Probar con **negrita** y [un enlace](https://example.org/).", 1)
	})
	out := render(t, p, pages.Options{})
	for _, name := range []string{"index.html", "decreto.html"} {
		d := parse(t, out[name])
		ids := d.ids()
		p.Manual.Walk(func(s *procedure.Section) {
			n, ok := ids[s.ID]
			if !ok {
				t.Errorf("%s: no element with the id of section %s", name, s.ID)
				return
			}
			if !strings.Contains(text(n), s.Title) {
				t.Errorf("%s: section %s does not show its title %q", name, s.ID, s.Title)
			}
			for _, it := range s.Items {
				if n, ok := ids[it.ID]; !ok || !strings.Contains(text(n), string(it.Text)) {
					t.Errorf("%s: item %s missing or without its text", name, it.ID)
				}
			}
		})
		obj := ids["objetivo"]
		strong := doc{obj}.all(tag("strong"))
		if len(strong) != 1 || text(strong[0]) != "negrita" {
			t.Errorf("%s: the section's Markdown is not rendered: strong %v", name, strong)
		}
		links := doc{obj}.all(func(n *html.Node) bool { h, _ := attr(n, "href"); return n.Data == "a" && h == "https://example.org/" })
		if len(links) != 1 || text(links[0]) != "un enlace" {
			t.Errorf("%s: the section's link is not rendered", name)
		}
	}
	decree := text(parse(t, out["decreto.html"]).root)
	for _, want := range []string{"La Ley N° 18.695.", "La necesidad de un procedimiento.", "APRUÉBASE el procedimiento.",
		"ANÓTESE, COMUNÍQUESE Y ARCHÍVESE.-", "NOMBRE APELLIDO"} {
		if !strings.Contains(decree, want) {
			t.Errorf("decreto.html lacks %q", want)
		}
	}
	help := parse(t, out["ayuda.html"])
	if h2 := help.all(tag("h2")); !slices.ContainsFunc(h2, func(n *html.Node) bool { return text(n) == "Segunda sección" }) {
		t.Error("ayuda.html: the page's own heading is not rendered")
	}
	// The template prints the title; the Markdown's own "# Ayuda" line is not printed again.
	if h1 := help.all(tag("h1")); len(h1) != 1 || text(h1[0]) != "Ayuda" {
		var got []string
		for _, n := range h1 {
			got = append(got, text(n))
		}
		t.Errorf("ayuda.html: top headings %q, want the title once", got)
	}
}

// The draft banner and the status notice appear on every page, and only when asked for.
func TestRenderDraftAndStatus(t *testing.T) {
	p := minimal(t, nil)
	status := &pages.Status{Kind: "vigente", Text: "Versión vigente desde el 4 de marzo de 2025."}
	plain := render(t, p, pages.Options{})
	marked := render(t, p, pages.Options{Draft: true, Status: status})
	for _, name := range htmlPages(plain) {
		before, after := text(parse(t, plain[name]).root), text(parse(t, marked[name]).root)
		if strings.Contains(before, "BORRADOR") || strings.Contains(before, status.Text) {
			t.Errorf("%s: banner or notice without being asked for", name)
		}
		if !strings.Contains(after, "BORRADOR") || !strings.Contains(after, status.Text) {
			t.Errorf("%s: draft banner or status notice missing", name)
		}
	}
}

// Each page marks itself, and only itself, as the current entry of the site menu; the
// menu lists the extra entries given.
func TestRenderNavigation(t *testing.T) {
	p := minimal(t, nil)
	out := render(t, p, pages.Options{ExtraNav: []pages.Link{{Href: "versiones.html", Label: "Versiones"}}})
	for _, name := range htmlPages(out) {
		d := parse(t, out[name])
		current := d.all(func(n *html.Node) bool { v, _ := attr(n, "aria-current"); return v == "page" })
		if len(current) != 1 {
			t.Errorf("%s: %d links marked current, want 1", name, len(current))
			continue
		}
		if href, _ := attr(current[0], "href"); href != name {
			t.Errorf("%s: the current link goes to %q", name, href)
		}
		if !slices.ContainsFunc(d.all(tag("a")), func(n *html.Node) bool { h, _ := attr(n, "href"); return h == "versiones.html" }) {
			t.Errorf("%s: no link to the extra entry", name)
		}
	}
}

// The search scripts load on the search page only; the live-reload script on every page.
func TestRenderScripts(t *testing.T) {
	p := minimal(t, nil)
	out := render(t, p, pages.Options{SearchScripts: []string{"indice.js", "buscar.js"}, LiveReload: "/_pauta/recarga.js"})
	for _, name := range htmlPages(out) {
		var srcs []string
		for _, s := range parse(t, out[name]).all(tag("script")) {
			src, _ := attr(s, "src")
			srcs = append(srcs, src)
		}
		search := slices.Contains(srcs, "indice.js") && slices.Contains(srcs, "buscar.js")
		if search != (name == "buscar.html") {
			t.Errorf("%s: scripts %v", name, srcs)
		}
		if !slices.Contains(srcs, "/_pauta/recarga.js") {
			t.Errorf("%s: no live-reload script: %v", name, srcs)
		}
	}
}

type failing struct{ err error }

func (f failing) Write(string, func(io.Writer) error) error { return f.err }

func TestRenderWriterError(t *testing.T) {
	want := errors.New("disco lleno")
	if err := pages.Render(minimal(t, nil), theme.New(themes.Default(), nil), pages.Options{}, failing{want}); !errors.Is(err, want) {
		t.Errorf("error %v, want %v", err, want)
	}
}

// TestRenderShared: two editions of one text that share their text's parts, each with its
// own links around them, are the pages each renders alone.
func TestRenderShared(t *testing.T) {
	p := minimal(t, nil)
	th := theme.New(themes.Default(), nil)
	editions := []pages.Options{
		{Status: &pages.Status{Kind: "vigente", Text: "Vigente.", LinkHref: "versiones.html", LinkLabel: "Versiones"}},
		{Status: &pages.Status{Kind: "vigente", Text: "Vigente.", LinkHref: "../../versiones.html", LinkLabel: "Versiones"},
			ExtraNav: []pages.Link{{Href: "../../versiones.html", Label: "Versiones"}}},
	}
	shared := pages.NewShared(len(editions))
	text := markdown.New(p.Markdown.AllowHTML)
	for i, opt := range editions {
		alone := render(t, p, opt)
		opt.Shared, opt.Text = shared, text
		got := files{}
		if err := pages.Render(p, th, opt, got); err != nil {
			t.Fatal(err)
		}
		if !maps.EqualFunc(got, alone, func(a, b []byte) bool { return string(a) == string(b) }) {
			t.Errorf("edition %d: the pages rendered with shared parts differ from those rendered alone", i)
		}
	}
}
