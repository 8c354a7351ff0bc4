package checklist

import (
	"fmt"
	"slices"
	"strings"

	"github.com/requinoa/pauta/internal/pdfdoc"
	"github.com/requinoa/pauta/internal/pdfform"
	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/slug"
)

// Geometry, in millimetres and points; no type goes below 9 pt. What grows with the paper is
// in size.
const (
	marginX      = 10.0
	marginTop    = 8.0
	marginBottom = 8.0

	titleSize = 13.0 // form title
	phaseSize = 10.0 // phase headings
	itemSize  = 9.5  // check items
	small     = pdfdoc.SmallSize
	leading   = 1.22 // line height over type size

	thick = 0.6  // rule above a phase, around the header
	thin  = 0.2  // cell borders, row rules
	hair  = 0.15 // writing lines

	boxColW   = 9.0  // width of each Sí / No / N/A column
	refColW   = 20.0 // "paso 3b, 4a"
	refMaxW   = 48.0 // a longer citation wraps
	numColW   = 8.0  // item number, "A5"
	rowPad    = 0.35 // above and below the text of a row
	cellLabel = 4.2  // a field's label line inside its cell, to the foot of its descenders
	obsLineH  = 6.5  // pitch of the observation lines when the page has room
	obsMin    = 2    // observation lines always printed
	obsMax    = 8    // more would only leave a page of lines
	blockGap  = 1.5  // space between two rows of signature blocks
	headBoxW  = 42.0 // form code and folio box: "Folio N°" and nine digits, with room to spare

	// A signature block: the written lines at the left, each at least sigLineW long with its
	// label above it (a Chilean name with two surnames, a unit's name), the Firma box at the
	// right taking the rest of the column.
	sigLineW   = 45.0
	sigPad     = 1.5
	sigMaxRows = SignatureTitleLines

	// The QR code: modules of 0.4 to 0.5 mm read from a phone and from a 150 dpi scan of a
	// photocopy. It is no taller than the header's lines beside it unless its modules would
	// go under 0.4 mm (see newRenderer).
	qrMinModule = 0.4
	qrMaxModule = 0.5
)

// size is what grows with the paper. A sheet is laid out at the largest size at which it
// still takes as few pages as at the least (sizeAt(-1)), so oficio and A4 give their extra
// height to larger rows, not only to more observation lines. The sizes grow in the order
// they matter to a pen: from t = 0, boxes of 4.5 mm on a 6 mm pitch and a Firma box 30 mm
// high; then the pitch of the check lines (t from 0 to 1, to 2 mm between one line's boxes
// and the next's); then the room to write in the grid (1 to 2, to form-design practice: 6 mm
// under a label's descenders from t = 1.7); then all of it a little more, handwriting lines
// and the Firma box too (2 to 3). Below 0, down to
// -1, are the sizes of the first sheets of pauta (3.8 mm boxes on a 4.8 mm pitch): a sheet
// a little longer than Requínoa's takes them rather than a second page.
type size struct {
	box    float64 // Sí / No / N/A boxes and the boxes of a choice
	pitch  float64 // least height of a check's row
	writeH float64 // writing room under a label in a cell
	lineH  float64 // pitch of a handwriting line
	sigBox float64 // least height of the Firma box (it is as high as its block's lines too)
}

func sizeAt(t float64) size {
	d := min(max(t, -1), 0) // -1 to 0
	a, b, c := min(max(t, 0), 1), min(max(t-1, 0), 1), min(max(t-2, 0), 1)
	return size{
		box:    4.5 + 0.7*d + 0.5*c,
		pitch:  6.0 + 1.2*d + 0.5*a + 0.5*c,
		writeH: 4.6 + 0.3*d + 2.0*b + 0.8*c,
		lineH:  6.0 + 0.2*d + 0.5*c,
		sigBox: 30.0 + 5*d + 4*c,
	}
}

// The sizes tried, largest first: t from 3 down to -1 in tenths.
const (
	sizeMax   = 30
	sizeLeast = -10
)

// renderer lays the checklist out once and draws it for every copy.
type renderer struct {
	p      *procedure.Procedure
	doc    *pdfdoc.Doc
	x0, w  float64 // content left edge and width
	footer pdfdoc.Footer
	qr     *pdfdoc.QR // in the header's top-right corner
	draft  bool
	blocks []*block
	fields []pdfform.Field
	m      size

	// set while drawing one page
	page int
	cp   sheet
}

// block is a part of the sheet that is never split across pages.
type block struct {
	h     float64
	keep  bool             // keep on the same page as the next block
	phase *procedure.Phase // the phase it belongs to; its heading repeats on a new page
	head  bool             // it is the heading of phase
	grow  bool             // the observations: takes the room left on its page
	draw  func(y, h float64)
}

func newRenderer(p *procedure.Procedure, doc *pdfdoc.Doc, qrText string, opt Options) (*renderer, error) {
	r := &renderer{p: p, doc: doc, x0: marginX, w: doc.Paper.W - 2*marginX, draft: opt.Draft}
	// The QR code stands in the header's top-right corner, beside the header's lines, where
	// a code as tall as them takes no height from the grid; its quiet zone falls in the
	// margins above and at its right. It is as large as those lines leave room for, with its
	// quiet zone under it, and never smaller than a scan reads: a long address may reach
	// below them, beside the instructions.
	qr, err := pdfdoc.NewQRWithin(qrText, 2*lh(small)+lh(titleSize)-pdfdoc.QRQuiet*qrMaxModule, qrMinModule, qrMaxModule)
	if err != nil {
		return nil, err
	}
	r.qr = qr
	r.footer = r.footerFor(qrText, opt)
	if err := r.fit(); err != nil {
		return nil, err
	}
	return r, nil
}

// printNote is the footer's reminder to whoever prints the sheet.
const printNote = "Imprimir a tamaño real (100 %), sin ajustar a la página."

