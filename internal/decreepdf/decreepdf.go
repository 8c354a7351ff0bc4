// Package decreepdf renders the decree that approves a procedure as a PDF on carta, laid out
// as a Chilean municipal decree is on paper (Decreto 291/1974 standardises official
// documents): the number and subject at the right, place and date, the opening formula, VISTOS,
// CONSIDERANDO, DECRETO with its resolutive points (numbered when more than one), the closing
// formula, the signatures side by side — the Secretaría Municipal, ministro de fe, at the left
// and the Alcalde at the right —, the initials line and the DISTRIBUCIÓN; then the manual the
// decree approves, as its annex.
//
// The end of the act — the closing formula, 38 mm of room to sign and stamp over each
// signature line, the initials and the distribution (in two columns when long) — is set as
// one block with the last resolutive point, so no page opens with the closing formula and
// the initials never part from the signatures.
//
// Every page carries a footer with the citation of the decree, the version code of the source
// and "Página x de y". A paragraph is never split across pages unless it is longer than a page,
// and a heading always stays with what follows, so the text reads whole on paper and in text
// extraction. In the annex each level of the manual has its own indent and size, and lists
// written in a text keep their bullets and numbers, nested lists further in.
package decreepdf

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/requinoa/pauta/internal/markdown"
	"github.com/requinoa/pauta/internal/pdfdoc"
	"github.com/requinoa/pauta/internal/procedure"
)

// Options chooses how the decree is printed.
type Options struct {
	Draft bool // mark every page "BORRADOR — sin validez"
	// Replaced, for a version no longer in force, is the notice every page carries (see
	// checklist.Options.Replaced).
	Replaced string
	// Text renders the procedure's Markdown; sharing one across a build's outputs parses
	// each text once. Nil makes a new one.
	Text *markdown.Renderer
}

// Geometry, millimetres and points. The wide left margin leaves room to bind the original in
// the municipality's book of decrees.
const (
	marginLeft   = 30.0
	marginRight  = 20.0
	marginTop    = 16.0
	marginBottom = 12.0

	bodySize  = 11.0
	headSize  = 11.0
	titleSize = 12.0
	leading   = 1.35
	paraGap   = 1.6 // between paragraphs
	partGap   = 4.5 // before VISTOS, CONSIDERANDO…
	indent    = 10.0
)

