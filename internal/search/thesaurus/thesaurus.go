// Package thesaurus is the Spanish thesaurus search expands queries with: the LibreOffice
// Spanish thesaurus (th_es_ANY_v2, by Marcelo Garrone and contributors, as Debian's mythes-es
// 1:7.5.0 ships it), under the GNU LGPL 2.1 (COPYING). es.txt is derived from it by gen.go:
// one line per entry, "entry|synonym|synonym…", entries and synonyms of one word each.
//
// The thesaurus is read only while a site is built: search keeps, of each entry, the
// synonyms that the manual itself uses (see internal/search), so a site ships a few hundred
// links of it, never the thesaurus.
package thesaurus

import (
	_ "embed"
	"strings"
	"sync"
)

//go:generate go run gen.go /usr/share/mythes/th_es_ES_v2.dat

// The data is compiled in uncompressed: it adds a few hundred kilobytes to pauta, and
// decompressing it was a large share of a small site's build, done at every build.
//
//go:embed es.txt
var text string

// Entry is one word of the thesaurus with its synonyms, every sense together, lowercase and
// with their accents.
type Entry struct {
	Word     string
	Synonyms []string
}

// Entries are the thesaurus's entries, sorted by word. They are read once per process and
// must not be changed.
var Entries = sync.OnceValue(func() []Entry {
	return parse(text)
})

func parse(text string) []Entry {
	out := make([]Entry, 0, strings.Count(text, "\n"))
	for text != "" {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		parts := strings.Split(line, "|")
		out = append(out, Entry{Word: parts[0], Synonyms: parts[1:]})
	}
	return out
}

// Text is the thesaurus as one text, a line per entry: "word|synonym|synonym…", sorted by
// word.
func Text() string { return text }