// footerFor is the footer's two lines: the form and its version, and the note on printing;
// with a base URL, the address the QR code carries too, in letters for a reader without a
// camera; for a version no longer in force, the notice that says so. What does not fit in two
// lines joins the line above it when the width allows: the note after the version, and the
// address, which the QR code carries anyway, only while it leaves two lines.
func (r *renderer) footerFor(qrText string, opt Options) pdfdoc.Footer {
	d := r.doc
	ident := fmt.Sprintf("Formulario %s · %s", r.p.Checklist.Code, pdfdoc.VersionLine(r.p.Code))
	first := ident
	if opt.Draft && opt.Replaced == "" {
		first = pdfdoc.DraftText + " · " + ident // as DrawFooter writes it
	}
	d.SetFont(pdfdoc.Font, "B", small)
	joined := d.GetStringWidth(first)
	pageW := d.GetStringWidth(pdfdoc.PageOf(999, 999)) + 3
	d.SetFont(pdfdoc.Font, "", small)
	joined += d.GetStringWidth(" · " + printNote)
	// The page number shares the first line; the joined line is the first without a notice.
	join := joined <= r.w-pageW
	if opt.Replaced != "" {
		join = joined <= r.w
	}
	f := pdfdoc.Footer{Notice: opt.Replaced, Left: []string{ident, printNote}}
	url := ""
	if r.p.Site.BaseURL != "" {
		url = "Manual de esta versión: " + qrText
	}
	switch {
	case opt.Replaced != "" && join:
		f.Left, f.After = []string{ident}, printNote
	case opt.Replaced == "" && url != "" && join && d.GetStringWidth(url) <= r.w:
		f.Left, f.After = []string{ident, url}, printNote
	}
	return f
}

// fit lays the sheet out at the largest size that takes no more pages than the least one.
func (r *renderer) fit() error {
	layout := func(t float64) (int, error) {
		r.m = sizeAt(t)
		r.blocks = nil
		r.build()
		pages, err := r.paginate()
		return len(pages), err
	}
	least, err := layout(float64(sizeLeast) / 10)
	if err != nil {
		return err
	}
	// Every size grows with t, so the page count does too: a binary search finds the
	// largest step that keeps it, in a handful of layouts.
	lo, hi := sizeLeast, sizeMax+1 // lo fits, hi does not (or lies past the largest)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if n, err := layout(float64(mid) / 10); err == nil && n <= least {
			lo = mid
		} else {
			hi = mid
		}
	}
	_, err = layout(float64(lo) / 10)
	return err
}

// bodyTop is where content starts below the header of a page: on the header's heavy rule,
// which the first block's own top line (the grid's border, a phase's rule) then overlays,
// instead of a second line a millimetre under it.
func (r *renderer) bodyTop(first bool) float64 { return marginTop + r.headerHeight(first) }

// bodyBottom is the lowest a block may reach, a little above the footer's rule.
func (r *renderer) bodyBottom() float64 {
	return r.doc.Paper.H - marginBottom - r.footer.Height() - 0.5
}

// placed is a block at its place on a page.
type placed struct {
	b    *block
	y, h float64
}

// paginate assigns blocks to pages. The observations grow into the room left on their page
// and the signatures settle at its foot.
func (r *renderer) paginate() ([][]placed, error) {
	var pages [][]placed
	var cur []placed
	top := r.bodyTop(true)
	y := top
	bottom := r.bodyBottom()
	for i := 0; i < len(r.blocks); i++ {
		b := r.blocks[i]
		need := b.h
		for j := i; j < len(r.blocks)-1 && r.blocks[j].keep; j++ {
			need += r.blocks[j+1].h
		}
		if y+need > bottom && len(cur) > 0 {
			pages = append(pages, cur)
			cur = nil
			top = r.bodyTop(false)
			y = top
			if b.phase != nil && !b.head {
				cont := r.phaseHead(b.phase, true)
				cur = append(cur, placed{cont, y, cont.h})
				y += cont.h
			}
		}
		if y+b.h > bottom {
			return nil, fmt.Errorf("checklist: a block of %.0f mm does not fit on a %s page", b.h, r.doc.Paper.Name)
		}
		cur = append(cur, placed{b, y, b.h})
		y += b.h
	}
	pages = append(pages, cur)

	// Spread the last page: observations take the room left (up to obsMax lines), and what
	// follows them moves down to the foot of the page.
	last := pages[len(pages)-1]
	room := bottom - y
	for i, pl := range last {
		if !pl.b.grow {
			continue
		}
		extra := min(room, float64(obsMax-obsMin)*obsLineH)
		last[i].h += extra
		for j := i + 1; j < len(last); j++ {
			last[j].y += extra
		}
	}
	return pages, nil
}

// drawCopy draws one checklist: every page with header, blocks and footer.
func (r *renderer) drawCopy(pages [][]placed, cp sheet) {
	r.cp = cp
	for i, blocks := range pages {
		r.doc.NewPage()
		r.page = r.doc.PageNo()
		r.drawHeader(i == 0)
		for _, pl := range blocks {
			pl.b.draw(pl.y, pl.h)
		}
		f := r.footer
		f.Page, f.Pages = i+1, len(pages)
		r.doc.DrawFooter(f, r.x0, r.doc.Paper.H-marginBottom, r.w)
	}
}

// radio records a radio group on the current page; its name gets the copy's prefix.
func (r *renderer) radio(name, label string, opts []pdfform.Option) {
	r.fields = append(r.fields, pdfform.Field{
		Name: r.cp.prefix + name, Label: label, Kind: pdfform.Radio, Page: r.page, Options: opts,
	})
}

// field records a form field on the current page; names get the copy's prefix.
func (r *renderer) field(kind pdfform.Kind, name, label string, x, y, w, h float64, multiline bool) {
	r.fields = append(r.fields, pdfform.Field{
		Name: r.cp.prefix + name, Label: label, Kind: kind, Page: r.page,
		Rect: pdfform.Rect{X: x, Y: y, W: w, H: h}, Multiline: multiline,
	})
}

