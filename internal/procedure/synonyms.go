package procedure

import (
	"fmt"
	"strings"
	"unicode"
)

// SearchOpts tunes the site's search for the words of the procedure's trade.
type SearchOpts struct {
	Node
	Synonyms []*SynonymGroup `yaml:"synonyms" doc:"Grupos de palabras o frases que la búsqueda trata como equivalentes, p. ej. clave, contraseña y PIN. Se suman al diccionario de sinónimos del sitio."`
	Keywords Keywords        `yaml:"keywords" doc:"Palabras con que los lectores buscan una sección aunque el texto no las diga, por lugar: el id de una sección del manual, decreto.html#vistos (o #considerando, #resuelvo, #distribucion) o <página>.html#<encabezado>. No se muestran en el sitio."`
}

// SynonymGroup is a list of words or phrases a reader may type for one another: a query that
// says one of them also finds the others, ranked below the text that says the query's word.
type SynonymGroup struct {
	Node
	Words []string `yaml:"words" pauta:"required" doc:"Dos o más palabras o frases equivalentes, cada una una sola vez, p. ej. [clave, contraseña, PIN]."`
}

// search checks the synonym groups: each has two different entries at least, each
// entry a word or phrase with letters or digits.
func (v *validator) search(s *SearchOpts) {
	v.keywords(s.Keywords)
	for i, g := range s.Synonyms {
		at := g.At("words")
		path := fmt.Sprintf("search.synonyms[%d].words", i+1)
		seen := map[string]bool{}
		for j, w := range g.Words {
			if !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
				v.add(at, "escriba una palabra o frase, o borre el elemento", "%s[%d]: %q no tiene letras ni cifras", path, j+1, w)
				continue
			}
			k := synonymKey(w)
			if seen[k] {
				v.add(at, "deje cada palabra una sola vez en el grupo", "%s[%d]: %q está repetida", path, j+1, w)
			}
			seen[k] = true
		}
		if len(seen) < 2 && len(g.Words) > 0 {
			v.add(at, "escriba al menos dos palabras equivalentes, p. ej. [AnyDesk, escritorio remoto]", "%s: un grupo de sinónimos necesita dos palabras o más", path)
		}
	}
}

// synonymKey is an entry as the search compares it: lowercase, without accents, one space
// between words.
func synonymKey(s string) string { return foldWords(s) }