// Render returns the decree PDF.
func Render(p *procedure.Procedure, opt Options) ([]byte, error) {
	var buf bytes.Buffer
	if err := Write(&buf, p, opt); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Write writes the decree PDF to out, each page as soon as it is laid out. On error, what was
// written is not a complete PDF.
func Write(out io.Writer, p *procedure.Procedure, opt Options) error {
	mark := ""
	if opt.Replaced != "" {
		mark = pdfdoc.ReplacedMark
	}
	doc := pdfdoc.New(pdfdoc.Options{
		Mark:       mark,
		Out:        out,
		Paper:      pdfdoc.DefaultPaper(),
		Date:       p.Decree.Date,
		Title:      p.Decree.Title() + " — " + p.Decree.Subject,
		Subject:    p.Manual.Title,
		Author:     p.Organization.Name,
		Keywords:   "versión " + p.Code,
		Draft:      opt.Draft,
		CountPages: true,
	})
	w := &writer{p: p, md: markdown.For(opt.Text, p.Markdown.AllowHTML), Flow: &pdfdoc.Flow{
		Doc: doc, X0: marginLeft, W: doc.Paper.W - marginLeft - marginRight,
		Top: marginTop, Bottom: marginBottom, Gap: 3,
		Footer: pdfdoc.Footer{Notice: opt.Replaced, Left: footerLines(p, opt.Draft)},
		Head:   func() string { return p.Organization.Name + " · " + p.Decree.Title() },
	}}
	w.NewPage()
	w.decree()
	w.annex()
	w.FinishPage()
	if err := doc.Error(); err != nil {
		return fmt.Errorf("drawing the decree: %w", err)
	}
	return doc.Close()
}

// footerLines names the decree and the version at the foot of every page. A draft's first
// line opens with "BORRADOR — sin validez", which would run into the page number: the
// organization moves down to the version's line.
func footerLines(p *procedure.Procedure, draft bool) []string {
	if draft {
		return []string{p.Decree.Citation(), p.Organization.Name + " · " + pdfdoc.VersionLine(p.Code)}
	}
	return []string{p.Decree.Citation() + " · " + p.Organization.Name, pdfdoc.VersionLine(p.Code)}
}

// writer flows the decree and its annex down the pages.
type writer struct {
	*pdfdoc.Flow
	p  *procedure.Procedure
	md *markdown.Renderer
}

func lh(size float64) float64 { return pdfdoc.PT(size) * leading }

// para is a paragraph ready to draw: its lines at a font, with a hanging label.
type para struct {
	style   string
	size    float64
	x, wid  float64 // text column
	label   string  // "a.", "1.", "•": printed in the hang before the first line
	labelX  float64
	lines   []string
	justify bool
}

func (w *writer) layout(text, style string, size, x, wid float64, justify bool) *para {
	w.Doc.SetFont(pdfdoc.Font, style, size)
	return &para{style: style, size: size, x: x, wid: wid, lines: w.Doc.Wrap(text, wid), justify: justify}
}

func (pa *para) height() float64 { return float64(len(pa.lines)) * lh(pa.size) }

// draw writes the paragraph, keeping it on one page when it fits on one, else breaking it
// between lines. keep is room to reserve after it (for what must stay with it).
func (w *writer) draw(pa *para, keep float64) {
	if pa.height()+keep <= w.full() {
		w.Need(pa.height() + keep)
	} else {
		w.Need(2 * lh(pa.size))
	}
	for i, l := range pa.lines {
		if w.Y+lh(pa.size) > w.Limit() {
			w.NewPage()
		}
		w.Doc.SetFont(pdfdoc.Font, pa.style, pa.size)
		base := w.Y + pdfdoc.Ascent(pa.size)
		if i == 0 && pa.label != "" {
			w.Doc.Text(pa.labelX, base, pa.label)
		}
		if pa.justify && i < len(pa.lines)-1 {
			w.Doc.Justify(pa.x, base, pa.wid, l)
		} else {
			w.Doc.Text(pa.x, base, l)
		}
		w.Y += lh(pa.size)
	}
}

// text writes a paragraph of plain text across the column.
func (w *writer) text(s, style string, size float64, justify bool) {
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		w.draw(w.layout(line, style, size, w.X0, w.W, justify), 0)
		w.Y += paraGap
	}
}

// --- the decree -----------------------------------------------------------------------------

func (w *writer) decree() {
	d := &w.p.Decree
	doc := w.Doc

	// The issuing body at the top left.
	doc.SetFont(pdfdoc.Font, "B", headSize)
	doc.Text(w.X0, w.Y+pdfdoc.Ascent(headSize), strings.ToUpper(w.p.Organization.Name))
	w.Y += lh(headSize) + 6

	// Number, subject, place and date in the right half, as the decree book prints them.
	rx := w.X0 + w.W*0.48
	rw := w.X0 + w.W - rx
	for _, pa := range []*para{
		w.layout(d.Title(), "B", titleSize, rx, rw, false),
		w.layout(d.Subject, "B", bodySize, rx, rw, false),
	} {
		w.draw(pa, 0)
		w.Y += 1.5
	}
	w.Y += 3
	w.draw(w.layout(d.Place+", "+d.Date.Stamp(), "B", bodySize, rx, rw, false), 0)
	w.Y += partGap + 2

	w.text(d.Opening, "", bodySize, true)
	w.part("VISTOS:", d.Vistos, d.NumberedVistos(), 0)
	w.part("CONSIDERANDO:", d.Considerando, d.NumberedConsiderando(), 0)
	// The end of the act — closing formula, signatures, initials, distribution — is one
	// block, and the last resolutive point travels with it: a page that began with the
	// closing formula would not show what was signed, and initials cut off from the
	// signatures no longer say who signed.
	closing := w.layout(d.Closing, "B", bodySize, w.X0+indent, w.W-indent, false)
	end := closingGap + closing.height() + w.signaturesHeight() + w.initialsHeight() + w.distributionHeight() + footerRoom
	w.part("DECRETO:", d.Resolutions, d.NumberedResolutions(), end)
	w.Y += closingGap
	w.draw(closing, end-closingGap-closing.height())
	w.signatures()
	w.initials()
	w.distribution()
}

