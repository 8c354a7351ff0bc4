package procedure

import (
	"fmt"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// sameTree reports the first difference between two YAML trees, comments aside.
func sameTree(a, b *yaml.Node, path string) error {
	if a.Kind != b.Kind || a.Tag != b.Tag || a.Value != b.Value || a.Line != b.Line ||
		a.Column != b.Column || a.Anchor != b.Anchor || a.Style != b.Style || len(a.Content) != len(b.Content) {
		return fmt.Errorf("%s: split %v %q %d:%d (%d children), whole %v %q %d:%d (%d children)", path,
			a.Kind, a.Value, a.Line, a.Column, len(a.Content), b.Kind, b.Value, b.Line, b.Column, len(b.Content))
	}
	for i := range a.Content {
		if err := sameTree(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", path, i)); err != nil {
			return err
		}
	}
	return nil
}

// checkSplit fails when parsing src in pieces, as they are and with their block scalars
// lifted, gives anything but what parsing it whole gives. It returns whether the pieces were
// used.
func checkSplit(t *testing.T, src string, pieces int) bool {
	t.Helper()
	split, ok := parseInPieces([]byte(src), pieces, parseOne)
	if lifted, liftedOK := parseInPieces([]byte(src), pieces, parseLifted); liftedOK != ok {
		t.Fatalf("%d pieces: split %v as they are, %v lifted:\n%s", pieces, ok, liftedOK, src)
	} else if ok {
		if err := sameTree(lifted, split, ""); err != nil {
			t.Fatalf("%d pieces, lifted: %v\n%s", pieces, err, src)
		}
	}
	if !ok {
		return false
	}
	whole, err := parseOne([]byte(src))
	if err != nil {
		t.Fatalf("parsed in %d pieces what does not parse whole (%v):\n%s", pieces, err, src)
	}
	if err := sameTree(split, whole, ""); err != nil {
		t.Fatalf("%d pieces: %v\n%s", pieces, err, src)
	}
	return true
}

// longSource is a procedure of n sections whose texts take every form YAML allows, with
// comments and blank lines between items.
func longSource(n int, eol string) string {
	var b strings.Builder
	b.WriteString("# A long manual\npauta: 1\nmanual:\n  title: Manual\n  # the sections\n  sections:\n")
	for i := range n {
		switch i % 6 {
		case 0:
			fmt.Fprintf(&b, "    - id: s%d\n      title: \"Sección %d\"\n      text: \"Texto con \\\"comillas\\\"\n        en dos líneas.\"\n", i, i)
		case 1:
			fmt.Fprintf(&b, "    - id: s%d\n      title: Sección %d\n      text: |\n        Un bloque literal.\n\n        - que parece lista\n    # comment at the list's indentation\n", i, i)
		case 2:
			fmt.Fprintf(&b, "\n    - id: s%d # a comment\n      title: 'Sección %d'\n      text: >\n        Plegado\n        en líneas.\n", i, i)
		case 3:
			fmt.Fprintf(&b, "    - id: s%d\n      title: Sección %d\n      sections:\n        - id: s%d-1\n          title: Sub\n          text: plain\n            continued\n", i, i, i)
		case 4:
			fmt.Fprintf(&b, "    - {id: s%d, title: Flujo %d, text: en línea}\n", i, i)
		default:
			fmt.Fprintf(&b, "    -   id: s%d\n        title: Sangría %d\n        items: [a, b,\n          c]\n", i, i)
		}
	}
	b.WriteString("  after: 1\n# between\nchecklist:\n  code: X-1\n  phases:\n    - id: antes\n")
	return strings.ReplaceAll(b.String(), "\n", eol)
}

func TestSplitParseEqualsWhole(t *testing.T) {
	for _, eol := range []string{"\n", "\r\n"} {
		for _, n := range []int{minSplitItems, 100, 257} {
			for _, pieces := range []int{2, 3, 5, 8} {
				if !checkSplit(t, longSource(n, eol), pieces) {
					t.Errorf("%d sections in %d pieces (eol %q): not split", n, pieces, eol)
				}
				if !checkSplit(t, unindentedList(longSource(n, eol)), pieces) {
					t.Errorf("%d sections at the key's indentation in %d pieces (eol %q): not split", n, pieces, eol)
				}
			}
		}
	}
}

// unindentedList writes the section list at the indentation of its key, as YAML allows:
// "  sections:" then "  - id: …".
func unindentedList(src string) string {
	lines := strings.SplitAfter(src, "\n")
	in := false
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "  sections:"):
			in = true
		case strings.HasPrefix(l, "  after:"):
			in = false
		case in && strings.HasPrefix(l, "  "):
			lines[i] = l[2:]
		}
	}
	return strings.Join(lines, "")
}

func TestSplitParseFallsBack(t *testing.T) {
	long := longSource(100, "\n")
	tests := map[string]string{
		"few sections": longSource(minSplitItems-1, "\n"),
		// A quoted value whose continuation line looks like an item: the piece before the cut
		// is left with an open quote, so the whole file is parsed.
		"quote across items": strings.Replace(long, "    - id: s50\n",
			"      note: \"abierta\n    - id: s50\n      cerrada\"\n    - id: s50b\n", 1),
		"no manual":     strings.Replace(long, "manual:", "manuel:", 1),
		"flow manual":   "manual: {sections: [" + strings.Repeat("{id: a}, ", 100) + "]}\n",
		"tab":           strings.Replace(long, "    - id: s50\n", "    - id: s50\n\t\n      x: 1\n", 1),
		"two documents": long + "---\nmore: 1\n",
		"empty":         "",
	}
	for name, src := range tests {
		t.Run(name, func(t *testing.T) {
			checkSplit(t, src, 2) // may or may not split; must never differ
		})
	}
}

func FuzzSplitParse(f *testing.F) {
	f.Add(longSource(minSplitItems, "\n"), 2)
	f.Add(longSource(40, "\r\n"), 3)
	f.Add(strings.Replace(longSource(40, "\n"), "text: plain\n", "text: \"open\n    - id: x\n", 1), 2)
	f.Fuzz(func(t *testing.T, src string, pieces int) {
		if pieces < 2 || pieces > 8 || len(src) > 1<<16 {
			return
		}
		checkSplit(t, src, pieces)
	})
}
