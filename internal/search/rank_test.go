package search

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/testtool"
)

// small is a procedure whose manual is written to test one ranking rule at a time.
var small = testtool.DecreeHead("La necesidad de ordenar los respaldos.") + `manual:
  title: Manual de prueba
  sections:
    - id: respaldo
      title: Respaldo de la Información
      text: Se copian los archivos cada semana. Las llaves de la sala las guarda el encargado.
    - id: impresoras
      title: Impresoras
      text: >-
        Antes de imprimir, revise el papel. Si falta el respaldo impreso, avise. Las
        impresoras se configuran desde el servidor central de la municipalidad.
      checks: [{id: papel, phase: antes, text: Hay papel en la bandeja}]
    - id: claves
      title: Claves
      items:
        - {id: largo, text: Las claves tienen al menos doce caracteres.}
        - {id: cambio, text: Se cambian cada noventa días o tras un incidente de seguridad.}
checklist:
  code: T-01
  title: Prueba
  phases: [{id: antes, title: Antes}]
  signatures: [{id: tecnico, title: Técnico}]
pages:
  - id: guia
    file: guia.md
`

const guide = `# Guía rápida

Lo primero que hay que saber.

## Copias *semanales*

Cada viernes.

### Dónde se guarda

En el servidor.

## Claves

Ver el manual.
`

func smallIndex(t *testing.T) *Index {
	t.Helper()
	p, err := procedure.Load(fstest.MapFS{
		"procedure.yaml": {Data: []byte(small)},
		"guia.md":        {Data: []byte(guide)},
	}, "procedure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return Build(p, nil)
}

// A content page is indexed at its headings, with the anchors the page gives them and the
// headings above each as its breadcrumb; the text before the first heading belongs to the
// page's title.
func TestPageEntries(t *testing.T) {
	ix := smallIndex(t)
	var got []string
	for _, e := range ix.Entries {
		if strings.HasPrefix(e.Href, "guia.html") {
			got = append(got, e.Href+" | "+e.Heading+" | "+e.Breadcrumb+" | "+e.Text)
		}
	}
	want := []string{
		"guia.html | Guía rápida | Guía rápida | Lo primero que hay que saber.",
		"guia.html#copias-semanales | Copias semanales | Guía rápida | Cada viernes.",
		"guia.html#donde-se-guarda | Dónde se guarda | Guía rápida › Copias semanales | En el servidor.",
		"guia.html#claves | Claves | Guía rápida | Ver el manual.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("page entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The page's heading is found by its words; the manual section that says them too (the
	// approved text) comes first, «donde» being a question word.
	if got := hrefs(ix.Search("donde se guarda")); !slices.Equal(got, []string{"index.html#respaldo", "guia.html#donde-se-guarda"}) {
		t.Errorf("donde se guarda: %q", got)
	}
}

func hrefs(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Entry.Href)
	}
	return out
}

func TestRanking(t *testing.T) {
	ix := smallIndex(t)
	tests := []struct {
		query, first string
		why          string
	}{
		{"respaldo", "index.html#respaldo", "a heading word outweighs the same word in a longer body"},
		{"respaldos", "index.html#respaldo", "plural meets singular"},
		{"informacion", "index.html#respaldo", "no accent"},
		{"INFORMACIÓN", "index.html#respaldo", "capitals and accent"},
		{"respal", "index.html#respaldo", "the word being typed is completed"},
		{"respaldp", "index.html#respaldo", "one typo in eight letters"},
		{"imprsoras", "index.html#impresoras", "one letter missing"},
		{"noventa dias", "index.html#claves", "item text counts for its section"},
		{"bandeja", "index.html#impresoras", "checklist lines count for their section"},
		{"18695", "decreto.html#vistos", "number without its thousands dot"},
		{"ley 18.695", "decreto.html#vistos", "number with its thousands dot"},
		{"alcalde", "decreto.html#decreto-12", "a signatory belongs to the decree's title"},
		{"decreto 12", "decreto.html#decreto-12", "the decree's number"},
		{"respaldos del decreto", "decreto.html#considerando", "a part of the decree is within the decree"},
		{"servidor central", "index.html#impresoras", "words side by side"},
		{"impresion", "index.html#impresoras", "a word that starts with a known stem (impreso)"},
	}
	for _, tt := range tests {
		hits := ix.Search(tt.query)
		if len(hits) == 0 || hits[0].Entry.Href != tt.first {
			t.Errorf("%q: got %q, want %s first (%s)", tt.query, hrefs(hits), tt.first, tt.why)
		}
	}
}

func TestRankingNeverRepeatsAResult(t *testing.T) {
	ix := smallIndex(t)
	for _, q := range []string{"claves seguridad caracteres", "respaldo impresoras papel", "se"} {
		seen := map[string]bool{}
		for _, h := range ix.Search(q) {
			if seen[h.Entry.Href] {
				t.Errorf("%q: %s twice", q, h.Entry.Href)
			}
			seen[h.Entry.Href] = true
			if h.Entry.Kind != KindHeading {
				t.Errorf("%q: result %s is not a heading", q, h.Entry.Href)
			}
		}
	}
}

