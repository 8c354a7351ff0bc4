package pdfdoc

// Flow lays blocks down the pages of a document, one after another, starting a new page when
// the next block does not fit: the shared engine of the decree and the comparison, which read
// as running text. Every page gets the footer; pages after the first a running head, so a
// loose sheet still says what it belongs to.
type Flow struct {
	Doc    *Doc
	X0, W  float64 // the text column, mm
	Y      float64 // where the next block starts
	Top    float64 // top margin
	Bottom float64 // bottom margin, below the footer
	Gap    float64 // room kept free above the footer's rule
	Footer Footer  // Page and Pages are filled in per page
	// Head is the running head of pages after the first, set in SmallSize.
	Head func() string
}

// Limit is the lowest y a block may reach on this page.
func (f *Flow) Limit() float64 {
	return f.Doc.Paper.H - f.Bottom - f.Footer.Height() - f.Gap
}

// NewPage finishes the current page, if any, and starts the next one.
func (f *Flow) NewPage() {
	if f.Doc.PageNo() > 0 {
		f.FinishPage()
	}
	f.Doc.NewPage()
	f.Y = f.Top
	if f.Doc.PageNo() > 1 && f.Head != nil {
		f.Doc.SetFont(Font, "", SmallSize)
		f.Doc.Text(f.X0, f.Top-6+Ascent(SmallSize), f.Head())
		f.Doc.SetLineWidth(0.2)
		f.Doc.Line(f.X0, f.Top-1.5, f.X0+f.W, f.Top-1.5)
		f.Y = f.Top + 2
	}
}

// FinishPage draws the footer of the current page. The total page count is filled in when
// the document is written (Options.CountPages), so the text is laid out once.
func (f *Flow) FinishPage() {
	ft := f.Footer
	ft.Page, ft.Pages = f.Doc.PageNo(), 0
	f.Doc.DrawFooter(ft, f.X0, f.Doc.Paper.H-f.Bottom, f.W)
}

// Need starts a new page unless h more millimetres fit on this one.
func (f *Flow) Need(h float64) {
	if f.Y+h > f.Limit() {
		f.NewPage()
	}
}
