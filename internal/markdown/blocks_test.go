package markdown

import (
	"reflect"
	"testing"
)

// TestBlocks: a printed page gets every block of a text with what it needs to set it as the
// web page does — the bullets and numbers of lists, nested lists deeper, headings with their
// level.
func TestBlocks(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []Block
	}{
		{"prose", "Uno.\n\nDos **fuerte**.", []Block{{Text: "Uno."}, {Text: "Dos fuerte."}}},
		{"bullets", "Antes:\n\n- uno\n- dos", []Block{
			{Text: "Antes:"},
			{Kind: BlockItem, Text: "uno", Marker: Bullet, Depth: 1},
			{Kind: BlockItem, Text: "dos", Marker: Bullet, Depth: 1},
		}},
		{"nested and numbered", "1. primero\n   - sub *a*\n   - sub b\n2. segundo\n\n   más del segundo", []Block{
			{Kind: BlockItem, Text: "primero", Marker: "1.", Depth: 1},
			{Kind: BlockItem, Text: "sub a", Marker: Bullet, Depth: 2},
			{Kind: BlockItem, Text: "sub b", Marker: Bullet, Depth: 2},
			{Kind: BlockItem, Text: "segundo", Marker: "2.", Depth: 1},
			{Text: "más del segundo", Depth: 1},
		}},
		{"start and paren", "3) tres\n4) cuatro", []Block{
			{Kind: BlockItem, Text: "tres", Marker: "3)", Depth: 1},
			{Kind: BlockItem, Text: "cuatro", Marker: "4)", Depth: 1},
		}},
		{"headings", "### Tres\n\ntexto\n\n#### Cuatro", []Block{
			{Kind: BlockHeading, Text: "Tres", Level: 3},
			{Text: "texto"},
			{Kind: BlockHeading, Text: "Cuatro", Level: 4},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := New(false).Blocks(tc.src); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Blocks(%q)\n got %+v\nwant %+v", tc.src, got, tc.want)
			}
		})
	}
}