// text sets the font and writes s with its line box starting at top.
func (r *renderer) text(style string, size, x, top float64, s string) {
	r.doc.SetFont(pdfdoc.Font, style, size)
	r.doc.Text(x, top+pdfdoc.Ascent(size), s)
}

// wrap sets the font and wraps s to width w.
func (r *renderer) wrap(style string, size float64, s string, w float64) []string {
	r.doc.SetFont(pdfdoc.Font, style, size)
	return r.doc.Wrap(s, w)
}

func lh(size float64) float64 { return pdfdoc.PT(size) * leading }

// --- header -------------------------------------------------------------------------------

func (r *renderer) headerLeftW() float64 { return r.w - r.qrW() - headBoxW - 4 }

// qrW is the width the QR code takes from the header: the symbol and its quiet zone at its
// left (the one at its right lies in the margin).
func (r *renderer) qrW() float64 { return r.qr.Size() + pdfdoc.QRQuiet*r.qr.Module }

// qrBottom is the foot of the QR code's quiet zone, which the header's rule stays under.
func (r *renderer) qrBottom() float64 { return marginTop + r.qrW() }

func (r *renderer) orgLine() string {
	org := r.p.Organization.Name
	if r.p.Organization.Unit != "" {
		org += " · " + r.p.Organization.Unit
	}
	return org
}

func (r *renderer) approval() string { return approval(r.p, r.draft) }

// instructions are the first page's instructions as wrapped under the header's lines: clear
// of the QR code when it reaches down beside them.
func (r *renderer) instructions() []string {
	if r.p.Checklist.Instructions == "" {
		return nil
	}
	w := r.w
	if r.qrBottom() > marginTop+r.headerLinesH()+instrGap {
		w -= r.qrW() + 1
	}
	return r.wrap("", small, r.p.Checklist.Instructions, w)
}

// headerLinesH is the height of the header's lines at the left, or of the box beside them.
func (r *renderer) headerLinesH() float64 {
	lw := r.headerLeftW()
	h := float64(len(r.wrap("B", small, r.orgLine(), lw)))*lh(small) +
		float64(len(r.wrap("B", titleSize, r.p.Checklist.Title, lw)))*lh(titleSize) +
		float64(len(r.wrap("", small, r.approval(), lw)))*lh(small)
	return max(h, r.headBoxH())
}

func (r *renderer) headerHeight(first bool) float64 {
	h := r.headerLinesH()
	if first {
		if instr := r.instructions(); len(instr) > 0 {
			h += instrGap + float64(len(instr))*lh(small)
		}
	}
	return max(h, r.qrBottom()-marginTop) + 0.6 // to the heavy rule under it
}

// instrGap sets the instructions a little apart from the header above them.
const instrGap = 0.2

func (r *renderer) headBoxH() float64 { return 2 * (lh(12) + 1.0) }

func (r *renderer) drawHeader(first bool) {
	d := r.doc
	lw := r.headerLeftW()
	y := marginTop
	d.SetFont(pdfdoc.Font, "B", small)
	for _, l := range d.Wrap(r.orgLine(), lw) {
		r.text("B", small, r.x0, y, l)
		y += lh(small)
	}
	for _, l := range r.wrap("B", titleSize, r.p.Checklist.Title, lw) {
		r.text("B", titleSize, r.x0, y, l)
		y += lh(titleSize)
	}
	for _, l := range r.wrap("", small, r.approval(), lw) {
		r.text("", small, r.x0, y, l)
		y += lh(small)
	}
	r.qr.Draw(d, r.x0+r.w-r.qr.Size(), marginTop)

	// Form code and folio, boxed at the right as on printed government forms: two rows, the
	// label small and the value large on a shared baseline.
	bx, by, bh := r.x0+r.w-r.qrW()-headBoxW, marginTop, r.headBoxH()
	d.SetLineWidth(thin * 2)
	d.Rect(bx, by, headBoxW, bh, "D")
	d.SetLineWidth(thin)
	d.Line(bx, by+bh/2, bx+headBoxW, by+bh/2)
	pad := 2.0
	base := func(row int) float64 { return by + float64(row)*bh/2 + bh/4 + pdfdoc.PT(12)*0.36 }
	// Each label before its value, so the text reads "Formulario SR-01 Folio N° 0041".
	d.SetFont(pdfdoc.Font, "", small)
	d.Text(bx+pad, base(0), "Formulario")
	d.SetFont(pdfdoc.Font, "B", 12)
	d.TextRight(bx+headBoxW-pad, base(0), r.p.Checklist.Code)
	d.SetFont(pdfdoc.Font, "", small)
	d.Text(bx+pad, base(1), "Folio N°")
	fx := bx + pad + d.GetStringWidth("Folio N° ")
	if r.cp.folio > 0 {
		d.SetFont(pdfdoc.Font, "B", 12)
		d.Text(fx, base(1), fmt.Sprintf("%0*d", r.cp.digits, r.cp.folio))
	} else {
		// A blank to number the sheet by hand.
		d.SetLineWidth(hair)
		d.Line(fx, base(1)+0.6, bx+headBoxW-pad, base(1)+0.6)
	}

	y = max(y, by+bh)
	if first {
		if instr := r.instructions(); len(instr) > 0 {
			y += instrGap
			for _, l := range instr {
				r.text("", small, r.x0, y, l)
				y += lh(small)
			}
		}
	}
	y = max(y, r.qrBottom())
	d.SetLineWidth(thick)
	d.Line(r.x0, y+0.6, r.x0+r.w, y+0.6)
}

// --- blocks -------------------------------------------------------------------------------

