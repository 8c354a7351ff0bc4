package procedure

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// checkLift fails when parsing src with its block scalars lifted gives anything but what
// parsing it as it is gives. It returns whether the blocks were lifted.
func checkLift(t *testing.T, src string) bool {
	t.Helper()
	lifted, blocks := liftBlocks([]byte(src))
	if blocks == nil {
		return false
	}
	doc, err := parseOne(lifted)
	if err != nil || !restore(doc, blocks) {
		return false // parseLifted parses src as it is
	}
	whole, err := parseOne([]byte(src))
	if err != nil {
		t.Fatalf("parsed with blocks lifted what does not parse as it is (%v):\n%s", err, src)
	}
	if err := sameTree(doc, whole, ""); err != nil {
		t.Fatalf("lifted: %v\n%s", err, src)
	}
	return true
}

func TestLiftedParseEqualsWhole(t *testing.T) {
	tests := []struct {
		name, src string
		lifted    bool
	}{
		{"literal strip", "a:\n  - id: x\n    text: |-\n      hola\n      mundo\n\n      dos\n    n: 1\n", true},
		{"literal clip", "text: |\n  uno\n\n\n  dos\nnext: 1\n", true},
		{"literal deeper lines", "text: |-\n  uno\n    sangrado\n  dos\n", true},
		{"literal trailing spaces", "text: |\n  a  \n  b\n", true},
		{"literal trailing empty lines", "text: |\n  a\n\n\nnext: x\n", true},
		{"folded strip", "k: >-\n  uno\n  dos\n\n  tres\n\n\n  cuatro\n", true},
		{"folded clip", "k: >\n  uno\n  dos\nz: 1\n", true},
		{"folded more indented", "k: >\n  uno\n   más\n  dos\n", false},
		{"folded trailing space", "k: >\n  uno \n  dos\n", false},
		{"keep", "k: |+\n  uno\n\n", false},
		{"indentation indicator", "k: |2\n    uno\n  dos\n", false},
		{"comment after indicator", "k: | # c\n  uno\n", false},
		{"leading empty line", "k: |\n\n  uno\n", false},
		{"spaces alone", "k: |\n  uno\n   \n  dos\n", false},
		{"tab", "k: |\n  uno\n\tdos\n", false},
		{"control character", "k: |\n  uno\x07\n", false},
		{"line separator", "k: |\n  uno\u2028dos\n", false},
		{"no final newline", "k: |\n  uno", false},
		{"crlf", "k: |\r\n  uno\r\n", false},
		{"empty block", "k: |\nz: 1\n", false},
		{"header in a quoted text", "a: \"uno\n  k: |\n    dos\"\nb: |\n  tres\n", false},
		{"header in a quoted text, nothing under it", "a: \"uno\n  k: |\n  dos\"\nb: |\n  tres\n", true},
		{"header inside a block", "a: |\n  k: |\n    dentro\nb: 1\n", true},
		{"hash and quotes are text", "k: |-\n  # no es comentario\n  \"comillas\" y 'otras' : dos\n", true},
		{"sequence item", "s:\n- text: |-\n    uno\n  id: a\n- text: >-\n    dos\n    tres\n", true},
		{"between key and content", "- text: |\n      uno\n    x: 1\n", false},
		{"explicit key", "a:\n  ? - x\n  : y\n  text: >\n    z\n", false},
		{"question in a text", "text: >\n  ¿Sí?\n  ? no es clave\nb: 1\n", true},
		{"indicator in a flow sequence", "a: [x,\n  k: |\n    y\n  ]\n", false},
		{"indicator in a flow mapping", "a: {x: 1,\n  k: |\n    y\n  }\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := checkLift(t, tt.src); got != tt.lifted {
				t.Errorf("lifted: %v, want %v", got, tt.lifted)
			}
		})
	}
}

// A long manual with block scalars is both split and lifted, and still parses as it is.
func TestLiftedAndSplit(t *testing.T) {
	var b strings.Builder
	b.WriteString("pauta: 1\nmanual:\n  title: Manual\n  sections:\n")
	for i := range 200 {
		b.WriteString("    - id: s\n      text: |-\n        Línea uno\n        línea dos\n\n        Otro párrafo.\n")
		b.WriteString("      items:\n        - id: i\n          text: >-\n            Un ítem\n            plegado.\n")
		if i%7 == 0 {
			b.WriteString("        # comentario\n")
		}
	}
	b.WriteString("checklist:\n  code: X\n")
	if !checkLift(t, b.String()) {
		t.Error("not lifted")
	}
	if !checkSplit(t, b.String(), 2) {
		t.Error("not split")
	}
	if _, blocks := liftBlocks([]byte(b.String())); len(blocks) != 400 {
		t.Errorf("%d blocks lifted, want 400", len(blocks))
	}
}

func FuzzLiftParse(f *testing.F) {
	f.Add("a:\n  - id: x\n    text: |-\n      hola\n      mundo\n\n      dos\n    n: 1\n")
	f.Add("k: >-\n  uno\n  dos\n\n  tres\n\n\n  cuatro\n")
	f.Add("a: \"uno\n  k: |\n  dos\"\nb: |\n  tres\n")
	f.Add("s:\n- text: |-\n    uno\n  id: a\n- text: >\n    dos\n    tres\nz: 1\n")
	f.Add(longSource(40, "\n"))
	f.Add("a: [x,\n  k: |\n    y\n  ]\nb: {z: 1,\n  k: >-\n    w\n  }\n")
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 1<<16 {
			return
		}
		checkLift(t, src)
	})
}

// TestLiftRandomBlocks writes many small documents of block scalars with their lines chosen
// at random — text, empty lines, deeper or shallower lines, trailing spaces, comments, keys
// after them — and holds the lifted parse, wherever it applies, to yaml.v3's.
func TestLiftRandomBlocks(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	indicators := []string{"|", "|-", ">", ">-", "|+", "|2", "> # c"}
	texts := []string{"uno", "dos tres", "# almohadilla", "a: b", "- guion", "\"comillas\"", "fin ", "  más", "k: |", "ñandú"}
	lifted := 0
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(3) {
			base := strings.Repeat(" ", 2*r.IntN(2))
			dash := ""
			if r.IntN(3) == 0 {
				dash = "- "
			}
			fmt.Fprintf(&b, "%s%stext: %s\n", base, dash, indicators[r.IntN(len(indicators))])
			indent := base + strings.Repeat(" ", len(dash)+2+r.IntN(2))
			for range r.IntN(5) {
				switch r.IntN(8) {
				case 0:
					b.WriteString("\n")
				case 1:
					b.WriteString(base + "#c\n")
				case 2:
					b.WriteString(indent[:len(indent)-1] + texts[r.IntN(len(texts))] + "\n")
				default:
					b.WriteString(indent + texts[r.IntN(len(texts))] + "\n")
				}
			}
			if r.IntN(2) == 0 {
				fmt.Fprintf(&b, "%s%snext: 1\n", base, strings.Repeat(" ", len(dash)))
			}
		}
		src := b.String()
		if r.IntN(10) == 0 {
			src = strings.TrimSuffix(src, "\n")
		}
		if checkLift(t, src) {
			lifted++
		}
	}
	t.Logf("%d of 20000 documents lifted", lifted)
	if lifted < 2000 {
		t.Errorf("only %d documents lifted: the test checks too little", lifted)
	}
}
