package markdown

import (
	"slices"
	"testing"
)

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

// The memo hands a text's blocks over once, as it does its HTML: asked again, after the HTML
// and the plain text came from the same parse, they are the same.
func TestBlocksTwice(t *testing.T) {
	r := New(false)
	src := "Un **texto**.\n\n- uno\n- dos"
	want := []Block{{Kind: BlockPara, Text: "Un texto."}, {Kind: BlockItem, Text: "uno", Marker: Bullet, Depth: 1}, {Kind: BlockItem, Text: "dos", Marker: Bullet, Depth: 1}}
	if _, err := r.Block(src); err != nil {
		t.Fatal(err)
	}
	_ = r.Plain(src)
	for i := range 3 {
		if got := r.Blocks(src); !slices.Equal(got, want) {
			t.Errorf("Blocks, time %d: %+v, want %+v", i+1, got, want)
		}
	}
}
