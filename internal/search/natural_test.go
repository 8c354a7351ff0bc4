package search

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/testtool"
)

// allQuerySets are every query set with the index it was written for.
func allQuerySets(t *testing.T) []querySet {
	seed := seedIndex(t)
	loan := projectIndex(t, "../../testdata/projects/prestamo-equipos")
	var out []querySet
	for _, f := range []string{"queries-dev", "queries-heldout", "queries-heldout-2", "natural-requinoa-dev", "natural-requinoa-heldout",
		"natural-requinoa-blind", "natural-requinoa-blind2", "natural-requinoa-blind3", "natural-requinoa-blind4", "natural-requinoa-blind5"} {
		out = append(out, querySet{seed, readQueries(t, "testdata/"+f+".tsv"), f})
	}
	for _, f := range []string{"natural-prestamo-dev", "natural-prestamo-heldout", "natural-prestamo-blind", "natural-prestamo-blind2", "natural-prestamo-blind3", "natural-prestamo-blind4", "natural-prestamo-blind5"} {
		out = append(out, querySet{loan, readQueries(t, "testdata/"+f+".tsv"), f})
	}
	return out
}

// Every heading a query set expects is a heading of the site it was written for: a query
// whose answer does not exist would count as a miss of the ranking.
func TestQuerySetsNameRealHeadings(t *testing.T) {
	for _, s := range allQuerySets(t) {
		headings := map[string]bool{}
		for _, e := range s.ix.Entries {
			if e.Kind == KindHeading {
				headings[headingKey(e.Heading)] = true
			}
		}
		for _, q := range s.qs {
			for _, e := range q.expected {
				if !headings[e] {
					t.Errorf("%s: %q expects %q, which is no heading of its site", s.name, q.query, e)
				}
			}
		}
	}
}

// saysAll reports whether a result says every content word of the query by itself (not by a
// synonym), given the content words any result matched.
func saysAll(h Hit, content map[string]bool) bool {
	own := map[string]bool{}
	for _, w := range h.Words {
		if !w.Light && w.How != Synonym && w.How != Part {
			own[w.Query] = true
		}
	}
	return len(own) == len(content)
}