func TestTypoToleranceOnlyWhenNothingMatches(t *testing.T) {
	ix := smallIndex(t)
	// "claves" matches as written (clav), so terms one edit away (llav, of "llaves") are
	// not searched for; a short word is never fuzzed.
	if got := hrefs(ix.Search("claves ")); len(got) != 2 || slices.Contains(got, "index.html#respaldo") {
		t.Errorf("claves: %q", got)
	}
	// A typo in the ending: the word starts with a stem.
	if got := hrefs(ix.Search("clavez ")); len(got) == 0 || got[0] != "index.html#claves" {
		t.Errorf("clavez: %q", got)
	}
	if got := ix.Search("cla "); len(got) != 0 {
		t.Errorf("three letters, finished: %q", hrefs(got))
	}
	if got := ix.Search("xyzzyq "); len(got) != 0 {
		t.Errorf("nonsense: %q", hrefs(got))
	}
	// Eight letters or more forgive two edits.
	if got := ix.Search("impresorras servidr"); len(got) == 0 || got[0].Entry.Href != "index.html#impresoras" {
		t.Errorf("two typos: %q", hrefs(got))
	}
}

func TestOnlyTheLastWordIsCompleted(t *testing.T) {
	ix := smallIndex(t)
	if got := ix.Search("resp "); len(got) != 0 {
		t.Errorf("a finished word is not completed: %q", hrefs(got))
	}
	if got := ix.Search("resp"); len(got) == 0 || got[0].Entry.Href != "index.html#respaldo" {
		t.Errorf("the word being typed is completed: %q", hrefs(got))
	}
	if got := ix.Search("de"); len(got) == 0 {
		t.Error("a stop word being typed alone is completed (decreto, de…)")
	}
	if got := ix.Search("claves de"); len(hrefs(got)) == 0 || got[0].Entry.Href != "index.html#claves" {
		t.Errorf("a stop word after a content word is skipped: %q", hrefs(got))
	}
}

// accented rewrites a query with the accents the manual uses for its words.
func accented(ix *Index, q string) string {
	spelled := map[string]string{}
	for _, e := range ix.Entries {
		for _, w := range Words(e.Heading + " " + e.Text) {
			if w.Lower != w.Fold && !w.Number {
				spelled[w.Fold] = w.Lower
			}
		}
	}
	words := strings.Fields(q)
	for i, w := range words {
		if a, ok := spelled[foldString(w)]; ok {
			words[i] = a
		}
	}
	return strings.Join(words, " ")
}

// The same query with and without accents (or in capitals) gives the same results, in the
// same order, with the same scores.
func TestAccentsDoNotChangeResults(t *testing.T) {
	ix := seedIndex(t)
	qs := append(readQueries(t, "testdata/queries-dev.tsv"), readQueries(t, "testdata/queries-heldout.tsv")...)
	qs = append(qs, readQueries(t, "testdata/queries-heldout-2.tsv")...)
	changed := 0
	for _, q := range qs {
		want := ix.Search(foldString(q.query))
		for _, variant := range []string{q.query, accented(ix, q.query), strings.ToUpper(accented(ix, q.query))} {
			if variant != foldString(q.query) {
				changed++
			}
			got := ix.Search(variant)
			if len(got) != len(want) {
				t.Errorf("%q: %d results, %q: %d", variant, len(got), foldString(q.query), len(want))
				continue
			}
			for i := range got {
				if got[i].Entry != want[i].Entry || got[i].Score != want[i].Score {
					t.Errorf("%q: result %d is %s (%v), without accents %s (%v)", variant, i+1,
						got[i].Entry.Href, got[i].Score, want[i].Entry.Href, want[i].Score)
				}
			}
		}
	}
	if changed < len(qs) {
		t.Errorf("only %d variants differ from their folded query: the test tests little", changed)
	}
}

// A word the text does not use, one edit from a word it does, is that word mistyped: it
// finds the word, not the thesaurus's synonyms of its stem. A word of its own, with no such
// neighbour, is still expanded to its synonyms.
func TestMistypedWordIsNotExpanded(t *testing.T) {
	loan := plainIndex(t, "../../testdata/projects/prestamo-equipos")
	for _, c := range []struct {
		ix          *Index
		query, want string
		how         How
	}{
		{loan, "proyecter", "index.html#proyectores", Typo},
		{loan, "proyectro", "index.html#proyectores", Typo},
		{synonymsIndex(t, ""), "terminar", "index.html#cierre", Synonym},
	} {
		hits := c.ix.Search(c.query)
		if len(hits) == 0 || hits[0].Entry.Href != c.want {
			t.Errorf("%q: %q, want %s first", c.query, hrefs(hits), c.want)
			continue
		}
		for _, w := range hits[0].Words {
			if w.How != c.how {
				t.Errorf("%q: matched %+v, want how %d", c.query, w, c.how)
			}
		}
	}
}
