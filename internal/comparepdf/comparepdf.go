// Package comparepdf renders the comparison of two versions of a procedure ("texto comparado")
// as a PDF on carta, laid out as a legal redline: which versions are compared, how many parts
// were added, removed, moved and reworded, then every change in the order of the newer text,
// with its place in the manual or the decree and its wording marked word by word.
//
// It is printed in black and white, so nothing is carried by colour: deleted words are struck
// through, inserted words are bold and underlined, every change has a bar in the margin and is
// named in words ("modificado", "movido"), and a legend on the first page says so. Every page
// has a footer with both version codes and "Página x de y"; the document's dates are the
// newer decree's, so the same two versions always give the same bytes.
package comparepdf

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/requinoa/pauta/internal/pdfdoc"
	"github.com/requinoa/pauta/internal/versions"
)

// Options chooses how the comparison is printed.
type Options struct {
	Draft bool // mark every page "BORRADOR — sin validez"
}

// Geometry, millimetres and points.
const (
	marginLeft   = 25.0
	marginRight  = 20.0
	marginTop    = 18.0
	marginBottom = 12.0

	bodySize  = 10.5
	smallSize = pdfdoc.SmallSize
	headSize  = 11.0
	titleSize = 18.0
	leading   = 1.38

	textIndent = 7.0  // the wording of a change, right of its change bar
	barWidth   = 0.8  // the change bar in the margin
	changeGap  = 5.0  // between two changes
	markWidth  = 0.25 // strike-through and underline
)

// Render returns the comparison PDF.
func Render(cmp *versions.Comparison, opt Options) ([]byte, error) {
	if cmp == nil || cmp.Old == nil || cmp.New == nil {
		return nil, fmt.Errorf("comparepdf: the comparison needs both versions")
	}
	oldP, newP := cmp.Old, cmp.New
	doc := pdfdoc.New(pdfdoc.Options{
		Paper:      pdfdoc.DefaultPaper(),
		Date:       newP.Decree.Date,
		Title:      "Texto comparado — " + oldP.Decree.Citation() + " y " + newP.Decree.Citation(),
		Subject:    newP.Manual.Title,
		Author:     newP.Organization.Name,
		Keywords:   "versión " + oldP.Code + ", versión " + newP.Code,
		Draft:      opt.Draft,
		CountPages: true,
	})
	w := &writer{cmp: cmp, Flow: &pdfdoc.Flow{
		Doc: doc, X0: marginLeft, W: doc.Paper.W - marginLeft - marginRight,
		Top: marginTop, Bottom: marginBottom, Gap: 4,
		Footer: pdfdoc.Footer{Left: []string{
			"Texto comparado · " + newP.Organization.Name,
			"Versión anterior " + oldP.Code + " · versión nueva " + newP.Code,
		}},
	}}
	w.Head = func() string {
		old, cur := oldP.Decree, newP.Decree
		head := fmt.Sprintf("Texto comparado: %s y %s", old.Citation(), cur.Citation())
		if doc.GetStringWidth(head) > w.W {
			head = fmt.Sprintf("Texto comparado: %s y %s", old.Title(), cur.Title())
		}
		return head
	}
	w.NewPage()
	w.front()
	w.changes()
	w.FinishPage()
	if err := doc.Error(); err != nil {
		return nil, fmt.Errorf("drawing the comparison: %w", err)
	}
	return doc.Bytes()
}

// writer flows the comparison down the pages.
type writer struct {
	*pdfdoc.Flow
	cmp *versions.Comparison
}

func lh(size float64) float64 { return pdfdoc.PT(size) * leading }

// line writes one line of text at x in style and size and moves down.
func (w *writer) line(x float64, s, style string, size float64) {
	w.Doc.SetFont(pdfdoc.Font, style, size)
	w.Doc.Text(x, w.Y+pdfdoc.Ascent(size), s)
	w.Y += lh(size)
}

// wrapped writes text wrapped to the column from x, breaking pages between lines.
func (w *writer) wrapped(x float64, s, style string, size float64) {
	w.Doc.SetFont(pdfdoc.Font, style, size)
	for _, l := range w.Doc.Wrap(s, w.X0+w.W-x) {
		w.Need(lh(size))
		w.line(x, l, style, size)
	}
}

// --- the first page ---------------------------------------------------------------------------

