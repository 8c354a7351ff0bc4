package procedure

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// A procedure's keywords are read per place, in order, and each mistake is reported where
// it is, with what to write instead.
func TestSearchKeywords(t *testing.T) {
	base := minimal(t)
	ok := base + "search:\n  keywords:\n" +
		"    objetivo: [para qué sirve, propósito]\n" +
		"    primero: primer paso\n" +
		"    decreto.html#vistos: [leyes]\n" +
		"    decreto.html: [acto]\n" +
		"    ayuda.html: [dudas]\n" +
		"    ayuda.html#algo: [se revisa al construir]\n"
	p, err := Load(project(ok), DefaultFile)
	if err != nil {
		t.Fatal(err)
	}
	type place struct{ key, page, anchor string }
	var got []place
	var phrases [][]string
	for _, k := range p.Search.Keywords {
		page, anchor := k.Target()
		got = append(got, place{k.Place, page, anchor})
		phrases = append(phrases, k.Phrases)
	}
	want := []place{{"objetivo", "", "objetivo"}, {"primero", "", "primero"}, {"decreto.html#vistos", "decreto", "vistos"},
		{"decreto.html", "decreto", ""}, {"ayuda.html", "ayuda", ""}, {"ayuda.html#algo", "ayuda", "algo"}}
	if !slices.Equal(got, want) {
		t.Errorf("places: %q, want %q", got, want)
	}
	if want := [][]string{{"para qué sirve", "propósito"}, {"primer paso"}, {"leyes"}, {"acto"}, {"dudas"}, {"se revisa al construir"}}; !slices.EqualFunc(phrases, want, slices.Equal) {
		t.Errorf("phrases: %q, want %q", phrases, want)
	}
	line := strconv.Itoa(strings.Count(base, "\n") + 3) // the first place's line
	for _, c := range []struct {
		name, places string
		want         []string
	}{
		{"unknown section", "    objetivos: [meta]\n",
			[]string{"procedure.yaml:" + line + ":5: search.keywords.objetivos: no hay una sección con el id \"objetivos\" — ¿quiso decir \"objetivo\"?"}},
		{"an item", "    primero-a: [algo]\n",
			[]string{"procedure.yaml:" + line + ":5: search.keywords.primero-a: no hay una sección con el id \"primero-a\" — \"primero-a\" es un ítem de la sección \"primero\": escriba primero"}},
		{"unknown page", "    ayudas.html: [dudas]\n",
			[]string{"procedure.yaml:" + line + ":5: search.keywords.ayudas.html: no hay una página \"ayudas.html\" — ¿quiso decir \"ayuda.html\"?"}},
		{"unknown decree part", "    decreto.html#resoluciones: [aprueba]\n",
			[]string{"procedure.yaml:" + line + ":5: search.keywords.decreto.html#resoluciones: el decreto no tiene la parte \"resoluciones\" — las partes del decreto son decreto.html#vistos"}},
		{"empty list", "    objetivo: []\n",
			[]string{"procedure.yaml:" + line + ":5: search.keywords: el lugar \"objetivo\" no tiene palabras"}},
		{"no letters", "    objetivo: [meta, \"--\"]\n",
			[]string{"procedure.yaml:" + line + ":22: search.keywords.objetivo[2]: \"--\" no tiene letras ni cifras"}},
		{"repeated phrase", "    objetivo: [Para qué, para que]\n",
			[]string{"procedure.yaml:" + line + ":26: search.keywords.objetivo[2]: \"para que\" está repetida — deje cada palabra una sola vez"}},
		{"repeated place", "    objetivo: [meta]\n    objetivo: [fin]\n",
			[]string{"procedure.yaml:" + strconv.Itoa(strings.Count(base, "\n")+4) + ":5: search.keywords: el lugar \"objetivo\" aparece dos veces"}},
		{"not a mapping", "    - objetivo\n",
			[]string{"search.keywords: se esperaba un mapa (lugar: palabras) y se encontró una lista"}},
	} {
		loadFails(t, c.name, base+"search:\n  keywords:\n"+c.places, c.want)
	}
}