// build turns the model into blocks, in reading order: session data, phases, observations,
// signatures.
func (r *renderer) build() {
	var session []*procedure.Field
	r.p.Manual.Walk(func(s *procedure.Section) {
		for _, f := range s.Fields {
			if f.Phase == "" {
				session = append(session, f)
			}
		}
	})
	for _, row := range packRows(r.sessionCells(session)) {
		r.blocks = append(r.blocks, r.fieldRow(row))
	}
	for _, ph := range r.p.Checklist.Phases {
		r.blocks = append(r.blocks, r.phaseHead(ph, false))
		shared := sharedRef(ph)
		for _, c := range ph.Checks {
			r.blocks = append(r.blocks, r.checkRow(ph, c, shared == ""))
		}
		for _, f := range ph.Fields {
			r.blocks = append(r.blocks, r.phaseField(ph, f))
		}
	}
	obs := r.observations()
	obs.keep = true
	r.blocks = append(r.blocks, obs)
	r.blocks = append(r.blocks, r.signatures()...)
}

// sharedRef is the citation every check of a phase shares, when there are several: it is
// printed once beside the phase's title instead of on every line.
func sharedRef(ph *procedure.Phase) string {
	if len(ph.Checks) < 2 {
		return ""
	}
	ref := ph.Checks[0].Ref()
	for _, c := range ph.Checks[1:] {
		if c.Ref() != ref {
			return ""
		}
	}
	return ref
}

// phaseHint is what follows a phase's title: its hint and the citation its checks share,
// once, unless the hint already says it.
func phaseHint(ph *procedure.Phase) string {
	ref := sharedRef(ph)
	switch {
	case ref == "" || strings.Contains(ph.Hint, ref):
		return ph.Hint
	case ph.Hint == "":
		return ref
	}
	return ph.Hint + " · " + ref
}

// phaseTitle is a phase's lettered title: "A. Antes de conectar".
func (r *renderer) phaseTitle(ph *procedure.Phase, cont bool) string {
	t := r.p.Checklist.PhaseLetter(ph) + ". " + ph.Title
	if cont {
		t += " (continuación)"
	}
	return t
}

// phaseHead is the heading of a pause point: a heavy rule, the lettered title in bold with its
// hint, and the Sí / No / N/A column heads over the boxes.
func (r *renderer) phaseHead(ph *procedure.Phase, cont bool) *block {
	title := r.phaseTitle(ph, cont)
	textW := r.w - 3*boxColW - 2
	r.doc.SetFont(pdfdoc.Font, "B", phaseSize)
	tw := r.doc.GetStringWidth(title)
	var hint []string
	hintX := 0.0
	if text := phaseHint(ph); text != "" {
		r.doc.SetFont(pdfdoc.Font, "", small)
		if tw+4+r.doc.GetStringWidth(text) <= textW {
			hint = []string{text}
			hintX = tw + 4
		} else {
			hint = r.doc.Wrap(text, textW)
		}
	}
	h := 0.2 + lh(phaseSize) // the line box holds the descenders
	if hintX == 0 && len(hint) > 0 {
		h += float64(len(hint)) * lh(small)
	}
	b := &block{h: h, keep: true, phase: ph, head: true}
	b.draw = func(y, _ float64) {
		d := r.doc
		d.SetLineWidth(thick)
		d.Line(r.x0, y, r.x0+r.w, y)
		ty := y + 0.2
		r.text("B", phaseSize, r.x0, ty, title)
		// Hint and column heads share the title's baseline.
		base := ty + pdfdoc.Ascent(phaseSize)
		if hintX > 0 {
			d.SetFont(pdfdoc.Font, "", small)
			d.Text(r.x0+hintX, base, hint[0])
		} else {
			for i, l := range hint {
				r.text("", small, r.x0, ty+lh(phaseSize)+float64(i)*lh(small), l)
			}
		}
		d.SetFont(pdfdoc.Font, "B", small)
		for i, col := range []string{"Sí", "No", "N/A"} {
			cx := r.boxColX(i) + boxColW/2
			d.TextCenter(cx, base, col)
		}
		d.SetLineWidth(thin)
		d.Line(r.x0, y+h, r.x0+r.w, y+h)
	}
	return b
}

// boxColX is the left edge of the i-th answer column (0 Sí, 1 No, 2 N/A).
func (r *renderer) boxColX(i int) float64 { return r.x0 + r.w - float64(3-i)*boxColW }

// checkRow is one item: number, text, source step (unless the phase prints it once), and
// the Sí / No / N/A boxes, one radio group in the fillable sheet.
func (r *renderer) checkRow(ph *procedure.Phase, c *procedure.Check, cite bool) *block {
	textX := r.x0 + numColW
	ref := ""
	refW := 0.0
	var refs []string
	if cite {
		ref = c.Ref()
		// The citation takes the room it needs, up to a limit past which it wraps: a check
		// drawn from many steps must not squeeze its own text into a column of single words.
		r.doc.SetFont(pdfdoc.Font, "", small)
		refW = min(max(refColW, r.doc.GetStringWidth(ref)+1.5), refMaxW)
		refs = r.doc.Wrap(ref, refW-1.5)
	}
	textW := r.boxColX(0) - refW - textX - 1
	lines := r.wrap("", itemSize, c.Text, textW)
	rows := max(len(lines), len(refs))
	m := r.m
	// A row is at least a pitch high and keeps its boxes, centred in it, a pitch apart from
	// the next row's.
	h := max(float64(rows)*lh(itemSize)+2*rowPad, m.pitch)
	num := r.p.Checklist.ItemRef(c)
	b := &block{h: h, phase: ph}
	b.draw = func(y, _ float64) {
		d := r.doc
		ty := y + (h-float64(rows)*lh(itemSize))/2
		d.SetFont(pdfdoc.Font, "B", itemSize)
		d.Text(r.x0, ty+pdfdoc.Ascent(itemSize), num)
		for i, l := range lines {
			r.text("", itemSize, textX, ty+float64(i)*lh(itemSize), l)
		}
		d.SetFont(pdfdoc.Font, "", small)
		for i, l := range refs {
			d.TextRight(r.boxColX(0)-1.5, ty+float64(i)*lh(itemSize)+pdfdoc.Ascent(itemSize), l)
		}
		by := y + (h-m.box)/2
		d.SetLineWidth(0.3)
		var opts []pdfform.Option
		for i, v := range answerValues {
			bx := r.boxColX(i) + (boxColW-m.box)/2
			d.Rect(bx, by, m.box, m.box, "D")
			opts = append(opts, pdfform.Option{Value: v, Rect: pdfform.Rect{X: bx, Y: by, W: m.box, H: m.box}})
		}
		r.radio(ItemField(num), num+": "+c.Text, opts)
		d.SetLineWidth(thin)
		d.Line(r.x0, y+h, r.x0+r.w, y+h)
	}
	return b
}