// part is VISTOS, CONSIDERANDO or DECRETO: the heading in bold, then its paragraphs indented,
// numbered "1.-" when asked. after is room to keep on the page of the last paragraph, for
// what must follow it there.
func (w *writer) part(heading string, paras []*procedure.Paragraph, numbered bool, after float64) {
	w.Y += partGap - paraGap
	var blocks []*para
	for i, pa := range paras {
		for j, b := range w.md.Blocks(string(pa.Text)) {
			x := w.X0 + indent + float64(b.Depth)*listHang
			l := w.layout(b.Text, "", bodySize, x, w.X0+w.W-x, true)
			if b.Kind == markdown.BlockItem {
				l.label, l.labelX = b.Marker, x-listHang+1
			}
			if numbered && j == 0 {
				l.label, l.labelX = strings.TrimSpace(procedure.ParagraphNumber(i)+" "+l.label), w.X0
			}
			blocks = append(blocks, l)
		}
	}
	head := w.layout(heading, "B", headSize, w.X0, w.W, false)
	keep := 0.0
	if len(blocks) > 0 {
		keep = 1.5 + min(blocks[0].height(), 3*lh(bodySize))
		// A part of one paragraph that must stay with what follows takes its heading along.
		if whole := 1.5 + blocks[0].height() + paraGap + after; len(blocks) == 1 && head.height()+whole <= w.full() {
			keep = whole
		}
	}
	w.draw(head, keep)
	w.Y += 1.5
	for i, l := range blocks {
		k := 0.0
		if i == len(blocks)-1 && after > 0 {
			k = paraGap + after
		}
		w.draw(l, k)
		w.Y += paraGap
	}
}

// full is the height a block may take on an empty page.
func (w *writer) full() float64 { return w.Limit() - marginTop - 2 }

// Room at the end of the act, mm.
const (
	closingGap = 2.0
	// signRoom lies between the closing formula (or the row of signatures above) and a
	// signature line: a signature and the round stamp of the office, 35 mm across, fit.
	signRoom  = 38.0
	sigRowGap = 4.0
	// footerRoom keeps the last lines of the act clear of the footer's rule.
	footerRoom = 8.0
	// distColumns: a distribution longer than this is set in two columns.
	distColumns = 5
)

func (w *writer) signaturesHeight() float64 {
	rows := (len(w.p.Decree.Signatories) + 1) / 2
	if rows == 0 {
		return 0
	}
	return float64(rows)*(signRoom+2*lh(bodySize)) + float64(rows-1)*sigRowGap
}

// signatures sets the signatories side by side, first at the left, each name in bold over its
// role, centred in its column under room for the handwritten signature and the stamp.
func (w *writer) signatures() {
	sigs := w.p.Decree.Signatories
	cols := min(len(sigs), 2)
	if cols == 0 {
		return
	}
	colW := w.W / float64(cols)
	for i := 0; i < len(sigs); i += cols {
		if i > 0 {
			w.Y += sigRowGap
		}
		row := sigs[i:min(i+cols, len(sigs))]
		w.Need(signRoom + 2*lh(bodySize))
		w.Y += signRoom
		for k, s := range row {
			cx := w.X0 + colW*(float64(k)+0.5)
			w.Doc.SetFont(pdfdoc.Font, "B", bodySize)
			nameW := w.Doc.GetStringWidth(s.Name)
			w.Doc.SetFont(pdfdoc.Font, "", bodySize)
			lineW := min(max(nameW, w.Doc.GetStringWidth(s.RoleLine()), 55)+6, colW-4)
			w.Doc.SetLineWidth(0.3)
			w.Doc.Line(cx-lineW/2, w.Y, cx+lineW/2, w.Y)
			w.Doc.SetFont(pdfdoc.Font, "B", bodySize)
			w.Doc.TextCenter(cx, w.Y+1+pdfdoc.Ascent(bodySize), s.Name)
			w.Doc.SetFont(pdfdoc.Font, "", bodySize)
			w.Doc.TextCenter(cx, w.Y+1+lh(bodySize)+pdfdoc.Ascent(bodySize), s.RoleLine())
		}
		w.Y += 1 + 2*lh(bodySize)
	}
}

