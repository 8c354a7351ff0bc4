// Package decreepdf renders the decree that approves a procedure as a PDF on carta, laid out
// as a Chilean municipal decree is on paper (Decreto 291/1974 standardises official
// documents): the number and subject at the right, place and date, the opening formula, VISTOS,
// CONSIDERANDO, DECRETO with its resolutive points (numbered when more than one), the closing
// formula, the signatures side by side — the Secretaría Municipal, ministro de fe, at the left
// and the Alcalde at the right —, the initials line and the DISTRIBUCIÓN; then the manual the
// decree approves, as its annex.
//
// Every page carries a footer with the citation of the decree, the version code of the source
// and "Página x de y". A paragraph is never split across pages unless it is longer than a page,
// and a heading always stays with what follows, so the text reads whole on paper and in text
// extraction.
package decreepdf

import (
	"fmt"
	"strings"

	"github.com/requinoa/pauta/internal/markdown"
	"github.com/requinoa/pauta/internal/pdfdoc"
	"github.com/requinoa/pauta/internal/procedure"
)

// Options chooses how the decree is printed.
type Options struct {
	Draft bool // mark every page "BORRADOR — sin validez"
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
	sigSpace  = 22.0 // blank room above a signatory's name for the handwritten signature
)

// Render returns the decree PDF.
func Render(p *procedure.Procedure, opt Options) ([]byte, error) {
	// Two passes: the first counts the pages so every footer can say "Página x de y".
	d, err := render(p, opt, 0)
	if err != nil {
		return nil, err
	}
	d, err = render(p, opt, d.PageNo())
	if err != nil {
		return nil, err
	}
	return d.Bytes()
}

func render(p *procedure.Procedure, opt Options, pages int) (*pdfdoc.Doc, error) {
	doc := pdfdoc.New(pdfdoc.Options{
		Paper:    pdfdoc.DefaultPaper(),
		Date:     p.Decree.Date,
		Title:    p.Decree.Title() + " — " + p.Decree.Subject,
		Subject:  p.Manual.Title,
		Author:   p.Organization.Name,
		Keywords: "versión " + p.Code,
		Draft:    opt.Draft,
	})
	w := &writer{
		p: p, doc: doc, md: markdown.New(p.Markdown.AllowHTML), pages: pages,
		x0: marginLeft, w: doc.Paper.W - marginLeft - marginRight,
	}
	w.footer = pdfdoc.Footer{Left: []string{
		p.Decree.Citation() + " · " + p.Organization.Name,
		pdfdoc.VersionLine(p.Code),
	}}
	w.newPage()
	w.decree()
	w.annex()
	w.finishPage()
	if err := doc.Error(); err != nil {
		return nil, fmt.Errorf("drawing the decree: %w", err)
	}
	return doc, nil
}

// writer flows text down the pages.
type writer struct {
	p      *procedure.Procedure
	doc    *pdfdoc.Doc
	md     *markdown.Renderer
	pages  int // total, once known
	x0, w  float64
	y      float64
	footer pdfdoc.Footer
}

func lh(size float64) float64 { return pdfdoc.PT(size) * leading }

func (w *writer) bottom() float64 {
	return w.doc.Paper.H - marginBottom - w.footer.Height() - 3
}

func (w *writer) newPage() {
	if w.doc.PageNo() > 0 {
		w.finishPage()
	}
	w.doc.NewPage()
	w.y = marginTop
	if w.doc.PageNo() > 1 {
		// A running head, so a loose sheet still says which act it belongs to.
		w.doc.SetFont(pdfdoc.Font, "", pdfdoc.SmallSize)
		w.doc.Text(w.x0, marginTop-6+pdfdoc.Ascent(pdfdoc.SmallSize), w.p.Organization.Name+" · "+w.p.Decree.Title())
		w.doc.SetLineWidth(0.2)
		w.doc.Line(w.x0, marginTop-1.5, w.x0+w.w, marginTop-1.5)
		w.y = marginTop + 2
	}
}

func (w *writer) finishPage() {
	f := w.footer
	f.Page, f.Pages = w.doc.PageNo(), w.pages
	w.doc.DrawFooter(f, w.x0, w.doc.Paper.H-marginBottom, w.w)
}

// need starts a new page unless h more millimetres fit on this one.
func (w *writer) need(h float64) {
	if w.y+h > w.bottom() {
		w.newPage()
	}
}

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
	w.doc.SetFont(pdfdoc.Font, style, size)
	return &para{style: style, size: size, x: x, wid: wid, lines: w.doc.Wrap(text, wid), justify: justify}
}

func (pa *para) height() float64 { return float64(len(pa.lines)) * lh(pa.size) }

