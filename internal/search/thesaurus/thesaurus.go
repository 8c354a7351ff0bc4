// Package thesaurus is the Spanish thesaurus search expands queries with: the LibreOffice
// Spanish thesaurus (th_es_ANY_v2, by Marcelo Garrone and contributors, as Debian's mythes-es
// 1:7.5.0 ships it), under the GNU LGPL 2.1 (COPYING). es.txt.gz is derived from it by gen.go:
// one line per entry, "entry|synonym|synonym…", entries and synonyms of one word each.
//
// The thesaurus is read only while a site is built: search keeps, of each entry, the
// synonyms that the manual itself uses (see internal/search), so a site ships a few hundred
// links of it, never the thesaurus.
package thesaurus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"sync"
)

//go:generate go run gen.go /usr/share/mythes/th_es_ES_v2.dat

//go:embed es.txt.gz
var data []byte

// Entry is one word of the thesaurus with its synonyms, every sense together, lowercase and
// with their accents.
type Entry struct {
	Word     string
	Synonyms []string
}

// Entries are the thesaurus's entries, sorted by word. They are read once per process and
// must not be changed.
var Entries = sync.OnceValue(func() []Entry {
	es, err := parse(data)
	if err != nil {
		// The data is compiled in: a failure here is a broken build, not a user's error.
		panic(err)
	}
	return es
})

func parse(b []byte) ([]Entry, error) {
	z, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("thesaurus: %w", err)
	}
	var out []Entry
	sc := bufio.NewScanner(z)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		parts := strings.Split(sc.Text(), "|")
		out = append(out, Entry{Word: parts[0], Synonyms: parts[1:]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("thesaurus: %w", err)
	}
	return out, nil
}

// Text is the thesaurus as one text, a line per entry: "word|synonym|synonym…", sorted by
// word. It is decompressed at each call into one string, so a reader that keeps parts of it
// keeps one allocation, not one per word.
func Text() string {
	s, err := Gunzip(data)
	if err != nil {
		panic(err) // compiled-in data: a broken build
	}
	return s
}

// Gunzip is the decompressed content of a gzip file, as one string sized from the file's
// trailer.
func Gunzip(b []byte) (string, error) {
	z, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return "", fmt.Errorf("thesaurus: %w", err)
	}
	var sb strings.Builder
	if len(b) >= 4 {
		sb.Grow(int(binary.LittleEndian.Uint32(b[len(b)-4:]))) // ISIZE: the size mod 2³²
	}
	if _, err := io.Copy(&sb, z); err != nil {
		return "", fmt.Errorf("thesaurus: %w", err)
	}
	return sb.String(), nil
}