// front writes the title, the two versions, the summary and the legend.
func (w *writer) front() {
	oldP, newP := w.cmp.Old, w.cmp.New
	doc := w.Doc
	w.line(w.X0, strings.ToUpper(newP.Organization.Name), "B", headSize)
	w.Y += 3
	w.line(w.X0, "Texto comparado", "B", titleSize)
	w.Y += 0.5
	w.wrapped(w.X0, newP.Manual.Title, "", headSize)
	w.Y += 5

	// The two versions, older first, in a ruled table.
	labelW := 36.0
	rowH := lh(bodySize) + 3.2
	top := w.Y
	doc.SetLineWidth(0.3)
	doc.Line(w.X0, top, w.X0+w.W, top)
	for i, v := range []struct {
		label, citation, code string
	}{
		{"Versión anterior", oldP.Decree.Citation(), oldP.Code},
		{"Versión nueva", newP.Decree.Citation(), newP.Code},
	} {
		base := top + float64(i)*rowH + 1.6 + pdfdoc.Ascent(bodySize)
		doc.SetFont(pdfdoc.Font, "B", bodySize)
		doc.Text(w.X0, base, v.label)
		doc.SetFont(pdfdoc.Font, "", bodySize)
		doc.Text(w.X0+labelW, base, v.citation)
		doc.TextRight(w.X0+w.W, base, "código "+v.code)
		doc.SetLineWidth(0.15)
		if i == 0 {
			doc.Line(w.X0, top+rowH, w.X0+w.W, top+rowH)
		}
	}
	w.Y = top + 2*rowH
	doc.SetLineWidth(0.3)
	doc.Line(w.X0, w.Y, w.X0+w.W, w.Y)
	w.Y += 7

	w.summary()
	w.legend()
}

// plural is a count with its kind: "1 añadido", "2 añadidos".
func plural(n int, k versions.Kind) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, k)
	}
	return fmt.Sprintf("%d %ss", n, k)
}

// summary counts the changes of each kind, in four boxed cells.
func (w *writer) summary() {
	doc := w.Doc
	w.line(w.X0, "Resumen de los cambios", "B", headSize)
	w.Y += 1.5
	kinds := []versions.Kind{versions.Added, versions.Removed, versions.Moved, versions.Changed}
	cellW := w.W / float64(len(kinds))
	cellH := 15.0
	doc.SetLineWidth(0.3)
	doc.Rect(w.X0, w.Y, w.W, cellH, "D")
	for i, k := range kinds {
		x := w.X0 + float64(i)*cellW
		if i > 0 {
			doc.SetLineWidth(0.15)
			doc.Line(x, w.Y, x, w.Y+cellH)
		}
		n := w.cmp.Count(k)
		words := strings.SplitN(plural(n, k), " ", 2)
		doc.SetFont(pdfdoc.Font, "B", 16)
		doc.TextCenter(x+cellW/2, w.Y+2+pdfdoc.Ascent(16), words[0])
		doc.SetFont(pdfdoc.Font, "", smallSize)
		doc.TextCenter(x+cellW/2, w.Y+cellH-2.2, words[1])
	}
	w.Y += cellH + 2.5
	total := len(w.cmp.Changes)
	note := fmt.Sprintf("%d partes cambian en total.", total)
	switch total {
	case 0:
		note = "Las dos versiones tienen el mismo texto."
	case 1:
		note = "Una parte cambia."
	}
	for _, ch := range w.cmp.Changes {
		if ch.Has(versions.Moved) && ch.Has(versions.Changed) {
			note += " Una parte movida que además cambió de texto se cuenta en ambas columnas."
			break
		}
	}
	w.wrapped(w.X0, note, "", smallSize)
	w.Y += 5
}

// legend shows the marks as they are used, so the reader learns them from an example.
func (w *writer) legend() {
	w.line(w.X0, "Cómo leer este documento", "B", headSize)
	w.Y += 1
	parts := segmentWords([]versions.Segment{
		{Op: versions.Same, Text: "Cada cambio lleva una barra en el margen. El texto eliminado aparece "},
		{Op: versions.Deleted, Text: "tachado"},
		{Op: versions.Same, Text: " y el texto añadido, en "},
		{Op: versions.Inserted, Text: "negrita subrayada"},
		{Op: versions.Same, Text: "; el resto no cambia. Los cambios siguen el orden de la versión nueva; " +
			"una parte eliminada aparece donde estaba."},
	})
	w.marked(parts, w.X0, w.W, smallSize+0.5, false)
	w.Y += 6
}

// --- the changes ------------------------------------------------------------------------------

// changes writes every change, grouped under the decree and the manual as they come.
func (w *writer) changes() {
	group := ""
	for i, ch := range w.cmp.Changes {
		g := "Cambios en el decreto"
		if ch.Manual {
			g = "Cambios en el manual"
		}
		if g != group {
			group = g
			w.groupHeading(g)
		}
		w.change(i+1, ch)
	}
}