// No result list shows a help page above a section of the procedure or the decree that says
// every content word of the query: for every query of every set, as typed and once typed.
func TestHelpPagesAfterTheApprovedText(t *testing.T) {
	checked := 0
	for _, set := range allQuerySets(t) {
		for _, q := range set.qs {
			for _, query := range []string{q.query, q.query + " "} {
				hits := set.ix.Search(query)
				content := map[string]bool{}
				for _, h := range hits {
					for _, w := range h.Words {
						if !w.Light {
							content[w.Query] = true
						}
					}
				}
				help := -1
				for i, h := range hits {
					if h.Help && help < 0 {
						help = i
					}
					if !h.Help && help >= 0 && saysAll(h, content) {
						t.Errorf("%q: help page %q (%d) above %q (%d), which says every word", query,
							hits[help].Entry.Heading, help+1, h.Entry.Heading, i+1)
					}
					if !h.Help && saysAll(h, content) {
						checked++
					}
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d results say every word of their query: the test tests little", checked)
	}
}

// Question and filler words weigh little: a question finds first what its content words
// find among their first two, the results only a light word brings come after every result
// of a content word, and a query made only of light words still finds something.
func TestLightWords(t *testing.T) {
	ix := seedIndex(t)
	for _, c := range []struct{ question, words string }{
		{"que pasa si no hay conexion", "conexion"},
		{"como instalo anydesk", "instalo anydesk"},
		{"quien tiene que verificar la identidad", "verificar identidad"},
		{"donde esta el memo 521", "memo 521"},
	} {
		q, w := ix.Search(c.question), ix.Search(c.words)
		if len(q) == 0 || len(w) == 0 || !slices.Contains(hrefs(w)[:min(2, len(w))], q[0].Entry.Href) {
			t.Errorf("%q finds %q first, %q finds %q", c.question, hrefs(q), c.words, hrefs(w))
			continue
		}
		lightOnly := false
		for _, h := range q {
			only := !slices.ContainsFunc(h.Words, func(m HitWord) bool { return !m.Light })
			if lightOnly && !only {
				t.Errorf("%q: %s, which says a content word, ranks below a result of light words only", c.question, h.Entry.Href)
			}
			lightOnly = lightOnly || only
			for _, m := range h.Words {
				if light := ix.an.Light(Words(m.Query)[0]); light != m.Light {
					t.Errorf("%q: word %q marked light=%v", c.question, m.Query, m.Light)
				}
			}
		}
	}
	for _, q := range []string{"que", "como ", "quien puede hacer "} {
		if len(ix.Search(q)) == 0 {
			t.Errorf("%q: no results", q)
		}
	}
}

// A verb meets its noun where the stemmer leaves them apart, in the index and in a query.
func TestFamilies(t *testing.T) {
	an := NewAnalyzer()
	share := func(a, b string, query bool) bool {
		ta := an.Terms(Words(a)[0])
		if query {
			ta = an.QueryTerms(Words(a)[0])
		}
		for _, x := range an.Terms(Words(b)[0]) {
			if slices.Contains(ta, x) {
				return true
			}
		}
		return false
	}
	for _, c := range []struct {
		a, b  string
		query bool // a is typed in a query
		want  bool
	}{
		{"conectar", "conexión", false, true},
		{"conectarse", "conexiones", false, true},
		{"revisar", "revisión", false, true},
		{"devolver", "devolución", false, true},
		{"devuelvo", "devolución", false, true},
		{"cerrar", "cierra", false, true},
		{"puede", "poder", false, true},
		{"perdio", "pérdida", true, true},
		{"pido", "pedir", true, true},
		{"sirvo", "servir", true, true},
		{"faltaba", "faltante", false, true},
		{"asistir", "asistencia", false, true},
		{"depender", "dependiente", false, true},
		{"convenir", "conveniente", false, true},
		// Words of different families stay apart.
		{"conexión", "contacto", false, false},
		{"revisión", "reserva", false, false},
		{"pido", "pida", true, true},
		{"físico", "fecha", true, false},
		{"político", "pelota", true, false},
		{"cliente", "clima", false, false}, // too short a root to lose its -ente
	} {
		if got := share(c.a, c.b, c.query); got != c.want {
			t.Errorf("%s and %s share a term: %v, want %v (%q, %q)", c.a, c.b, got, c.want,
				an.QueryTerms(Words(c.a)[0]), an.Terms(Words(c.b)[0]))
		}
	}
}

var synonymsProc = testtool.DecreeHead("La necesidad de ordenar el soporte.") + `manual:
  title: Manual de prueba
  sections:
    - id: conexion
      title: Conexión con AnyDesk
      text: El técnico abre AnyDesk en su equipo.
      checks: [{id: abierto, phase: antes, text: AnyDesk abierto}]
    - id: cierre
      title: Finalización de la sesión
      text: Al concluir, el técnico cierra la sesión.
    - id: finalizar
      title: Avisos
      text: Se avisa al usuario antes de finalizar la atención.
checklist:
  code: T-01
  title: Prueba
  phases: [{id: antes, title: Antes}]
  signatures: [{id: tecnico, title: Técnico}]
`

func synonymsIndex(t *testing.T, extra string) *Index {
	t.Helper()
	p, err := procedure.Load(fstest.MapFS{"procedure.yaml": {Data: []byte(synonymsProc + extra)}}, "procedure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return Build(p, nil)
}

// A word the text does not use finds the text's synonyms of it, from the thesaurus, below
// the text that says the word the synonym stands for.
func TestThesaurusSynonyms(t *testing.T) {
	ix := synonymsIndex(t, "")
	hits := ix.Search("terminar ")
	if len(hits) < 2 || hits[0].Entry.Href != "index.html#cierre" {
		t.Fatalf("terminar: %q", hrefs(hits))
	}
	for _, h := range hits {
		if len(h.Words) != 1 || h.Words[0].How != Synonym {
			t.Errorf("terminar: %s matched %+v, want a synonym", h.Entry.Href, h.Words)
		}
	}
	// Below the exact word: "finalizar" is what the text says.
	exact := ix.Search("finalizar ")
	score := func(hits []Hit, href string) float64 {
		for _, h := range hits {
			if h.Entry.Href == href {
				return h.Score
			}
		}
		return 0
	}
	if s, e := score(hits, "index.html#finalizar"), score(exact, "index.html#finalizar"); s <= 0 || s >= e {
		t.Errorf("«Avisos» scores %.1f for terminar, %.1f for finalizar", s, e)
	}
	// A word the text uses finds where it says it first; the thesaurus does not expand it,
	// and the text's other words for it in the plain-language list («finalizar») follow,
	// far below (see TestPlainLanguageLinksWordsTheTextUses).
	hits = ix.Search("concluir ")
	if len(hits) == 0 || hits[0].Entry.Href != "index.html#cierre" {
		t.Fatalf("concluir: %q", hrefs(hits))
	}
	for _, h := range hits[1:] {
		if h.Score >= hits[0].Score/3 || len(h.Words) != 1 || h.Words[0].How != Synonym || h.Words[0].Term != "finaliz" {
			t.Errorf("concluir, which the text says, also finds %s (%.1f against %.1f): %+v", h.Entry.Href, h.Score, hits[0].Score, h.Words)
		}
	}
}

// Synonyms stay within the site's own words: every key is a word the approved text does not
// use, every target a term it does; a word leads to a few terms, and the text's vocabulary
// bounds how many words lead anywhere.
func TestSynonymsStayInTheVocabulary(t *testing.T) {
	for _, ix := range []*Index{seedIndex(t), projectIndex(t, "../../testdata/projects/prestamo-equipos")} {
		approved := map[string]bool{}
		for i, t := range ix.terms {
			if ix.postings[i][0].doc < ix.helpStart {
				approved[t] = true
			}
		}
		if len(ix.syn) == 0 {
			t.Fatal("no synonyms")
		}
		for _, s := range ix.syn {
			if approved[s.key] {
				t.Errorf("key %q is a term of the text", s.key)
			}
			if len(s.targets) == 0 || len(s.targets) > maxSynonyms {
				t.Errorf("key %q has %d targets", s.key, len(s.targets))
			}
			for _, j := range s.targets {
				if !approved[ix.terms[j]] {
					t.Errorf("key %q leads to %q, not a term of the approved text", s.key, ix.terms[j])
				}
			}
		}
		// The thesaurus has thousands of entries in common use; a site gets a few per word
		// of its text.
		if len(ix.syn) > 5*len(approved) {
			t.Errorf("%d synonym keys for %d terms of the text: the index grows with the thesaurus", len(ix.syn), len(approved))
		}
	}
}

// A procedure's own synonyms: a word, or a phrase typed whole, finds the sections that say
// the others.
func TestProcedureSynonyms(t *testing.T) {
	without := synonymsIndex(t, "")
	ix := synonymsIndex(t, `search:
  synonyms:
    - words: [AnyDesk, escritorio remoto, TeamViewer]
`)
	for _, q := range []string{"teamviewer ", "escritorio remoto ", "usar el escritorio remoto"} {
		hits := ix.Search(q)
		if len(hits) == 0 || hits[0].Entry.Href != "index.html#conexion" {
			t.Errorf("%q: %q", q, hrefs(hits))
			continue
		}
		if !slices.ContainsFunc(hits[0].Words, func(w HitWord) bool { return w.How == Synonym && w.Term == "anydesk" }) {
			t.Errorf("%q: first result matched %+v, want anydesk as a synonym", q, hits[0].Words)
		}
		if got := hrefs(without.Search(q)); slices.Contains(got, "index.html#conexion") {
			t.Errorf("%q finds the AnyDesk section without the list: %q", q, got)
		}
	}
	if got := ix.Search("escritorio "); len(got) != 0 && slices.ContainsFunc(got[0].Words, func(w HitWord) bool { return w.How == Synonym }) {
		t.Errorf("one word of a phrase, alone, expands: %+v", got[0].Words)
	}
}

// A question word asks for something the words around it do not say: who (the scope), what
// for (the objective), why (the decree's reasons). The section that answers it comes first,
// where the content words alone find another; a form of two words needs both.
func TestQuestions(t *testing.T) {
	ix := plainIndex(t, "../..")
	for _, c := range []struct{ question, words, want string }{
		{"quien puede hacer accesos remotos", "accesos remotos", "index.html#alcance"},
		{"para que sirve este manual", "sirve este manual", "index.html#objetivo"},
		{"por que se hizo este procedimiento", "se hizo este procedimiento", "decreto.html#considerando"},
	} {
		q, w := ix.Search(c.question), ix.Search(c.words)
		if len(q) == 0 || q[0].Entry.Href != c.want {
			t.Errorf("%q finds %q first, want %s", c.question, hrefs(q), c.want)
			continue
		}
		if len(w) > 0 && w[0].Entry.Href == c.want {
			t.Errorf("%q finds %s first without the question: the test tests little", c.words, c.want)
		}
		if !slices.ContainsFunc(q[0].Words, func(m HitWord) bool { return m.How == Asked && m.Light }) {
			t.Errorf("%q: %s matched %+v, want a light cue of the question", c.question, c.want, q[0].Words)
		}
	}
	for _, q := range []string{"que sirve este manual", "para sirve este manual", "que por manual"} {
		for _, h := range ix.Search(q) {
			if slices.ContainsFunc(h.Words, func(m HitWord) bool { return m.How == Asked }) {
				t.Errorf("%q asks no question, but %s matched %+v", q, h.Entry.Href, h.Words)
			}
		}
	}
	// A question of light words only still finds what answers it.
	loan := plainIndex(t, "../../testdata/projects/prestamo-equipos")
	if got := hrefs(loan.Search("hasta cuando puedo tenerlo")); len(got) == 0 || got[0] != "index.html#renovacion" {
		t.Errorf("hasta cuando puedo tenerlo: %q", got)
	}
}

// The plain-language list links a reader's everyday word to the one procedures use where
// the thesaurus does not: «computador» finds the section that says «equipo», and a phrase of
// the list typed whole («mesa de ayuda») finds where the text says «soporte».
func TestPlainLanguageSynonyms(t *testing.T) {
	ix := synonymsIndex(t, "")
	for _, e := range analysedThesaurus().entries {
		if e >= 0 && analysedThesaurus().words[e] == "computador" {
			t.Fatal("the thesaurus has an entry for computador: the test would not test the list")
		}
	}
	for _, c := range []struct{ query, want, term string }{
		{"computador ", "index.html#conexion", "equip"},
		{"mesa de ayuda", "decreto.html#considerando", "soport"},
	} {
		i := slices.Index(hrefs(ix.Search(c.query)), c.want)
		if i < 0 {
			t.Errorf("%q does not find %s: %q", c.query, c.want, hrefs(ix.Search(c.query)))
			continue
		}
		if words := ix.Search(c.query)[i].Words; !slices.ContainsFunc(words, func(w HitWord) bool { return w.How == Synonym && w.Term == c.term }) {
			t.Errorf("%q: %s matched %+v, want %s as a synonym", c.query, c.want, words, c.term)
		}
	}
}

// Every group of the plain-language list has two entries or more, each at most maxPhrase
// words of lowercase letters, none twice: what the format promises and search can read.
func TestPlainLanguageList(t *testing.T) {
	groups := plainLanguage()
	if len(groups) < 200 {
		t.Fatalf("%d groups", len(groups))
	}
	for _, g := range groups {
		seen := map[string]bool{}
		for _, w := range g {
			if w != strings.ToLower(w) || len(strings.Fields(w)) > maxPhrase || len(Words(w)) == 0 || seen[w] {
				t.Errorf("group %q: entry %q", g, w)
			}
			seen[w] = true
		}
	}
}

// A word the text uses also reaches, far below its own results, the sections that say
// another word of its plain-language group: «terminar» where a section says «finalizar».
func TestPlainLanguageLinksWordsTheTextUses(t *testing.T) {
	ix := synonymsIndex(t, "")
	hits := ix.Search("concluir ")
	i := slices.Index(hrefs(hits), "index.html#finalizar")
	if i < 1 {
		t.Fatalf("concluir finds %q, want index.html#cierre, then index.html#finalizar", hrefs(hits))
	}
	if w := hits[i].Words; len(w) != 1 || w[0].How != Synonym || w[0].Term != "finaliz" {
		t.Errorf("index.html#finalizar matched %+v, want finalizar as a synonym", w)
	}
	j, _ := ix.find("conclu")
	if got := ix.plain[j]; len(got) == 0 || len(got) > maxSynonyms {
		t.Errorf("concluir links to %v", got)
	}
}

// Among the approved text's sections, a step whose heading names what is asked outranks one
// that says every word of the question in passing: the share of words matched scales the
// scores, and only help pages are held below a section that says them all.
func TestNamedStepOutranksPassingMention(t *testing.T) {
	for name, ix := range map[string]*Index{"with keywords": seedIndex(t), "without keywords": plainIndex(t, "../..")} {
		for _, q := range []string{"como instalo anydesk en el computador del usuario", "como instalo el anydesk en mi compu"} {
			hits := ix.Search(q)
			if len(hits) == 0 || hits[0].Entry.Href != "index.html#instalacion-anydesk" {
				t.Errorf("%s: %q finds %q first, want the installation step", name, q, hrefs(hits))
			}
		}
	}
}

func TestHelpBelowFullMatches(t *testing.T) {
	help := func(d int) bool { return d >= 100 }
	full := func(d int) bool { return d == 1 || d == 3 }
	for _, c := range []struct{ in, want []int }{
		{[]int{100, 1, 101, 2, 3, 102}, []int{1, 2, 3, 100, 101, 102}},
		{[]int{1, 100, 2}, []int{1, 100, 2}},
		{[]int{100, 2, 101}, []int{100, 2, 101}},
		{[]int{2, 100, 3}, []int{2, 3, 100}},
	} {
		if got := helpBelowFullMatches(slices.Clone(c.in), help, full); !slices.Equal(got, c.want) {
			t.Errorf("%v: got %v, want %v", c.in, got, c.want)
		}
	}
}

// The parts every decree has are found by the words readers use for them, which their
// headings do not say, in any procedure and without its keywords.
func TestDecreePartWords(t *testing.T) {
	for _, dir := range []string{"../..", "../../testdata/projects/prestamo-equipos"} {
		ix := plainIndex(t, dir)
		for _, c := range []struct{ query, want string }{
			{"a quien se envio", "decreto.html#distribucion"},
			{"quien recibe copia", "decreto.html#distribucion"},
			{"copias del decreto", "decreto.html#distribucion"},
			{"justificacion del decreto", "decreto.html#considerando"},
			{"atribuciones del alcalde", "decreto.html#vistos"},
		} {
			if hits := ix.Search(c.query); len(hits) == 0 || hits[0].Entry.Href != c.want {
				t.Errorf("%s: %q finds %q first, want %s", dir, c.query, hrefs(hits), c.want)
			}
		}
	}
}
