package procedure

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// A procedure's synonym lists are read as written and each mistake is reported where it is.
func TestSearchSynonyms(t *testing.T) {
	base := minimal(t)
	ok := base + "search:\n  synonyms:\n    - words: [AnyDesk, escritorio remoto, TeamViewer]\n    - words: [clave, contraseña]\n"
	p, err := Load(project(ok), DefaultFile)
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for _, g := range p.Search.Synonyms {
		got = append(got, g.Words)
	}
	if want := [][]string{{"AnyDesk", "escritorio remoto", "TeamViewer"}, {"clave", "contraseña"}}; !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("synonyms: %q, want %q", got, want)
	}
	line := strings.Count(base, "\n") + 3 // the first group's line
	for _, c := range []struct {
		name, groups string
		want         []string
	}{
		{"one word", "    - words: [AnyDesk]\n",
			[]string{"procedure.yaml:" + strconv.Itoa(line) + ":14: search.synonyms[1].words: un grupo de sinónimos necesita dos palabras o más — escriba al menos dos palabras equivalentes"}},
		{"repeated", "    - words: [clave, Clave]\n",
			[]string{"procedure.yaml:" + strconv.Itoa(line) + ":14: search.synonyms[1].words[2]: \"Clave\" está repetida — deje cada palabra una sola vez en el grupo",
				"procedure.yaml:" + strconv.Itoa(line) + ":14: search.synonyms[1].words: un grupo de sinónimos necesita dos palabras o más"}},
		{"no letters", "    - words: [clave, contraseña]\n    - words: [\"--\", clave]\n",
			[]string{"procedure.yaml:" + strconv.Itoa(line+1) + ":14: search.synonyms[2].words[1]: \"--\" no tiene letras ni cifras — escriba una palabra o frase, o borre el elemento",
				"procedure.yaml:" + strconv.Itoa(line+1) + ":14: search.synonyms[2].words: un grupo de sinónimos necesita dos palabras o más"}},
		{"unknown key", "    - palabras: [clave, contraseña]\n",
			[]string{"procedure.yaml:" + strconv.Itoa(line) + ":7: search.synonyms[1]: clave desconocida \"palabras\""}},
	} {
		loadFails(t, c.name, base+"search:\n  synonyms:\n"+c.groups, c.want)
	}
}
