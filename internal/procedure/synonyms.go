package procedure

import "fmt"

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
		distinct := v.phrases(path, g.Words, func(int) Pos { return at }, "en el grupo")
		if distinct < 2 && len(g.Words) > 0 {
			v.add(at, "escriba al menos dos palabras equivalentes, p. ej. [AnyDesk, escritorio remoto]", "%s: un grupo de sinónimos necesita dos palabras o más", path)
		}
	}
}