const endGap = 5.0 // before the initials and before the distribution

func (w *writer) initialsHeight() float64 {
	if w.p.Decree.Initials == "" {
		return 0
	}
	return endGap + lh(pdfdoc.SmallSize)
}

func (w *writer) initials() {
	if d := &w.p.Decree; d.Initials != "" {
		w.Y += endGap
		w.draw(w.layout(d.Initials, "", pdfdoc.SmallSize, w.X0, w.W, false), 0)
	}
}

// distLayout lays the distribution out: one column of items, each wrapped in the column,
// or, when the list is long and every item is short enough, two columns of one line each.
func (w *writer) distLayout() (items []*para, rows int) {
	d := &w.p.Decree
	n := len(d.Distribution)
	if n == 0 {
		return nil, 0
	}
	if n > distColumns {
		colW := w.W / 2
		w.Doc.SetFont(pdfdoc.Font, "", distSize)
		fit := true
		for _, item := range d.Distribution {
			fit = fit && w.Doc.GetStringWidth(item) <= colW-distHang-2
		}
		if fit {
			rows = (n + 1) / 2
			for i, item := range d.Distribution {
				x := w.X0 + float64(i/rows)*colW
				pa := &para{size: distSize, x: x + distHang, wid: colW - distHang, lines: []string{item}}
				pa.label, pa.labelX = "-", x+1
				items = append(items, pa)
			}
			return items, rows
		}
	}
	for _, item := range d.Distribution {
		pa := w.layout(item, "", distSize, w.X0+distHang, w.W-distHang, false)
		pa.label, pa.labelX = "-", w.X0+1
		items = append(items, pa)
		rows += len(pa.lines)
	}
	return items, rows
}

const (
	distSize = pdfdoc.SmallSize + 1
	distHang = 5.0 // room for the dash before an item
)

func (w *writer) distributionHeight() float64 {
	_, rows := w.distLayout()
	if rows == 0 {
		return 0
	}
	return endGap + float64(rows+1)*lh(distSize)
}

// distribution lists who receives a copy, down the first column and then the second, as a
// typed decree does.
func (w *writer) distribution() {
	items, rows := w.distLayout()
	if rows == 0 {
		return
	}
	w.Y += endGap
	w.draw(w.layout("DISTRIBUCIÓN:", "B", distSize, w.X0, w.W, false), float64(min(rows, 3))*lh(distSize))
	if items[0].x != items[len(items)-1].x {
		w.Need(float64(rows) * lh(distSize)) // two columns share their lines: one page
	}
	top, col := w.Y, 0.0
	for _, pa := range items {
		if pa.x != items[0].x && col == 0 {
			col, w.Y = 1, top // the second column starts level with the first
		}
		w.draw(pa, 0)
	}
	w.Y = max(w.Y, top+float64(rows)*lh(distSize))
}

// --- the annex ------------------------------------------------------------------------------

// annexJustified: the annex is set ragged right. The decree's own text is justified, as acts
// are; a manual reads as well ragged, and a justified line costs one text object per word
// (the word-spacing operator does not apply to two-byte Type0 text), which made the annex of
// a long manual most of a build's time.
const annexJustified = false

