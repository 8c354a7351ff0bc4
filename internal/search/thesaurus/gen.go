//go:build ignore

// gen derives es.txt from the LibreOffice Spanish thesaurus as Debian ships it (package
// mythes-es, /usr/share/mythes/th_es_ES_v2.dat, ISO-8859-1):
//
//	go run gen.go /usr/share/mythes/th_es_ES_v2.dat
//
// It keeps what search can use: entries and synonyms of one word each, lowercase, without
// the thesaurus's notes ("(NoRAE)"), every synonym of an entry once across its senses, and
// of those only the ones that are entries listing it back. An
// entry is kept only when its word is in common use, that is in the Spanish vocabulary of
// the Snowball project (taken from a corpus of running text; github.com/kljensen/snowball
// ships it with its tests): staff type "pedir", not "impetrar", and the rare entries would
// only fill the index.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

func main() {
	common, err := vocabulary()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := run(os.Args[1], "es.txt", common); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func latin1(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// word is w as search keeps it, or "" when it is not one word of letters.
func word(w string) string {
	if i := strings.IndexByte(w, '('); i >= 0 {
		w = w[:i]
	}
	w = strings.ToLower(strings.TrimSpace(w))
	if w == "" {
		return ""
	}
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return ""
		}
	}
	return w
}

// minForms is how many forms of the vocabulary a word's stem needs for its entry to be kept.
const minForms = 3

// vocabulary reads the words of the Snowball Spanish vocabulary whose stem has minForms forms.
func vocabulary() (map[string]bool, error) {
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/kljensen/snowball").Output()
	if err != nil {
		return nil, fmt.Errorf("locating github.com/kljensen/snowball: %w", err)
	}
	src, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(dir)), "spanish_vocab", "vocab_test.go"))
	if err != nil {
		return nil, err
	}
	pairs := regexp.MustCompile(`\{"([^"]*)", "([^"]*)"\}`).FindAllStringSubmatch(string(src), -1)
	if len(pairs) < 20000 {
		return nil, fmt.Errorf("read only %d words of the Snowball vocabulary", len(pairs))
	}
	forms := map[string]int{}
	for _, m := range pairs {
		forms[m[2]]++
	}
	out := map[string]bool{}
	for _, m := range pairs {
		if forms[m[2]] >= minForms {
			out[m[1]] = true
		}
	}
	return out, nil
}

func run(in, out string, common map[string]bool) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	sc.Scan() // the encoding line
	syns := map[string][]string{}
	for sc.Scan() {
		head, n, ok := strings.Cut(latin1(sc.Bytes()), "|")
		if !ok {
			return fmt.Errorf("%s: line %q is not an entry", in, head)
		}
		senses, err := strconv.Atoi(n)
		if err != nil {
			return fmt.Errorf("%s: entry %q: %w", in, head, err)
		}
		h := word(head)
		if !common[h] {
			h = ""
		}
		for range senses {
			if !sc.Scan() {
				return fmt.Errorf("%s: entry %q ends early", in, head)
			}
			parts := strings.Split(latin1(sc.Bytes()), "|")
			for _, p := range parts[1:] {
				if s := word(p); h != "" && s != "" && s != h && !slices.Contains(syns[h], s) {
					syns[h] = append(syns[h], s)
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	// Only synonyms that are entries listing the entry back: words in common use, and a
	// sense both share.
	kept := map[string][]string{}
	for h, ss := range syns {
		for _, s := range ss {
			if slices.Contains(syns[s], h) {
				kept[h] = append(kept[h], s)
			}
		}
	}
	syns = kept
	heads := make([]string, 0, len(syns))
	for h := range syns {
		heads = append(heads, h)
	}
	slices.Sort(heads)
	var b bytes.Buffer
	for _, h := range heads {
		fmt.Fprintf(&b, "%s|%s\n", h, strings.Join(syns[h], "|"))
	}
	return os.WriteFile(out, b.Bytes(), 0o644)
}
