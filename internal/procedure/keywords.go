package procedure

import (
	"fmt"
	"reflect"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/requinoa/pauta/internal/editdist"
)

// Keywords are the words readers use for places of the site that the text does not say, in
// the order written: search.keywords in procedure.yaml, a mapping from a place to its list.
// The search indexes them with the place they name and never shows them.
//
// A place is written as its address on the site, without "index.html#" for the manual:
//
//	recepcion                    a section or step of the manual, by its id
//	decreto.html                 the decree's title
//	decreto.html#vistos          a part of the decree: vistos, considerando, resuelvo, distribucion
//	como-usar.html               a content page, by its id
//	como-usar.html#imprimir-la-lista   a heading of a content page, by its anchor
type Keywords []*KeywordList

// KeywordList is one place with the words readers use for it.
type KeywordList struct {
	// Place is the key as written; Pos is where it is.
	Place string
	Pos   Pos
	// Phrases are the words and phrases, as written, each at its PhrasePos.
	Phrases   []string
	PhrasePos []Pos
}

// DecreePage is the page of the decree, as keyword places name it.
const DecreePage = "decreto"

// DecreeParts are the anchors of the decree's parts on its page, which keyword places name.
var DecreeParts = []string{"vistos", "considerando", "resuelvo", "distribucion"}

// Target splits a keyword place into the page it names ("" for the manual) and the anchor on
// it ("" for the page itself): "decreto.html#vistos" gives decreto and vistos,
// "recepcion" gives "" and recepcion.
func (k *KeywordList) Target() (page, anchor string) {
	file, anchor, hasAnchor := strings.Cut(k.Place, "#")
	page, isPage := strings.CutSuffix(file, ".html")
	if !isPage && !hasAnchor {
		return "", k.Place
	}
	return page, anchor
}

var keywordsType = reflect.TypeOf(Keywords{})

// decodeKeywords reads search.keywords: a mapping from a place to a list of phrases, or to
// one phrase.
func (d *decoder) decodeKeywords(n *yaml.Node, v reflect.Value, path string) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.fail(n, "escriba un lugar por línea, p. ej. recepcion: [cómo pido algo, ingresar una solicitud]",
			"%s: se esperaba un mapa (lugar: palabras) y se encontró %s", path, kindName(n))
		return
	}
	var out Keywords
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || isNull(k) {
			d.fail(k, "escriba el id de una sección del manual, p. ej. recepcion", "%s: lugar no válido", path)
			continue
		}
		at := fmt.Sprintf("%s.%s", path, k.Value)
		if seen[k.Value] {
			d.fail(k, "junte sus palabras en una sola lista y borre la otra", "%s: el lugar %q aparece dos veces", path, k.Value)
			continue
		}
		seen[k.Value] = true
		kl := &KeywordList{Place: strings.TrimSpace(k.Value), Pos: posOf(k)}
		items := []*yaml.Node{val}
		switch {
		case val.Kind == yaml.SequenceNode:
			items = val.Content
		case isNull(val):
			items = nil
		}
		for j, c := range items {
			s, ok := d.scalar(c, fmt.Sprintf("%s[%d]", at, j+1), "escriba una palabra o frase")
			if !ok {
				continue
			}
			s = strings.TrimSpace(s)
			d.checkChars(c, s, at, false)
			kl.Phrases = append(kl.Phrases, s)
			kl.PhrasePos = append(kl.PhrasePos, posOf(c))
		}
		if len(items) == 0 {
			d.fail(k, "escriba las palabras que usan los lectores, p. ej. "+k.Value+": [palabra, otra frase], o borre la línea",
				"%s: el lugar %q no tiene palabras", path, k.Value)
		}
		out = append(out, kl)
	}
	v.Set(reflect.ValueOf(out))
}

// keywords checks each place exists and each list has words, each once. Headings of the
// content pages are checked where their anchors are made (the site's build).
func (v *validator) keywords(ks Keywords) {
	manual := map[string]bool{}
	var known []string
	for id := range v.sections {
		manual[id] = true
		known = append(known, id)
	}
	pages := map[string]bool{DecreePage: true}
	known = append(known, DecreePage+".html")
	for _, part := range DecreeParts {
		known = append(known, DecreePage+".html#"+part)
	}
	for _, pg := range v.p.Pages {
		pages[pg.ID] = true
		known = append(known, pg.ID+".html")
	}
	for _, k := range ks {
		path := "search.keywords." + k.Place
		page, anchor := k.Target()
		switch {
		case page == "" && !manual[anchor]:
			hint := "escriba el id de una sección o paso del manual, «decreto.html#vistos» o «<página>.html#<encabezado>»"
			if it := v.items[anchor]; it != nil && it.Section != nil {
				hint = fmt.Sprintf("%q es un ítem de la sección %q: escriba %s", anchor, it.Section.ID, it.Section.ID)
			} else if g := editdist.Closest(k.Place, known); g != "" {
				hint = fmt.Sprintf("¿quiso decir %q?", g)
			}
			v.add(k.Pos, hint, "%s: no hay una sección con el id %q", path, anchor)
		case page != "" && !pages[page]:
			hint := "las páginas son " + DecreePage + ".html y las de pages:"
			if g := editdist.Closest(k.Place, known); g != "" {
				hint = fmt.Sprintf("¿quiso decir %q?", g)
			}
			v.add(k.Pos, hint, "%s: no hay una página %q", path, page+".html")
		case page == DecreePage && anchor != "" && !v.decreePart(anchor):
			v.add(k.Pos, "las partes del decreto son "+DecreePage+".html#"+strings.Join(DecreeParts, ", "+DecreePage+".html#"),
				"%s: el decreto no tiene la parte %q", path, anchor)
		}
		v.phrases(path, k.Phrases, func(j int) Pos { return k.PhrasePos[j] }, "en la lista")
	}
}

// phrases checks a list of words or phrases the search reads: each has a letter or a digit,
// and none is repeated once accents and case are set aside (the search would not tell them
// apart). pos gives the position of the j-th; where names the list in the hint. It returns
// how many different phrases the list has.
func (v *validator) phrases(path string, words []string, pos func(j int) Pos, where string) int {
	seen := map[string]bool{}
	for j, w := range words {
		if !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			v.add(pos(j), "escriba una palabra o frase, o borre el elemento", "%s[%d]: %q no tiene letras ni cifras", path, j+1, w)
			continue
		}
		f := foldWords(w)
		if seen[f] {
			v.add(pos(j), "deje cada palabra una sola vez "+where, "%s[%d]: %q está repetida", path, j+1, w)
		}
		seen[f] = true
	}
	return len(seen)
}

// decreePart reports whether the decree shows the part: DISTRIBUCIÓN only when it lists
// someone.
func (v *validator) decreePart(anchor string) bool {
	if anchor == "distribucion" {
		return len(v.p.Decree.Distribution) > 0
	}
	for _, p := range DecreeParts {
		if p == anchor {
			return true
		}
	}
	return false
}
