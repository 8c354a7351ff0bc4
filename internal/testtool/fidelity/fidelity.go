// Package fidelity checks that outputs carry a legal text word for word: the text is cut into
// sentence-sized fragments, and each fragment must appear, its words in order, in the outputs
// taken together. The comparison ignores case, accents, punctuation, list markers and line
// breaks, and nothing else, so a dropped, reworded or reordered sentence is found while the
// typography of a page or a PDF is not held against it.
package fidelity

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fragment is one sentence-sized piece of the original text.
type Fragment struct {
	Original   string // as written, for messages
	Normalized string // lower-case ASCII words separated by single spaces
}

// Fragments cuts text into sentences: list markers ("a.", "1.", "-") start a fragment and are
// dropped; a period before white space ends one unless it closes "Sr", "Sra" or "Dpto", so
// "Ley N° 18.695" and "D.F.L" stay whole; new lines, semicolons and colons end one too.
func Fragments(text string) []Fragment {
	text = dashMarker.ReplaceAllString(text, "\n")
	text = dropLetterMarkers(text)
	text = splitSentences(text)
	var out []Fragment
	for _, piece := range fragmentBreak.Split(text, -1) {
		if n := Normalize(piece); n != "" {
			out = append(out, Fragment{Original: strings.TrimSpace(piece), Normalized: n})
		}
	}
	return out
}

// Missing returns the fragments of want that the outputs do not carry.
func Missing(want []Fragment, outputs ...string) []Fragment {
	var corpus strings.Builder
	corpus.WriteByte(' ')
	for _, o := range outputs {
		corpus.WriteString(Normalize(o))
		corpus.WriteByte(' ')
	}
	all := corpus.String()
	var missing []Fragment
	for _, f := range want {
		if !strings.Contains(all, " "+f.Normalized+" ") {
			missing = append(missing, f)
		}
	}
	return missing
}

// Normalize reduces text to lower-case ASCII letters and digits separated by single spaces:
// accents are dropped (NFKD, then no combining marks), and "N°" reads as "n".
func Normalize(text string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(text) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	s := strings.ReplaceAll(b.String(), "n°", "n ")
	s = strings.ReplaceAll(s, "°", " ")
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}), " ")
}

// HTMLText is the text of a page as a reader sees it: no scripts, styles, templates,
// comments or tags, entities decoded.
func HTMLText(page string) string {
	for _, re := range invisible {
		page = re.ReplaceAllString(page, " ")
	}
	return html.UnescapeString(tag.ReplaceAllString(page, " "))
}

var (
	dashMarker    = regexp.MustCompile(`(?m)^\s*-\s+`)
	fragmentBreak = regexp.MustCompile(`[\n;:]+`)
	tag           = regexp.MustCompile(`(?s)<[^>]+>`)
	invisible     = []*regexp.Regexp{
		regexp.MustCompile(`(?is)<script\b.*?</script>`),
		regexp.MustCompile(`(?is)<style\b.*?</style>`),
		regexp.MustCompile(`(?is)<template\b.*?</template>`),
		regexp.MustCompile(`(?s)<!--.*?-->`),
	}
)

// dropLetterMarkers replaces an item marker — one lower-case letter or one or two digits, a
// period and white space, at the start of the text or after white space — by a line break.
func dropLetterMarkers(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); {
		if i == 0 || unicode.IsSpace(rs[i-1]) {
			if n := markerLen(rs[i:]); n > 0 {
				b.WriteByte('\n')
				i += n
				continue
			}
		}
		b.WriteRune(rs[i])
		i++
	}
	return b.String()
}

// markerLen is the length of the marker at the start of rs (its period and the white space
// after it included), or 0.
func markerLen(rs []rune) int {
	var head int
	switch {
	case len(rs) > 0 && rs[0] >= 'a' && rs[0] <= 'z':
		head = 1
	case len(rs) > 1 && unicode.IsDigit(rs[0]) && unicode.IsDigit(rs[1]) && len(rs) > 2 && rs[2] == '.':
		head = 2
	case len(rs) > 0 && unicode.IsDigit(rs[0]):
		head = 1
	default:
		return 0
	}
	if len(rs) < head+2 || rs[head] != '.' || !unicode.IsSpace(rs[head+1]) {
		return 0
	}
	return head + 2
}

// splitSentences turns each sentence-ending period into a line break.
func splitSentences(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if r == '.' && i+1 < len(rs) && unicode.IsSpace(rs[i+1]) && !afterAbbreviation(rs[:i]) {
			b.WriteByte('\n')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func afterAbbreviation(before []rune) bool {
	for _, abbr := range []string{"Sr", "Sra", "Dpto"} {
		a := []rune(abbr)
		n := len(before) - len(a)
		if n < 0 || string(before[n:]) != abbr {
			continue
		}
		if n == 0 || !isWord(before[n-1]) {
			return true
		}
	}
	return false
}

func isWord(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// SeedFile is the original text of Decreto Alcaldicio N° 2387 (Requínoa, 2 August 2024) and
// the manual it approves, as published, relative to the repository's root.
const SeedFile = "testdata/seed/decreto-2387-requinoa.txt"

// TB is the part of testing.TB that Check needs.
type TB interface {
	Helper()
	Fatal(args ...any)
	Errorf(format string, args ...any)
}

// Check fails t for every sentence of the seed that the outputs do not carry, reading the
// seed from the repository whose root is root (a relative path from the test's package).
func Check(t TB, root string, outputs ...string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(SeedFile)))
	if err != nil {
		t.Fatal(err)
	}
	frags := Fragments(string(b))
	missing := Missing(frags, outputs...)
	for _, m := range missing {
		t.Errorf("missing from the outputs: %s", m.Original)
	}
	if len(missing) > 0 {
		t.Errorf("fidelity: %d/%d fragments present", len(frags)-len(missing), len(frags))
	}
}
