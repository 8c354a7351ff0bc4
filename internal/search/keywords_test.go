package search

import (
	"bytes"
	"strings"
	"testing"
)

// Keywords (search.keywords) make a section found by words its text does not say, ranked
// between a heading that says them and a text that does, and are never shown.
func TestKeywords(t *testing.T) {
	const kw = `search:
  keywords:
    conexion: [escritorio a distancia, programa remoto]
    cierre: [terminar todo]
    decreto.html#vistos: [fundamento jurídico]
    decreto.html: [acto administrativo]
`
	with, without := synonymsIndex(t, kw), synonymsIndex(t, "")
	for _, c := range []struct {
		query, want string
	}{
		{"programa remoto", "index.html#conexion"},
		{"escritorio a distancia", "index.html#conexion"},
		{"fundamento juridico", "decreto.html#vistos"},
		{"acto administrativo", "decreto.html#decreto-12"},
	} {
		hits := with.Search(c.query)
		if len(hits) == 0 || hits[0].Entry.Href != c.want {
			t.Errorf("%q with keywords: %q, want %s first", c.query, hrefs(hits), c.want)
			continue
		}
		marked := false
		for _, w := range hits[0].Words {
			marked = marked || w.Keyword
		}
		if !marked {
			t.Errorf("%q: %+v, no word marked as a keyword", c.query, hits[0].Words)
		}
		if old := without.Search(c.query); len(old) > 0 && old[0].Entry.Href == c.want {
			t.Errorf("%q finds %s first without keywords too: the case tests nothing", c.query, c.want)
		}
	}
	// Between the heading and the text: "sesión" is in cierre's heading and in its text;
	// a keyword "sesion" in another section ranks it between the two.
	ix := synonymsIndex(t, "search:\n  keywords:\n    finalizar: [sesion]\n    conexion: [el técnico]\n")
	score := func(q, href string) float64 {
		for _, h := range ix.Search(q) {
			if h.Entry.Href == href {
				return h.Score
			}
		}
		return 0
	}
	if h, k := score("sesion", "index.html#cierre"), score("sesion", "index.html#finalizar"); !(k > 0 && k < h) {
		t.Errorf("sesion: heading scores %.1f, keyword %.1f; want the keyword below the heading", h, k)
	}
	// «técnico» is in the text of conexion and cierre; conexion also has it as a keyword.
	if c, k := score("tecnico", "index.html#cierre"), score("tecnico", "index.html#conexion"); !(k > c) {
		t.Errorf("tecnico: text alone scores %.1f, text and keyword %.1f; want the keyword above", c, k)
	}
	// A word the text says too is its own, not a keyword's.
	for _, h := range ix.Search("tecnico") {
		for _, w := range h.Words {
			if w.Keyword {
				t.Errorf("tecnico: %s marks %+v as a keyword's, but its text says it", h.Entry.Href, w)
			}
		}
	}
	// Never shown: the index the site ships has no passage with a keyword.
	var buf bytes.Buffer
	if err := with.WriteScript(&buf); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"escritorio", "programa remoto", "fundamento", "acto administrativo"} {
		if strings.Contains(buf.String(), k) {
			t.Errorf("the shipped index shows the keyword %q", k)
		}
	}
}
