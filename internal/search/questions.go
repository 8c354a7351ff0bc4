package search

import "strings"

// questionFactor is the weight of a question's cues (see Questions) against a content word
// of the query.
const questionFactor = 0.5

// Question is what a question word asks for: Ask are its forms as a query writes them,
// folded (a two-word form, "para que", is the two words in a row, stop words included), and
// Cues the words, folded, with which a section says what the question asks: who it applies
// to, what it is for, when. A section that says one of them gains, so "quién puede hacer
// accesos remotos" finds the scope ("aplica a todo el personal … autorizado") among the
// many that say accesos remotos.
type Question struct {
	Ask  []string
	Cues []string
}

// Questions are the Spanish question words whose answer a manual's text marks by common
// words. The browser receives them inside the index.
func Questions() []Question {
	return []Question{
		{[]string{"quien", "quienes"}, []string{"alcance", "aplica", "personal", "funcionarios",
			"autorizado", "habilitadas", "responsable", "distribucion"}},
		{[]string{"para que"}, []string{"objetivo", "proposito"}},
		{[]string{"por que", "porque"}, []string{"considerando", "motivo"}},
		{[]string{"cuando"}, []string{"caso", "cuando", "plazo"}},
		{[]string{"hay"}, []string{"disponibles"}}, // qué hay: what is available
	}
}

// questionWords are the cues of the questions the query asks, one word per question, each
// matching the terms of its cues in full. Among content words a cue is light; in a query of
// light words only it counts in the share of the query a result answers like them, or the
// sections that answer the question would score nothing, but never as the reader's own word.
func (ix *Index) questionWords(words []Word, content int) []queryWord {
	var out []queryWord
	for _, q := range Questions() {
		asked := false
		for i := range words {
			for _, a := range q.Ask {
				first, second, two := strings.Cut(a, " ")
				if words[i].Fold == first && (!two || i+1 < len(words) && words[i+1].Fold == second) {
					asked = true
				}
			}
		}
		if !asked {
			continue
		}
		qw := queryWord{text: "¿" + q.Ask[0] + "?", light: content > 0, weight: 1}
		if qw.light {
			qw.weight = questionFactor
		}
		for _, c := range q.Cues {
			for _, t := range ix.an.QueryTerms(Word{Lower: c, Fold: c}) {
				if j, ok := ix.find(t); ok {
					qw.ms = addMatch(qw.ms, match{term: j, factor: 1, how: Asked})
				}
			}
		}
		if len(qw.ms) > 0 {
			out = append(out, qw)
		}
	}
	return out
}

// questionsJSON are the questions as the index carries them: pairs of forms and cues.
func questionsJSON() [][2][]string {
	var out [][2][]string
	for _, q := range Questions() {
		out = append(out, [2][]string{q.Ask, q.Cues})
	}
	return out
}
