package markdown

import "testing"

// Outputs ask for a text's plain text and its HTML in any order, from one shared renderer:
// whichever comes first, both are goldmark's.
func TestPlainAndBlockInEitherOrder(t *testing.T) {
	for _, src := range []string{"Un [enlace](https://example.org) y **negrita**.", "Línea uno\nlínea dos", "- a\n- b", "Simple."} {
		want := New(false).goldmark(src)
		first, second := New(false), New(false)
		plain := first.Plain(src)
		html, err := first.Block(src)
		if err != nil {
			t.Fatal(err)
		}
		html2, err := second.Block(src)
		if err != nil {
			t.Fatal(err)
		}
		plain2 := second.Plain(src)
		if plain != want.plain || plain2 != want.plain || html != want.html || html2 != want.html {
			t.Errorf("%q: plain %q / %q, HTML %q / %q; goldmark gives %q and %q", src, plain, plain2, html, html2, want.plain, want.html)
		}
	}
}

// The memo hands a text's HTML over once; asked again, the renderer gives the same HTML.
func TestBlockTwice(t *testing.T) {
	r := New(false)
	for _, src := range []string{"Un **texto** con [enlace](https://example.org).", "- a\n- b"} {
		first, err := r.Block(src)
		if err != nil {
			t.Fatal(err)
		}
		second, err := r.Block(src)
		if err != nil {
			t.Fatal(err)
		}
		if first == "" || first != second {
			t.Errorf("%q: HTML %q, then %q", src, first, second)
		}
	}
}
