package markdown

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	deep := strings.Repeat("[", MaxNesting)
	for _, tc := range []struct {
		name, src string
		line, col int
		want      string // "" when the text passes
	}{
		{"prose", "Un párrafo con un [enlace](https://ejemplo.cl) y **negrita**.", 0, 0, ""},
		{"too big", strings.Repeat("a", MaxTextSize+1), 1, 1, "más de los 256 KB"},
		{"exactly the size", strings.Repeat("a", MaxTextSize), 0, 0, ""},
		{"brackets at the limit", deep + "a" + strings.Repeat("]", MaxNesting), 0, 0, ""},
		{"one bracket too many", "Texto\n\nñ" + deep + "[", 3, MaxNesting + 2, "más de 32 corchetes"},
		{"closed brackets do not nest", strings.Repeat("[a] ", 4000), 0, 0, ""},
		{"too many brackets in a paragraph", strings.Repeat("[a] ", 4001), 1, 4*4000 + 1, "demasiados corchetes «[»"},
		{"brackets in many paragraphs", strings.Repeat(strings.Repeat("[a] ", 100)+"\n\n", 500), 0, 0, ""},
		{"emphasis", strings.Repeat("**a** ", 1000), 0, 0, ""},
		{"too much emphasis in a paragraph", "x\n" + strings.Repeat("_a", 4001), 2, 2*4000 + 1, "demasiados signos de énfasis"},
		{"escaped brackets are text", strings.Repeat(`\[`, 1000), 0, 0, ""},
		{"a blank line closes the brackets", strings.Repeat(deep+"\n\n", 10), 0, 0, ""},
		{"brackets in a fenced code block", "```\n" + deep + deep + "\n```\n", 0, 0, ""},
		{"quotes nested", strings.Repeat("> ", MaxNesting+1) + "x", 1, 2*MaxNesting + 1, "más de 32 citas o listas"},
		{"lists nested on a line", strings.Repeat("- ", MaxNesting) + "1. x", 1, 2*MaxNesting + 1, "más de 32 citas o listas"},
		{"indented at the limit", "- a\n" + strings.Repeat(" ", MaxIndent) + "- b", 0, 0, ""},
		{"indented too deep", "- a\n" + strings.Repeat(" ", MaxIndent-1) + "\t\t- b", 2, 1, "sangrada más de 128 espacios"},
		{"quotes at the limit", strings.Repeat(">", MaxNesting) + " x", 0, 0, ""},
		{"a thousand links in a paragraph", strings.Repeat("[a](b) ", 1000), 0, 0, ""},
		{"one link too many", strings.Repeat("[a](b) ", 1001), 1, 7*1000 + 3, "el párrafo que empieza en la línea 1 tiene demasiados enlaces"},
		{"failing links", "Intro\n\n" + strings.Repeat("[a](<", 2000), 3, 5*1000 + 3, "el párrafo que empieza en la línea 3"},
		{"links in many paragraphs", strings.Repeat(strings.Repeat("[a](b) ", 30)+"\n\n", 1000), 0, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := Check(tc.src)
			if tc.want == "" {
				if p != nil {
					t.Fatalf("refused at %d:%d: %s", p.Line, p.Col, p.Msg)
				}
				return
			}
			if p == nil {
				t.Fatal("passed")
			}
			if p.Line != tc.line || p.Col != tc.col || !strings.Contains(p.Msg, tc.want) || p.Hint == "" {
				t.Fatalf("refused at %d:%d: %s — %s; want %d:%d and %q", p.Line, p.Col, p.Msg, p.Hint, tc.line, tc.col, tc.want)
			}
		})
	}
}

// pathological are texts that cost goldmark far more than their size, as the issue found
// them, and the worst shapes of each kind Check lets through.
var pathological = []struct {
	name string
	src  string
	// before marks the texts that go to goldmark unchecked in the "sin-límites" runs: only
	// the issue's own, to show what the limits remove.
	before bool
}{
	{"issue/enlace-angular-200KB", strings.Repeat("[a](<", 40000), true},
	{"issue/corchetes-1MB", strings.Repeat("[", 1<<20), true},
	{"issue/citas-10000", strings.Repeat(">", 10000), true},
	{"admitido/enlaces-fallidos-1000", strings.Repeat("[a](", 1000), false},
	{"admitido/enlaces-fallidos-31x1000-parrafos", strings.Repeat(strings.Repeat("[a](", 31)+"\n\n", 1000), false},
	{"admitido/corchetes-4000-en-un-parrafo", strings.Repeat(strings.Repeat("[", 32)+strings.Repeat("]", 32), 4000/32), false},
	{"admitido/corchetes-400x100-parrafos", strings.Repeat(strings.Repeat("[]", 400)+"\n\n", 100), false},
	{"admitido/enfasis-4000-en-un-parrafo", strings.Repeat("*a", 4000), false},
	{"admitido/enfasis-400x100-parrafos", strings.Repeat(strings.Repeat("*a", 400)+"\n\n", 100), false},
	{"admitido/imagenes-4000-en-un-parrafo", strings.Repeat("![a] ", 4000), false},
	{"admitido/listas-sangradas-128", func() string {
		var list strings.Builder
		for i := 0; i < MaxIndent/2; i++ {
			list.WriteString(strings.Repeat("  ", i) + "- a\n")
		}
		return strings.Repeat(list.String()+"\n", MaxTextSize/(list.Len()+1))
	}(), false},
	{"admitido/citas-32-por-linea", strings.Repeat(strings.Repeat(">", 32)+"\n", MaxTextSize/33), false},
}

// BenchmarkPathological times what a build spends on each text: with limits, Check and then
// goldmark if Check lets it through; without them ("sin-limites", the texts only),
// goldmark alone.
func BenchmarkPathological(b *testing.B) {
	for _, tc := range pathological {
		b.Run("con-limites/"+tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if Check(tc.src) == nil {
					New(false).goldmark(tc.src)
				}
			}
		})
		if tc.before {
			b.Run("sin-limites/"+tc.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					New(false).goldmark(tc.src)
				}
			})
		}
	}
}
