package search_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/search"
	"github.com/requinoa/pauta/internal/site"
)

func seed(t testing.TB) (*procedure.Procedure, *site.Site) {
	t.Helper()
	s, err := site.Render(context.Background(), os.DirFS("../.."), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s.Procedure, s
}

// Every entry points at an anchor the built pages have, and every result at a heading or a
// block that opens with one: readers read the heading they land on.
func TestEntriesPointAtHeadings(t *testing.T) {
	p, s := seed(t)
	ix := search.Build(p, nil)
	if len(ix.Entries) == 0 {
		t.Fatal("no entries")
	}
	for i, e := range ix.Entries {
		file, frag, _ := strings.Cut(e.Href, "#")
		page, ok := s.Files[file]
		if !ok {
			t.Errorf("%s: no page %s", e.Href, file)
			continue
		}
		if frag == "" {
			if !regexp.MustCompile(`<h1\b`).Match(page) {
				t.Errorf("%s: page has no <h1>", e.Href)
			}
			continue
		}
		open := regexp.MustCompile(`<(\w+)[^>]*\bid="` + regexp.QuoteMeta(frag) + `"[^>]*>\s*(<\w+)?`).FindSubmatch(page)
		if open == nil {
			t.Errorf("%s: no element with that id", e.Href)
			continue
		}
		if e.Kind != search.KindHeading {
			if r := ix.Entries[e.Result]; r.Kind != search.KindHeading || r.Heading != e.Heading {
				t.Errorf("%s: grouped into %+v", e.Href, r)
			}
			continue
		}
		if e.Result != i {
			t.Errorf("%s: heading entry grouped into %d", e.Href, e.Result)
		}
		tag, first := string(open[1]), string(open[2])
		// An hgroup is a heading with the checklist's name for the step above it.
		if !regexp.MustCompile(`^h[1-6]$`).MatchString(tag) && !regexp.MustCompile(`^<(h[1-6]|hgroup)$`).MatchString(first) {
			t.Errorf("%s: <%s> does not open with a heading (first child %q)", e.Href, tag, first)
		}
	}
}

func TestEntriesOfTheSeed(t *testing.T) {
	p, _ := seed(t)
	ix := search.Build(p, nil)
	byHref := map[string]search.Entry{}
	for _, e := range ix.Entries {
		if e.Kind == search.KindCheck {
			continue
		}
		if _, dup := byHref[e.Href]; dup {
			t.Errorf("%s indexed twice", e.Href)
		}
		byHref[e.Href] = e
	}
	want := []struct{ href, heading, crumb string }{
		{"index.html#objetivo", "Objetivo", "Manual"},
		{"index.html#inicio-sesion-anydesk", "3. Inicio de Sesión en AnyDesk", "Manual › Procedimientos"},
		{"index.html#ingresar-id-anydesk", "3. Inicio de Sesión en AnyDesk", "Manual › Procedimientos"},
		{"decreto.html#decreto-2387", "DECRETO ALCALDICIO N° 2387", "Decreto Alcaldicio N°\u00a02387 del 2 de agosto de 2024"},
		{"decreto.html#vistos", "VISTOS", "Decreto Alcaldicio N°\u00a02387 del 2 de agosto de 2024"},
		{"decreto.html#ley-18695", "VISTOS", "Decreto Alcaldicio N°\u00a02387 del 2 de agosto de 2024"},
		{"decreto.html#considerando", "CONSIDERANDO", "Decreto Alcaldicio N°\u00a02387 del 2 de agosto de 2024"},
		{"decreto.html#resuelvo", "DECRETO", "Decreto Alcaldicio N°\u00a02387 del 2 de agosto de 2024"},
		{"decreto.html#distribucion", "DISTRIBUCIÓN", "Decreto Alcaldicio N°\u00a02387 del 2 de agosto de 2024"},
		{"como-usar.html", "Cómo usar este manual", "Cómo usar este manual"},
	}
	for _, w := range want {
		e, ok := byHref[w.href]
		if !ok {
			t.Errorf("no entry %s", w.href)
			continue
		}
		if e.Heading != w.heading || e.Breadcrumb != w.crumb {
			t.Errorf("%s: heading %q, breadcrumb %q; want %q, %q", w.href, e.Heading, e.Breadcrumb, w.heading, w.crumb)
		}
	}
	// The decree's annex repeats the manual: it is indexed once, on the manual page.
	p.Manual.Walk(func(s *procedure.Section) {
		if _, ok := byHref["decreto.html#"+s.ID]; ok {
			t.Errorf("annex section %s indexed on the decree page", s.ID)
		}
		if _, ok := byHref["index.html#"+s.ID]; !ok {
			t.Errorf("section %s not indexed", s.ID)
		}
	})
	if e := byHref["decreto.html#ley-18695"]; !strings.Contains(e.Text, "18.695") {
		t.Errorf("paragraph text %q", e.Text)
	}
}

// The index depends only on the procedure: two builds give the same bytes.
func TestScriptIsDeterministic(t *testing.T) {
	p, _ := seed(t)
	a, err := search.Build(p, nil).Script()
	if err != nil {
		t.Fatal(err)
	}
	b, err := search.Build(p, nil).Script()
	if err != nil {
		t.Fatal(err)
	}
	if string(a) != string(b) {
		t.Error("two builds of the index differ")
	}
	if !strings.HasPrefix(string(a), "// ") || !strings.Contains(string(a), "window.pautaSearchIndex = {") {
		t.Errorf("index script starts %q", a[:80])
	}
}

// longManual is a manual of 1,200 sections with items, checks and strong words: long enough
// to be counted in two halves.
func longManual(t *testing.T) *procedure.Procedure {
	t.Helper()
	var y strings.Builder
	y.WriteString(`pauta: 1
organization: {name: Municipalidad de Prueba}
decree:
  kind: DECRETO ALCALDICIO
  number: 1
  date: 2025-01-15
  place: PRUEBA
  subject: APRUEBA.
  opening: "Esta Alcaldía decretó:"
  vistos: [{id: ley, text: La Ley N° 18.695.}]
  considerando: [{id: c, text: La necesidad.}]
  resolutions: [{id: r, text: APRUÉBASE.}]
  closing: ANÓTESE.
  signatories: [{id: a, name: A, role: ALCALDE}]
manual:
  title: Manual
  sections:
`)
	words := strings.Fields("usuario técnico sesión acceso equipo verificación autorización registro solicitud conexión " +
		"identidad soporte remoto respaldo informe auditoría cierre emergencia 18.695 2024")
	for i := range 1200 {
		w := func(k int) string { return words[(i*7+k*3)%len(words)] }
		fmt.Fprintf(&y, "    - id: s%d\n      title: %s %s %d\n      text: \"El %s y la %s; **%s** del %s.\"\n"+
			"      items: [{id: i%d, text: \"%s %s\"}]\n", i, w(0), w(1), i, w(2), w(3), w(4), w(5), i, w(6), w(7))
		if i%100 == 0 {
			fmt.Fprintf(&y, "      checks: [{id: k%d, phase: antes, text: %s, from: [i%d]}]\n", i, w(8), i)
		}
	}
	y.WriteString("checklist:\n  code: X-1\n  title: Lista\n  phases: [{id: antes, title: Antes}]\n" +
		"  signatures: [{id: t, title: Técnico}]\n")
	p, err := procedure.Load(fstest.MapFS{"procedure.yaml": {Data: []byte(y.String())}}, "procedure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestHalvesGiveTheSameIndex builds the index of a manual long enough to be counted in two
// halves, and checks it is the index counted in one pass, byte for byte.
func TestHalvesGiveTheSameIndex(t *testing.T) {
	p := longManual(t)
	halves := search.Build(p, nil)
	if len(halves.Entries) < 2000 {
		t.Fatalf("%d entries: too few to be counted in halves", len(halves.Entries))
	}
	a, err := halves.Script()
	if err != nil {
		t.Fatal(err)
	}
	b, err := search.BuildWhole(p).Script()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("the index counted in two halves differs from the one counted in one pass")
	}
}

// The index is written as it goes, without encoding/json; it must still be what
// encoding/json writes, for the seed and for a long manual.
func TestScriptIsWhatEncodingJSONWrites(t *testing.T) {
	seedProcedure, _ := seed(t)
	for name, p := range map[string]*procedure.Procedure{"seed": seedProcedure, "long": longManual(t)} {
		ix := search.Build(p, nil)
		got, err := ix.Script()
		if err != nil {
			t.Fatal(err)
		}
		want, err := ix.ScriptByEncodingJSON()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Errorf("%s: the index differs from encoding/json's at byte %d: %q, want %q", name, i,
				got[i:min(i+40, len(got))], want[i:min(i+40, len(want))])
		}
	}
}

func TestJSONStringIsEncodingJSONs(t *testing.T) {
	cases := []string{"", "plain", "Sesión N° 5", `"quoted" \ back`, "tab\tline\nret\r", "\b\f\x00\x01\x1f\x7f",
		"sep\u2028par\u2029", "bad \xff\xfe utf8 \xc3", "<html> & 'x'", "emoji 😀 ñandú", "\xe2\x80"}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "é", "\"", "\\", "\n", "\x00", "\x1f", "\u2028", "\u2029", "\xff", "\xe2\x80", "😀", "<", "&", " "}
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		cases = append(cases, b.String())
	}
	for _, c := range cases {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(c); err != nil {
			t.Fatal(err)
		}
		if got := search.JSONString(c); got != strings.TrimSuffix(want.String(), "\n") {
			t.Errorf("%q: got %s, want %s", c, got, want.String())
		}
	}
}