// draw writes the paragraph, keeping it on one page when it fits on one, else breaking it
// between lines. keep is room to reserve after it (for what must stay with it).
func (w *writer) draw(pa *para, keep float64) {
	full := w.bottom() - marginTop - 2
	if pa.height()+keep <= full {
		w.need(pa.height() + keep)
	} else {
		w.need(2 * lh(pa.size))
	}
	for i, l := range pa.lines {
		if w.y+lh(pa.size) > w.bottom() {
			w.newPage()
		}
		w.doc.SetFont(pdfdoc.Font, pa.style, pa.size)
		base := w.y + pdfdoc.Ascent(pa.size)
		if i == 0 && pa.label != "" {
			w.doc.Text(pa.labelX, base, pa.label)
		}
		if pa.justify && i < len(pa.lines)-1 {
			w.doc.Justify(pa.x, base, pa.wid, l)
		} else {
			w.doc.Text(pa.x, base, l)
		}
		w.y += lh(pa.size)
	}
}

// text writes a paragraph of plain text across the column.
func (w *writer) text(s, style string, size float64, justify bool) {
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		w.draw(w.layout(line, style, size, w.x0, w.w, justify), 0)
		w.y += paraGap
	}
}

// plain renders a Markdown text of the source as plain text.
func (w *writer) plain(md procedure.Markdown) string { return w.md.Plain(string(md)) }

// --- the decree -----------------------------------------------------------------------------

func (w *writer) decree() {
	d := &w.p.Decree
	doc := w.doc

	// The issuing body at the top left.
	doc.SetFont(pdfdoc.Font, "B", headSize)
	doc.Text(w.x0, w.y+pdfdoc.Ascent(headSize), strings.ToUpper(w.p.Organization.Name))
	w.y += lh(headSize) + 6

	// Number, subject, place and date in the right half, as the decree book prints them.
	rx := w.x0 + w.w*0.48
	rw := w.x0 + w.w - rx
	for _, pa := range []*para{
		w.layout(d.Title(), "B", titleSize, rx, rw, false),
		w.layout(d.Subject, "B", bodySize, rx, rw, false),
	} {
		w.draw(pa, 0)
		w.y += 1.5
	}
	w.y += 3
	w.draw(w.layout(d.Place+", "+d.Date.Stamp(), "B", bodySize, rx, rw, false), 0)
	w.y += partGap + 2

	w.text(d.Opening, "", bodySize, true)
	w.part("VISTOS:", d.Vistos, false)
	w.part("CONSIDERANDO:", d.Considerando, false)
	w.part("DECRETO:", d.Resolutions, len(d.Resolutions) > 1)
	w.y += 2
	// The closing formula stays with the signatures: a page of signatures alone would not
	// show what was signed.
	closing := w.layout(d.Closing, "B", bodySize, w.x0+indent, w.w-indent, false)
	w.draw(closing, w.signaturesHeight())
	w.signatures()
	if d.Initials != "" {
		w.y += 4
		w.draw(w.layout(d.Initials, "", pdfdoc.SmallSize, w.x0, w.w, false), 0)
	}
	if len(d.Distribution) > 0 {
		w.y += 4
		w.draw(w.layout("DISTRIBUCIÓN:", "B", pdfdoc.SmallSize+1, w.x0, w.w, false), lh(pdfdoc.SmallSize+1))
		for _, item := range d.Distribution {
			pa := w.layout(item, "", pdfdoc.SmallSize+1, w.x0+5, w.w-5, false)
			pa.label, pa.labelX = "-", w.x0+1
			w.draw(pa, 0)
		}
	}
}

// part is VISTOS, CONSIDERANDO or DECRETO: the heading in bold, then its paragraphs indented,
// numbered "1.-" when asked.
func (w *writer) part(heading string, paras []*procedure.Paragraph, numbered bool) {
	w.y += partGap - paraGap
	first := 0.0
	if len(paras) > 0 {
		first = 3 * lh(bodySize)
	}
	w.draw(w.layout(heading, "B", headSize, w.x0, w.w, false), first)
	w.y += 1.5
	for i, pa := range paras {
		for j, line := range strings.Split(w.plain(pa.Text), "\n") {
			if strings.TrimSpace(line) == "" {
				continue
			}
			x := w.x0 + indent
			l := w.layout(line, "", bodySize, x, w.w-indent, true)
			if numbered && j == 0 {
				l.label, l.labelX = fmt.Sprintf("%d.-", i+1), w.x0
			}
			w.draw(l, 0)
			w.y += paraGap
		}
	}
}

func (w *writer) signaturesHeight() float64 {
	rows := (len(w.p.Decree.Signatories) + 1) / 2
	return float64(rows) * (sigSpace + 2*lh(bodySize))
}