func (w *writer) groupHeading(title string) {
	// A heading stays with the first change under it.
	w.Need(lh(headSize) + 4 + 3*lh(bodySize) + lh(smallSize))
	w.Y += 2
	w.line(w.X0, strings.ToUpper(title), "B", headSize)
	w.Doc.SetLineWidth(0.4)
	w.Doc.Line(w.X0, w.Y+0.3, w.X0+w.W, w.Y+0.3)
	w.Y += 4
}

// kindsLabel names what happened: "MODIFICADO · MOVIDO".
func kindsLabel(ch versions.Change) string {
	var out []string
	for _, k := range ch.Kinds {
		out = append(out, strings.ToUpper(string(k)))
	}
	return strings.Join(out, " · ")
}

func (w *writer) change(n int, ch versions.Change) {
	doc := w.Doc
	x := w.X0 + textIndent
	width := w.W - textIndent
	lines := w.layout(segmentWords(ch.Diff), width, bodySize)
	head := lh(headSize) + lh(smallSize) + 1.5
	if ch.Has(versions.Moved) && ch.OldWhere != "" {
		head += lh(smallSize)
	}
	// The heading, its place and the first lines stay together; a long text may go on.
	w.Need(head + float64(min(len(lines), 3))*lh(bodySize))

	// Number and part at the left, the kinds in a ruled tag at the right.
	tag := kindsLabel(ch)
	doc.SetFont(pdfdoc.Font, "B", smallSize)
	tagW := doc.GetStringWidth(tag) + 3
	tagH := pdfdoc.PT(smallSize) + 1.6
	doc.SetLineWidth(0.25)
	doc.Rect(w.X0+w.W-tagW, w.Y+0.1, tagW, tagH, "D")
	doc.Text(w.X0+w.W-tagW+1.5, w.Y+0.1+0.8+pdfdoc.Ascent(smallSize), tag)
	doc.SetFont(pdfdoc.Font, "B", headSize)
	doc.Text(w.X0, w.Y+pdfdoc.Ascent(headSize), fmt.Sprintf("%d.", n))
	doc.Text(x, w.Y+pdfdoc.Ascent(headSize), ch.Part)
	w.Y += lh(headSize)

	where := "Ubicación: " + ch.Where
	if ch.Has(versions.Removed) {
		where = "Ubicación en la versión anterior: " + ch.Where
	}
	w.wrapped(x, where, "", smallSize)
	switch {
	case !ch.Has(versions.Moved) || ch.OldWhere == "":
	case ch.OldWhere == ch.Where:
		// Moved among its neighbours: the place has the same name, the order changed.
		w.wrapped(x, "Antes en: el mismo lugar, en otro orden entre las partes vecinas", "", smallSize)
	default:
		w.wrapped(x, "Antes en: "+ch.OldWhere, "", smallSize)
	}
	w.Y += 1.5
	w.drawLines(lines, x, bodySize, true)
	w.Y += changeGap
}

// --- words marked as they changed -------------------------------------------------------------

// piece is part of a word with what happened to it.
type piece struct {
	text string
	op   versions.Op
}

// word is a run of text between spaces. Punctuation is compared apart from its word, so a
// word may mix kinds: "escrito" inserted and its full stop kept. gap is the kind of the space
// before it, so a struck-through phrase is struck through its spaces too.
type word struct {
	pieces []piece
	gap    versions.Op
}

// segmentWords splits a diff into words. Segments carry their own spacing: put together they
// give the text back.
func segmentWords(segs []versions.Segment) []word {
	var out []word
	var cur *word
	gap := versions.Same
	for _, s := range segs {
		for _, r := range s.Text {
			if r == ' ' || r == '\n' || r == '\t' {
				cur = nil
				gap = s.Op
				continue
			}
			// A replaced word and its replacement touch in the diff; on paper they read
			// as two words, struck through and underlined, with a plain space between.
			// Punctuation still follows the word before it, as in the text.
			if cur != nil {
				last := cur.pieces[len(cur.pieces)-1].op
				if last != s.Op && last != versions.Same && s.Op != versions.Same && wordChar(r) {
					cur, gap = nil, versions.Same
				}
			}
			if cur == nil {
				out = append(out, word{gap: gap})
				cur = &out[len(out)-1]
			}
			if n := len(cur.pieces); n > 0 && cur.pieces[n-1].op == s.Op {
				cur.pieces[n-1].text += string(r)
			} else {
				cur.pieces = append(cur.pieces, piece{string(r), s.Op})
			}
		}
	}
	return out
}

