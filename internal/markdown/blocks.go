package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// BlockKind says what a Block is.
type BlockKind int

const (
	// BlockPara is a paragraph, or a further paragraph of a list item at its item's depth.
	BlockPara BlockKind = iota
	// BlockHeading is a heading written in the text ("### …"); Level is its level.
	BlockHeading
	// BlockItem is the first paragraph of a list item, printed after Marker.
	BlockItem
)

// Block is one block of a text in plain words, with what a printed page needs to set it as
// the web page shows it: the marker of a list item ("•", "1.", "a)") and how deep the list
// is nested, or the level of a heading. Plain text alone drops the bullets of a list inside
// an item, and a PDF set from it would read as run-on paragraphs.
type Block struct {
	Kind   BlockKind
	Text   string
	Marker string // for BlockItem
	// Depth is how many lists the block sits in: 0 at the top, 1 in a list, 2 in a list
	// inside a list item…
	Depth int
	Level int // for BlockHeading
}

// Bullet is the marker a PDF prints for an item of an unordered list.
const Bullet = "•"

// Blocks splits a Markdown text into its blocks, in order, as plain text. They come from the
// parse that gives the text's HTML and plain text; a build asks for them once (the decree
// PDF sets each text once), so the memo hands them over rather than keep them to the end.
// Asked again, a text is parsed again.
func (r *Renderer) Blocks(src string) []Block {
	e := r.render(src)
	r.mu.Lock()
	b, taken := e.blocks, e.blocksTaken
	e.blocks, e.blocksTaken = nil, true
	r.mu.Unlock()
	if taken {
		return r.goldmark(src).blocks
	}
	return b
}

// blocks lists the blocks of a parsed text.
func blocks(doc ast.Node, source []byte) []Block {
	var out []Block
	// add keeps a block that has words and reports whether it did.
	add := func(b Block) bool {
		if b.Text = strings.TrimSpace(b.Text); b.Text == "" {
			return false
		}
		out = append(out, b)
		return true
	}
	var walk func(n ast.Node, depth int, marker string)
	walk = func(n ast.Node, depth int, marker string) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			added := false
			switch c := c.(type) {
			case *ast.List:
				for i, it := 0, c.FirstChild(); it != nil; i, it = i+1, it.NextSibling() {
					m := Bullet
					if c.IsOrdered() {
						m = strconv.Itoa(c.Start+i) + string(c.Marker)
					}
					walk(it, depth+1, m)
				}
				continue
			case *ast.Heading:
				added = add(Block{Kind: BlockHeading, Text: plain(c, source, 0), Level: c.Level, Depth: depth})
			case *ast.Paragraph, *ast.TextBlock:
				b := Block{Text: plain(c, source, 0), Depth: depth}
				if marker != "" {
					b.Kind, b.Marker = BlockItem, marker
				}
				added = add(b)
			case *ast.Blockquote:
				walk(c, depth, marker)
				marker = ""
			default:
				// Code, tables, thematic breaks: their words, as the plain text has them, one
				// line a block.
				for line := range strings.SplitSeq(plain(c, source, 0), "\n") {
					b := Block{Text: line, Depth: depth}
					if marker != "" {
						b.Kind, b.Marker = BlockItem, marker
					}
					if add(b) {
						marker = ""
					}
				}
			}
			// Only the item's first block carries its marker; the rest hang under it.
			if added {
				marker = ""
			}
		}
	}
	walk(doc, 0, "")
	return out
}