// answerValues are the export values of a line's answers in the fillable sheet, for Sí, No
// and N/A: what a program reading a filled form gets for the line.
var answerValues = [3]string{"Si", "No", "NA"}

// ItemField is the name of the form field (a radio group) of the check printed as ref, e.g.
// "item-A5"; with several copies in a file, each copy's fields carry the copy's prefix
// ("folio0041-item-A5", "copia02-item-A5").
func ItemField(ref string) string { return "item-" + ref }

// --- fields -------------------------------------------------------------------------------

// cell is one field in a row of the grid, with its width in quarters after packing; pair is
// a second time field sharing the cell, one under the other.
type cell struct {
	f       *procedure.Field
	pair    *procedure.Field
	quarter int
}

const (
	cellPad = 1.5  // text and writing inside a cell, from its sides
	timeW   = 16.0 // room to write "hh:mm" beside a label
)

func fieldWidth(f *procedure.Field) int {
	switch {
	case f.Width > 0:
		return f.Width
	case f.Type == "choice":
		return 4
	}
	return 1
}

// sessionCells are the session fields as cells of the grid, in order. Two times of one
// quarter each (the start and the end of the session) share a cell, one under the other,
// each written beside its label, when the labels leave room for "hh:mm": together they take
// one cell, not a row of their own.
func (r *renderer) sessionCells(fields []*procedure.Field) []cell {
	room := r.w/4 - 2*cellPad - timeW
	r.doc.SetFont(pdfdoc.Font, "", small)
	short := func(f *procedure.Field) bool {
		return f.Type == "time" && fieldWidth(f) == 1 && r.doc.GetStringWidth(f.Label) <= room
	}
	var cells []cell
	paired := map[*procedure.Field]bool{}
	for i, f := range fields {
		if paired[f] {
			continue
		}
		c := cell{f: f}
		if short(f) {
			for _, g := range fields[i+1:] {
				if !paired[g] && short(g) {
					c.pair, paired[g] = g, true
					break
				}
			}
		}
		cells = append(cells, c)
	}
	return cells
}

// packRows places cells in rows of four quarters, in order, each going into the first row
// with room for it (so a narrow field fills a gap left earlier instead of opening a row).
// The last cell of a row that stays short widens to close the row.
func packRows(cells []cell) [][]cell {
	var rows [][]cell
	var used []int
	for _, c := range cells {
		c.quarter = min(fieldWidth(c.f), 4)
		placed := false
		for i := range rows {
			if used[i]+c.quarter <= 4 {
				rows[i] = append(rows[i], c)
				used[i] += c.quarter
				placed = true
				break
			}
		}
		if !placed {
			rows = append(rows, []cell{c})
			used = append(used, c.quarter)
		}
	}
	for i := range rows {
		rows[i][len(rows[i])-1].quarter += 4 - used[i]
	}
	return rows
}

func fieldLines(f *procedure.Field) int { return max(f.Lines, 1) }

// fieldLabel is the label as printed, with the format a date or a time is written in.
func fieldLabel(f *procedure.Field) string {
	switch f.Type {
	case "date":
		return f.Label + " (día / mes / año)"
	case "time":
		return f.Label + " (hh:mm)"
	}
	return f.Label
}

// choiceWidth measures a choice field's label and its row of boxed options.
func (r *renderer) choiceWidth(f *procedure.Field) (label, options float64) {
	r.doc.SetFont(pdfdoc.Font, "", small)
	label = r.doc.GetStringWidth(f.Label)
	r.doc.SetFont(pdfdoc.Font, "", itemSize)
	for _, o := range f.Options {
		options += r.m.box + 1.5 + r.doc.GetStringWidth(o) + 5
	}
	return label, options
}

// besideMin is the least room to write that a cell keeps at the right of its label when the
// label stands beside the writing instead of above it: a name or a unit's name.
const besideMin = 60.0

// beside reports whether a field is written on one line at the right of its label: a
// single-line text in a cell wide enough, which saves the label's line above.
func (r *renderer) beside(f *procedure.Field, w float64) bool {
	if f.Type != "" && f.Type != "text" || fieldLines(f) > 1 {
		return false
	}
	r.doc.SetFont(pdfdoc.Font, "", small)
	return w-2*cellPad-r.doc.GetStringWidth(f.Label)-2 >= besideMin
}

// besideH is the height of a field written beside its label, in a cell of its own or as one
// of two times sharing a cell: all of it is room to write, as much as a label's cell leaves
// under its label, and never so little that the label's ascenders reach the cell's top.
func (r *renderer) besideH() float64 { return max(r.m.writeH, besideLeast) }

// besideLeast is the least height of a field written beside its label: the label's line
// with its ascenders clear of the border above, and the writing line under its descenders.
const besideLeast = 4.7

func (r *renderer) cellHeight(c cell, w float64) float64 {
	if c.pair == nil && r.beside(c.f, w) {
		return r.besideH()
	}
	if c.f.Type == "choice" {
		lw, ow := r.choiceWidth(c.f)
		if lw+4+ow <= w-3 {
			return r.m.writeH + 1
		}
		return cellLabel + r.m.writeH
	}
	if c.pair != nil {
		return 2 * r.besideH()
	}
	return cellLabel + float64(fieldLines(c.f))*r.m.writeH
}