// signatures sets the signatories side by side, first at the left, each name in bold over its
// role, centred in its column under room for the handwritten signature.
func (w *writer) signatures() {
	sigs := w.p.Decree.Signatories
	if len(sigs) == 0 {
		return
	}
	cols := min(len(sigs), 2)
	colW := w.w / float64(cols)
	for i := 0; i < len(sigs); i += cols {
		row := sigs[i:min(i+cols, len(sigs))]
		h := sigSpace + 2*lh(bodySize)
		w.need(h)
		w.y += sigSpace
		for k, s := range row {
			cx := w.x0 + colW*(float64(k)+0.5)
			w.doc.SetFont(pdfdoc.Font, "B", bodySize)
			nameW := w.doc.GetStringWidth(s.Name)
			w.doc.SetFont(pdfdoc.Font, "", bodySize)
			lineW := max(nameW, w.doc.GetStringWidth(s.RoleLine()), 55) + 6
			w.doc.SetLineWidth(0.3)
			w.doc.Line(cx-lineW/2, w.y-1, cx+lineW/2, w.y-1)
			w.doc.SetFont(pdfdoc.Font, "B", bodySize)
			w.doc.TextCenter(cx, w.y+pdfdoc.Ascent(bodySize), s.Name)
			w.doc.SetFont(pdfdoc.Font, "", bodySize)
			w.doc.TextCenter(cx, w.y+lh(bodySize)+pdfdoc.Ascent(bodySize), s.RoleLine())
		}
		w.y += 2 * lh(bodySize)
	}
}

// --- the annex ------------------------------------------------------------------------------

// annexJustified: the annex is set ragged right. The decree's own text is justified, as acts
// are; a manual reads as well ragged, and a justified line costs one text object per word
// (fpdf's Type0 fonts ignore word spacing), which made the annex of a long manual most of a
// build's time.
const annexJustified = false

// annex starts on its own page: the manual the decree approves, sections in order with their
// numbered headings, lettered or bulleted items and text.
func (w *writer) annex() {
	w.newPage()
	doc := w.doc
	doc.SetFont(pdfdoc.Font, "B", titleSize)
	doc.TextCenter(w.x0+w.w/2, w.y+pdfdoc.Ascent(titleSize), "ANEXO")
	w.y += lh(titleSize) + 1
	title := w.layout(w.p.Manual.Title, "B", titleSize, w.x0, w.w, false)
	for _, l := range title.lines {
		doc.SetFont(pdfdoc.Font, "B", titleSize)
		doc.TextCenter(w.x0+w.w/2, w.y+pdfdoc.Ascent(titleSize), l)
		w.y += lh(titleSize)
	}
	doc.SetFont(pdfdoc.Font, "", pdfdoc.SmallSize+1)
	doc.TextCenter(w.x0+w.w/2, w.y+1+pdfdoc.Ascent(pdfdoc.SmallSize+1), "Aprobado por "+w.p.Decree.Citation())
	w.y += lh(pdfdoc.SmallSize+1) + partGap + 1
	for _, s := range w.p.Manual.Sections {
		w.section(s)
	}
}

func (w *writer) section(s *procedure.Section) {
	depth := s.Depth - 1
	x := w.x0 + float64(min(depth, 2))*indent*0.6
	size := headSize
	if s.Depth == 1 {
		size = headSize + 1
		w.y += 2
	}
	// A heading stays with the first lines after it.
	heading := s.Heading()
	if s.Number != "" && s.Depth > 1 {
		heading = s.Number + ". " + s.Title
	}
	w.draw(w.layout(heading, "B", size, x, w.x0+w.w-x, false), 3*lh(bodySize))
	w.y += 1.5
	if s.Text != "" {
		for _, line := range strings.Split(w.plain(s.Text), "\n") {
			if strings.TrimSpace(line) == "" {
				continue
			}
			w.draw(w.layout(line, "", bodySize, x, w.x0+w.w-x, annexJustified), 0)
			w.y += paraGap
		}
	}
	for _, it := range s.Items {
		label := "•"
		if it.Marker != "" {
			label = it.Marker + "."
		}
		for j, line := range strings.Split(w.plain(it.Text), "\n") {
			if strings.TrimSpace(line) == "" {
				continue
			}
			pa := w.layout(line, "", bodySize, x+indent*0.7, w.x0+w.w-x-indent*0.7, annexJustified)
			if j == 0 {
				pa.label, pa.labelX = label, x+1
			}
			w.draw(pa, 0)
			w.y += paraGap
		}
	}
	for _, sub := range s.Sections {
		w.section(sub)
	}
	w.y += 1
}