// annex starts on its own page: the manual the decree approves, sections in order with their
// numbered headings, lettered or bulleted items and text.
func (w *writer) annex() {
	w.NewPage()
	doc := w.Doc
	doc.SetFont(pdfdoc.Font, "B", titleSize)
	doc.TextCenter(w.X0+w.W/2, w.Y+pdfdoc.Ascent(titleSize), "ANEXO")
	w.Y += lh(titleSize) + 1
	title := w.layout(w.p.Manual.Title, "B", titleSize, w.X0, w.W, false)
	for _, l := range title.lines {
		doc.SetFont(pdfdoc.Font, "B", titleSize)
		doc.TextCenter(w.X0+w.W/2, w.Y+pdfdoc.Ascent(titleSize), l)
		w.Y += lh(titleSize)
	}
	doc.SetFont(pdfdoc.Font, "", pdfdoc.SmallSize+1)
	doc.TextCenter(w.X0+w.W/2, w.Y+1+pdfdoc.Ascent(pdfdoc.SmallSize+1), "Aprobado por "+w.p.Decree.Citation())
	w.Y += lh(pdfdoc.SmallSize+1) + partGap + 1
	for _, s := range w.p.Manual.Sections {
		w.section(s)
	}
}

// Geometry of the annex: each level of the manual is indented one step more, its heading a
// half point smaller, as the web page sets each level apart; lists inside a text hang their
// bullets one step further for each level of nesting.
const (
	levelIndent = 6.0
	listHang    = 6.0
)

// headingSize is the size of a heading of the manual at depth (1 for a top-level section).
func headingSize(depth int) float64 {
	return headSize + 1 - 0.5*float64(min(max(depth, 1), 4)-1)
}

func (w *writer) section(s *procedure.Section) {
	x := w.X0 + float64(min(s.Depth, 4)-1)*levelIndent
	if s.Depth == 1 {
		w.Y += 2
	}
	heading := s.Heading()
	if s.Number != "" && s.Depth > 1 {
		heading = s.Number + ". " + s.Title
	}
	// A heading stays with the first lines after it.
	w.draw(w.layout(heading, "B", headingSize(s.Depth), x, w.X0+w.W-x, false), 3*lh(bodySize))
	w.Y += 1.5
	if s.Text != "" {
		w.blocks(w.md.Blocks(string(s.Text)), x, 0, "", s.Depth, annexJustified)
	}
	for _, it := range s.Items {
		label := markdown.Bullet
		if it.Marker != "" {
			label = it.Marker + "."
		}
		w.blocks(w.md.Blocks(string(it.Text)), x, 1, label, s.Depth, annexJustified)
	}
	for _, sub := range s.Sections {
		w.section(sub)
	}
	w.Y += 1
}

// blocks sets the blocks of a text from x: a block in a list hangs its marker and its text
// one step further for each level (depth0 levels before the text's own, for an item of a
// section's list), label marks the first block (the item's letter or bullet), and a
// heading of the text is set under the section's (at depth), smaller as its level grows.
func (w *writer) blocks(bs []markdown.Block, x float64, depth0 int, label string, depth int, justify bool) {
	right := w.X0 + w.W
	for i, b := range bs {
		d := b.Depth + depth0
		tx := x + float64(d)*listHang
		if b.Kind == markdown.BlockHeading {
			w.Y += 1
			// "###" under a section is a level below it, "####" two.
			level := depth + max(b.Level-2, 1)
			w.draw(w.layout(b.Text, "B", headingSize(level), tx, right-tx, false), 3*lh(bodySize))
			w.Y += 1.5
			continue
		}
		pa := w.layout(b.Text, "", bodySize, tx, right-tx, justify)
		switch {
		case i == 0 && label != "":
			pa.label, pa.labelX = label, x+float64(depth0-1)*listHang+1
			if b.Kind == markdown.BlockItem {
				// An item whose text opens with a list: the list's marker follows the item's.
				pa.label += " " + b.Marker
			}
		case b.Kind == markdown.BlockItem:
			pa.label, pa.labelX = b.Marker, tx-listHang+1
		}
		w.draw(pa, 0)
		w.Y += paraGap
	}
}