// fieldRow is a row of bordered cells: label at the top, room to write below.
func (r *renderer) fieldRow(row []cell) *block {
	q := r.w / 4
	h := 0.0
	for _, c := range row {
		h = max(h, r.cellHeight(c, float64(c.quarter)*q))
	}
	b := &block{h: h}
	b.draw = func(y, _ float64) {
		x := r.x0
		for _, c := range row {
			w := float64(c.quarter) * q
			r.doc.SetLineWidth(thin)
			r.doc.Rect(x, y, w, h, "D")
			if c.pair != nil {
				r.drawTimes(c.f, c.pair, x, y, w, h)
			} else {
				r.drawCell(c.f, fieldLabel(c.f), x, y, w, h)
			}
			x += w
		}
	}
	return b
}

func (r *renderer) drawCell(f *procedure.Field, label string, x, y, w, h float64) {
	d := r.doc
	pad := cellPad
	if f.Type == "choice" {
		lw, ow := r.choiceWidth(f)
		ox, oy := x+pad, y+cellLabel
		if lw+4+ow <= w-3 {
			ox, oy = x+pad+lw+4, y+(h-r.m.writeH)/2
		}
		r.text("", small, x+pad, labelTop(y, h, ox != x+pad), f.Label)
		r.drawOptions(f, ox, oy, r.m.writeH)
		return
	}
	if r.beside(f, w) {
		// On the writing line, like a time beside its label.
		base := y + h - 1.4
		d.SetFont(pdfdoc.Font, "", small)
		d.Text(x+pad, base, label)
		lx := x + pad + d.GetStringWidth(label) + 2
		// A faint line to write on, so the cell does not read as a label with no room.
		d.SetLineWidth(hair)
		d.Line(lx, base+0.6, x+w-pad, base+0.6)
		r.field(pdfform.Text, f.ID, f.Label, lx, y+0.3, x+w-0.5-lx, h-0.6, false)
		return
	}
	r.text("", small, x+pad, y+0.4, label)
	lines := fieldLines(f)
	top := y + cellLabel
	writeH := (h - cellLabel) / float64(lines)
	// Extra lines get a faint guide so two lines of handwriting stay apart.
	d.SetLineWidth(hair)
	for i := 1; i < lines; i++ {
		ly := top + float64(i)*writeH
		d.Line(x+pad, ly, x+w-pad, ly)
	}
	base := top + writeH - 1.6
	switch f.Type {
	case "date":
		d.SetFont(pdfdoc.Font, "", itemSize)
		d.Text(x+pad+9, base, "/")
		d.Text(x+pad+19, base, "/")
	case "time":
		d.SetFont(pdfdoc.Font, "", itemSize)
		d.Text(x+pad+9, base, ":")
	}
	r.field(pdfform.Text, f.ID, f.Label, x+0.5, top, w-1, h-cellLabel-0.3, lines > 1)
}

// drawTimes draws two times in one cell, one under the other, each written beside its label
// at the colon.
func (r *renderer) drawTimes(a, b *procedure.Field, x, y, w, h float64) {
	d := r.doc
	d.SetFont(pdfdoc.Font, "", small)
	lw := max(d.GetStringWidth(a.Label), d.GetStringWidth(b.Label))
	slot := h / 2
	for i, f := range []*procedure.Field{a, b} {
		top := y + float64(i)*slot
		base := top + slot - 1.4
		d.SetFont(pdfdoc.Font, "", small)
		d.Text(x+cellPad, base, f.Label)
		tx := x + cellPad + lw + 2
		d.SetFont(pdfdoc.Font, "", itemSize)
		d.Text(tx+timeW/2-0.5, base, ":")
		r.field(pdfform.Text, f.ID, f.Label, tx, top+0.3, x+w-0.5-tx, slot-0.6, false)
	}
	d.SetLineWidth(hair)
	d.Line(x+cellPad, y+slot, x+w-cellPad, y+slot)
}

// phaseField is a field asked inside a phase, set as a row like the checks: a choice is its
// label followed by the boxed options; a text field is its label followed by writing lines.
func (r *renderer) phaseField(ph *procedure.Phase, f *procedure.Field) *block {
	textX := r.x0 + numColW
	right := r.x0 + r.w
	m := r.m
	if f.Type == "choice" {
		lw, ow := r.choiceWidth(f)
		oneLine := textX+lw+4+ow <= right
		// The options' boxes have no boxes above or below them: their row needs only
		// to hold them.
		line := max(lh(itemSize)+2*rowPad, m.box+1)
		h := line
		if !oneLine {
			h += line
		}
		b := &block{h: h, phase: ph}
		b.draw = func(y, _ float64) {
			// The label shares the baseline of the options beside it.
			r.doc.SetFont(pdfdoc.Font, "", small)
			r.doc.Text(textX, y+(line-lh(itemSize))/2+pdfdoc.Ascent(itemSize), f.Label)
			ox, oy := textX+lw+4, y
			if !oneLine {
				ox, oy = textX, y+line
			}
			r.drawOptions(f, ox, oy, line)
			r.doc.SetLineWidth(thin)
			r.doc.Line(r.x0, y+h, right, y+h)
		}
		return b
	}
	lines := fieldLines(f)
	h := float64(lines)*m.lineH + 0.6
	b := &block{h: h, phase: ph}
	b.draw = func(y, _ float64) {
		d := r.doc
		label := fieldLabel(f) + ":"
		r.text("", small, textX, y+m.lineH-1.1-lh(small)+0.3, label)
		d.SetFont(pdfdoc.Font, "", small)
		lx := textX + d.GetStringWidth(label) + 1.5
		d.SetLineWidth(hair)
		for i := 0; i < lines; i++ {
			ly := y + float64(i+1)*m.lineH - 1
			x := lx
			if i > 0 {
				x = textX
			}
			d.Line(x, ly, right, ly)
		}
		r.field(pdfform.Text, f.ID, f.Label, lx, y+0.5, right-lx, float64(lines)*m.lineH-1, lines > 1)
		d.SetLineWidth(thin)
		d.Line(r.x0, y+h, right, y+h)
	}
	return b
}