// wordChar reports whether r is part of a word rather than punctuation.
func wordChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// style is the font style of a word: inserted words are bold, so they stand out even where an
// underline is lost in a photocopy.
func style(op versions.Op) string {
	if op == versions.Inserted {
		return "B"
	}
	return ""
}

// runs joins the words of a line, with their spaces, into runs of one kind, each drawn as one
// piece of text so a reader's software extracts the words with their spaces.
func runs(line []word) []piece {
	var out []piece
	add := func(p piece) {
		if n := len(out); n > 0 && out[n-1].op == p.op {
			out[n-1].text += p.text
			return
		}
		out = append(out, p)
	}
	for i, wd := range line {
		if i > 0 {
			// A space is marked only inside a marked phrase: a strike-through that began
			// in the space after a kept word would look like part of that word.
			prev := line[i-1].pieces
			gap := wd.gap
			if prev[len(prev)-1].op != gap || wd.pieces[0].op != gap {
				gap = versions.Same
			}
			add(piece{" ", gap})
		}
		for _, p := range wd.pieces {
			add(p)
		}
	}
	return out
}

// width is how wide a line of words is at size.
func (w *writer) width(line []word, size float64) float64 {
	total := 0.0
	for _, r := range runs(line) {
		w.Doc.SetFont(pdfdoc.Font, style(r.op), size)
		total += w.Doc.GetStringWidth(r.text)
	}
	return total
}

// layout breaks words into lines no wider than width. A word wider than a whole line (a long
// address) is cut between letters.
func (w *writer) layout(words []word, width, size float64) [][]word {
	var lines [][]word
	var cur []word
	for _, wd := range words {
		for _, part := range w.cut(wd, width, size) {
			try := append(append([]word{}, cur...), part)
			if len(cur) > 0 && w.width(try, size) > width {
				lines = append(lines, cur)
				try = []word{part}
			}
			cur = try
		}
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// cut splits a word that does not fit on a line into parts that do, letter by letter.
func (w *writer) cut(wd word, width, size float64) []word {
	if w.width([]word{wd}, size) <= width {
		return []word{wd}
	}
	var out []word
	cur := word{gap: wd.gap}
	for _, p := range wd.pieces {
		for _, r := range p.text {
			next := word{gap: cur.gap, pieces: append(append([]piece{}, cur.pieces...), piece{string(r), p.op})}
			if len(cur.pieces) > 0 && w.width([]word{next}, size) > width {
				out = append(out, cur)
				next = word{gap: p.op, pieces: []piece{{string(r), p.op}}}
			}
			// Keep pieces of one kind together.
			if n := len(next.pieces); n > 1 && next.pieces[n-2].op == next.pieces[n-1].op {
				next.pieces[n-2].text += next.pieces[n-1].text
				next.pieces = next.pieces[:n-1]
			}
			cur = next
		}
	}
	return append(out, cur)
}

// marked lays out and draws words at x, width wide.
func (w *writer) marked(words []word, x, width, size float64, bar bool) {
	w.drawLines(w.layout(words, width, size), x, size, bar)
}

// drawLines draws laid-out lines from x, each word marked by what happened to it; with bar, a
// change bar runs in the margin beside them, page by page.
func (w *writer) drawLines(lines [][]word, x, size float64, bar bool) {
	doc := w.Doc
	barTop := w.Y
	drawBar := func() {
		if bar && w.Y > barTop {
			doc.SetFillColor(0, 0, 0)
			doc.Rect(w.X0+1, barTop+0.3, barWidth, w.Y-barTop-0.3, "F")
		}
	}
	for _, line := range lines {
		if w.Y+lh(size) > w.Limit() {
			drawBar()
			w.NewPage()
			barTop = w.Y
		}
		base := w.Y + pdfdoc.Ascent(size)
		cx := x
		for _, r := range runs(line) {
			doc.SetFont(pdfdoc.Font, style(r.op), size)
			rw := doc.GetStringWidth(r.text)
			doc.Text(cx, base, r.text)
			doc.SetLineWidth(markWidth)
			switch r.op {
			case versions.Deleted:
				// Through the middle of the lowercase letters, so the word stays legible.
				y := base - pdfdoc.PT(size)*0.28
				doc.Line(cx, y, cx+rw, y)
			case versions.Inserted:
				y := base + pdfdoc.PT(size)*0.14
				doc.Line(cx, y, cx+rw, y)
			}
			cx += rw
		}
		w.Y += lh(size)
	}
	drawBar()
}
