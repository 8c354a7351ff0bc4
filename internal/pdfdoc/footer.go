package pdfdoc

import "fmt"

// SmallSize is the smallest type pauta prints, in points: below 9 pt a form photocopied twice
// stops being readable (Degani, On the Typography of Flight-Deck Documentation, 1992).
const SmallSize = 9.0

// LineHeight is the distance between baselines of text set at size points, mm.
func LineHeight(size float64) float64 { return PT(size) * 1.3 }

// Footer is the band at the bottom of every page: who and which version at the left, the
// page number and an optional QR code at the right.
type Footer struct {
	// Notice, when set, is a first line in bold above Left, e.g. that the document is no
	// longer in force: in black type on every page, where a copier keeps it.
	Notice string
	Left   []string // lines at the left, top to bottom
	// After, when set, follows the first of Left on its line, in regular type after " · ":
	// a short line joined to the one above it, so that the band takes a line less.
	After     string
	Page      int
	Pages     int    // 0 with Options.CountPages: filled in when the document is written
	QR        *QR    // optional; drawn at the bottom-right corner of the band
	QRCaption string // printed beside the QR, under the page number
}

// footerGap is the space between the rule and the first line, and between the rule and the
// QR, which needs its quiet zone clear of the rule.
func (f Footer) gap() float64 {
	g := 1.5
	if f.QR != nil {
		g = max(g, QRQuiet*f.QR.Module+0.3)
	}
	return g
}

// Height is the band's height from its rule to the lowest ink, mm.
func (f Footer) Height() float64 {
	lh := LineHeight(SmallSize)
	rows := max(len(f.lines()), 2)
	h := float64(rows) * lh
	if f.QR != nil && f.QR.Size() > h {
		h = f.QR.Size()
	}
	return f.gap() + h
}

func (f Footer) lines() []string {
	if f.Notice == "" {
		return f.Left
	}
	return append([]string{f.Notice}, f.Left...)
}

// DrawFooter draws the band between x and x+w with its lowest ink at bottom.
func (d *Doc) DrawFooter(f Footer, x, bottom, w float64) {
	top := bottom - f.Height()
	d.SetLineWidth(0.3)
	d.Line(x, top, x+w, top)
	lh := LineHeight(SmallSize)
	right := x + w
	if f.QR != nil {
		f.QR.Draw(d, right-f.QR.Size(), bottom-f.QR.Size())
		right -= f.QR.Size() + QRQuiet*f.QR.Module
	}
	y := top + f.gap()
	base := Ascent(SmallSize)
	for i, line := range f.lines() {
		style := ""
		// The notice and the first of Left in bold.
		if i == 0 || i == 1 && f.Notice != "" {
			style = "B"
		}
		if i == 0 && d.Draft {
			// Also in black type: the grey mark under the page may not survive a copier.
			line = DraftText + " · " + line
		}
		d.SetFont(Font, style, SmallSize)
		d.Text(x, y+float64(i)*lh+base, line)
		if f.After != "" && (i == 0 && f.Notice == "" || i == 1 && f.Notice != "") {
			at := x + d.GetStringWidth(line)
			d.SetFont(Font, "", SmallSize)
			d.Text(at, y+float64(i)*lh+base, " · "+f.After)
		}
	}
	switch {
	case f.Pages > 0:
		d.SetFont(Font, "B", SmallSize)
		s := PageOf(f.Page, f.Pages)
		d.Text(right-d.GetStringWidth(s), y+base, s)
	case d.countPages && f.Page > 0:
		// The total is not known yet: room for three digits, the text starting at its left.
		d.SetFont(Font, "B", SmallSize)
		at := right - d.GetStringWidth(PageOf(f.Page, 999))
		d.Text(at, y+base, fmt.Sprintf("Página %d de %s", f.Page, pagesAlias))
	}
	if f.QRCaption != "" {
		d.SetFont(Font, "", SmallSize)
		d.Text(right-d.GetStringWidth(f.QRCaption), y+lh+base, f.QRCaption)
	}
}