// drawOptions draws a choice field's options in a row from x, each with its box, vertically
// centred in a line of height h starting at y; in the fillable sheet they are one radio group
// named after the field, each option's export value its slug ("visita-presencial").
func (r *renderer) drawOptions(f *procedure.Field, x, y, h float64) {
	d := r.doc
	var opts []pdfform.Option
	for _, o := range f.Options {
		by := y + (h-r.m.box)/2
		d.SetLineWidth(0.3)
		d.Rect(x, by, r.m.box, r.m.box, "D")
		opts = append(opts, pdfform.Option{Value: slug.Make(o), Rect: pdfform.Rect{X: x, Y: by, W: r.m.box, H: r.m.box}})
		x += r.m.box + 1.5
		r.text("", itemSize, x, y+(h-lh(itemSize))/2, o)
		d.SetFont(pdfdoc.Font, "", itemSize)
		x += d.GetStringWidth(o) + 5
	}
	r.radio(f.ID, f.Label, opts)
}

// labelTop is where a choice field's label line starts: centred in its cell when the options
// share its line, at the top otherwise.
func labelTop(y, h float64, inline bool) float64 {
	if inline {
		return y + (h-lh(small))/2
	}
	return y + 0.4
}

// --- observations and signatures ----------------------------------------------------------

func (r *renderer) observations() *block {
	title := r.p.Checklist.Observations
	if title == "" {
		title = "Observaciones"
	}
	// The title opens the first line, which runs on at its right, as "Observaciones: ____"
	// on a printed form, when it leaves obsInlineMin to write; a longer title has its own lines.
	r.doc.SetFont(pdfdoc.Font, "B", small+0.5)
	titleW := r.doc.GetStringWidth(title)
	inline := r.w-titleW-1.5 >= obsInlineMin
	var titleLines []string
	head := 0.0
	if !inline {
		titleLines = r.wrap("B", small+0.5, title, r.w)
		head = float64(len(titleLines))*lh(small+0.5) + 0.5
	}
	b := &block{h: head + obsMin*r.m.lineH, grow: true}
	b.draw = func(y, h float64) {
		d := r.doc
		d.SetLineWidth(thick)
		d.Line(r.x0, y, r.x0+r.w, y)
		for i, l := range titleLines {
			r.text("B", small+0.5, r.x0, y+1+float64(i)*lh(small+0.5), l)
		}
		// Whole lines, spread evenly over the room the block was given.
		room := h - head
		n := max(int(room/obsLineH), obsMin)
		pitch := room / float64(n)
		lx := r.x0
		if inline {
			d.SetFont(pdfdoc.Font, "B", small+0.5)
			d.Text(r.x0, y+pitch-1.2, title)
			lx = r.x0 + titleW + 1.5
		}
		d.SetLineWidth(hair)
		for i := 1; i <= n; i++ {
			ly := y + head + float64(i)*pitch
			d.Line(lx, ly, r.x0+r.w, ly)
			lx = r.x0
		}
		// Clear of an inline title, so typed text never prints over it.
		fx := r.x0
		if inline {
			fx += titleW + 1.5
		}
		r.field(pdfform.Text, "observaciones", title, fx, y+head+1, r.x0+r.w-fx, room-0.5, true)
	}
	return b
}

// obsInlineMin is the least line the observations' title leaves at its right to share it.
const obsInlineMin = 60.0

// isFirma reports whether a signature line is the place for the signature itself.
func isFirma(line string) bool { return slug.Make(line) == "firma" }

// signatures lays out the signature blocks two to a row, side by side as on paper. In each,
// the Firma box stands at the top right, at least sigBoxMinW wide; at its left the title,
// wrapping within that column (so it never reaches the box and its "Firma"), and under it
// the short lines (RUT, Fecha); under the box, across the block, the long lines (Nombre,
// Cargo / unidad), two to a row when both keep sigLineW, each with its label above it.
func (r *renderer) signatures() []*block {
	sigs := r.p.Checklist.Signatures
	var blocks []*block
	colW := r.sigColW()
	for i := 0; i < len(sigs); i += 2 {
		row := sigs[i:min(i+2, len(sigs))]
		// The blocks of a row share their heights: the box's and the long lines' below it.
		boxH, longRows := r.m.sigBox, 0
		for _, s := range row {
			short, long := r.sigSplit(s)
			boxH = max(boxH, r.sigTitleH(s)-sigPad+float64(len(short))*r.sigLinePitch())
			longRows = max(longRows, r.sigLongRows(len(long)))
		}
		// Under the last long line, its own pitch leaves room above the border.
		h := sigPad + boxH + float64(longRows)*r.sigLinePitch()
		// The first row stands on the observations' last line, which then reads as the
		// blocks' top edge instead of a second line a millimetre above it.
		gap := blockGap
		if i == 0 {
			gap = 0
		}
		b := &block{h: h + gap}
		b.draw = func(y, _ float64) {
			y += gap
			for k, s := range row {
				r.drawSignature(s, r.x0+float64(k)*(colW+sigGap), y, colW, h, boxH)
			}
		}
		blocks = append(blocks, b)
	}
	for i := 0; i < len(blocks)-1; i++ {
		blocks[i].keep = true
	}
	return blocks
}

const (
	sigGap     = 5.0  // between the two blocks of a row
	sigBoxMin  = 50.0 // least width of the Firma box
	sigColGap  = 3.0  // between the column of lines and the box
	sigLongGap = 2.0  // between two long lines of a row
)

func (r *renderer) sigColW() float64 { return (r.w - sigGap) / 2 }

// sigInnerW is the width inside a block's border.
func (r *renderer) sigInnerW() float64 { return r.sigColW() - 2*sigPad }

// sigBoxW is the width of the Firma box: at least sigBoxMin, more when the column beside it
// would be wider than the short lines need.
func (r *renderer) sigBoxW() float64 { return max(sigBoxMin, r.sigInnerW()-sigColGap-sigShortW) }

// sigShortW is the most the column at the left of the box takes: a RUT or a date.
const sigShortW = 40.0

// sigLeftW is the width of the column at the left of the box.
func (r *renderer) sigLeftW() float64 { return r.sigInnerW() - sigColGap - r.sigBoxW() }

// sigPairs reports whether two long lines of sigLineW fit side by side in a block.
func (r *renderer) sigPairs() bool { return 2*sigLineW+sigLongGap <= r.sigInnerW() }

func (r *renderer) sigLongRows(n int) int {
	if r.sigPairs() {
		return (n + 1) / 2
	}
	return n
}

// shortSigLines are the lines written in a few characters, beside the Firma box; the others
// (a name, a unit) get lines of at least sigLineW under it.
var shortSigLines = []string{"rut", "run", "fecha", "hora", "telefono", "anexo"}

// sigSplit divides a block's written lines into the short ones and the long ones, each in
// the source's order.
func (r *renderer) sigSplit(s *procedure.Signature) (short, long []string) {
	for _, l := range sigLines(s) {
		if slices.Contains(shortSigLines, slug.Make(l)) && r.sigLeftW() >= 25 {
			short = append(short, l)
		} else {
			long = append(long, l)
		}
	}
	return short, long
}

func sigLines(s *procedure.Signature) []string {
	var out []string
	for _, l := range s.Lines {
		if !isFirma(l) {
			out = append(out, l)
		}
	}
	return out
}

// sigTitle is a block's title wrapped to the column at the left of the box.
func (r *renderer) sigTitle(s *procedure.Signature) []string {
	return r.wrap("B", small+1, s.Title, r.sigLeftW())
}

func (r *renderer) sigTitleH(s *procedure.Signature) float64 {
	return 0.8 + float64(len(r.sigTitle(s)))*lh(small+1) + 0.3
}

// sigLinePitch is the least height of a written line with its label above it: the label,
// as much room to write under it as a field of the grid has, and the line.
func (r *renderer) sigLinePitch() float64 { return sigLabel + r.m.writeH + sigUnder }

const (
	sigLabel = 4.0 // a line's label, from 0.2 mm under its slot's top to its descenders
	sigUnder = 0.8 // under the writing line, so the next label clears it
)

func (r *renderer) drawSignature(s *procedure.Signature, x, y, w, h, boxH float64) {
	d := r.doc
	d.SetLineWidth(thin * 2)
	d.Rect(x, y, w, h, "D")
	for i, l := range r.sigTitle(s) {
		r.text("B", small+1, x+sigPad, y+0.8+float64(i)*lh(small+1), l)
	}
	top := y + sigPad
	boxW := r.sigBoxW()
	boxX := x + w - sigPad - boxW
	firma := "Firma"
	for _, l := range s.Lines {
		if isFirma(l) {
			firma = l
		}
	}
	d.SetLineWidth(0.3)
	d.Rect(boxX, top, boxW, boxH, "D")
	r.text("", small, boxX+1, top+0.4, firma)
	r.field(pdfform.Signature, "firma-"+s.ID, firma+": "+s.Title, boxX, top, boxW, boxH, false)

	line := func(l string, lx, slot, lw, pitch float64) {
		base := slot + pitch - sigUnder // the writing line
		r.text("", small, lx, slot+0.2, l)
		d.SetLineWidth(hair)
		d.Line(lx, base, lx+lw, base)
		fy := slot + sigLabel
		r.field(pdfform.Text, s.ID+"-"+slug.Make(l), s.Title+": "+l, lx, fy, lw, base-fy, false)
	}
	// The short lines share the height beside the box under the title evenly.
	short, long := r.sigSplit(s)
	titleH := r.sigTitleH(s)
	lx := x + sigPad
	if len(short) > 0 {
		pitch := (top + boxH - (y + titleH)) / float64(len(short))
		for i, l := range short {
			line(l, lx, y+titleH+float64(i)*pitch, r.sigLeftW(), pitch)
		}
	}
	inner := r.sigInnerW()
	for i, l := range long {
		row, col, lw := i, 0, inner
		if r.sigPairs() {
			row, col, lw = i/2, i%2, (inner-sigLongGap)/2
			if i == len(long)-1 && i%2 == 0 {
				lw = inner // the last of an odd number takes the row
			}
		}
		line(l, lx+float64(col)*(lw+sigLongGap), top+boxH+float64(row)*r.sigLinePitch(), lw, r.sigLinePitch())
	}
}

// SignatureTitleLines is how many lines the title of a signature block may take in its
// block on any paper; check and build refuse a longer title.
const SignatureTitleLines = 4

// LongSignatureTitles are the titles of signature blocks that take more than sigMaxRows
// lines in their column on some paper.
func LongSignatureTitles(p *procedure.Procedure) ([]*procedure.Signature, error) {
	var long []*procedure.Signature
	for _, name := range pdfdoc.PaperNames() {
		paper, err := pdfdoc.PaperByName(name)
		if err != nil {
			return nil, err
		}
		r := &renderer{p: p, doc: pdfdoc.New(pdfdoc.Options{Paper: paper}), w: paper.W - 2*marginX}
		for _, s := range p.Checklist.Signatures {
			if len(r.sigTitle(s)) > sigMaxRows && !slices.Contains(long, s) {
				long = append(long, s)
			}
		}
	}
	return long, nil
}
