// Package pdfdoc holds what every PDF pauta prints shares: the embedded font, the paper sizes
// used in Chilean offices, fixed document dates so the same source gives the same bytes, a
// footer with the version code and page numbers, QR codes drawn as vectors, the
// "BORRADOR — sin validez" mark of a draft, and the PDF writer they all draw with.
//
// Coordinates are millimetres from the top-left corner of the page.
package pdfdoc

import (
	_ "embed"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/requinoa/pauta/internal/procedure"
)

// Font is the family name under which the vendored font is registered: Noto Sans, regular ("")
// and bold ("B"). It covers Spanish and the punctuation of official texts (« » ° — · ¿ ¡).
const Font = "NotoSans"

// The font files are vendored, not read from the system, so a PDF looks the same whoever
// builds it; fonts/OFL.txt is their licence and travels with them.
var (
	//go:embed fonts/NotoSans-Regular.ttf
	fontRegular []byte
	//go:embed fonts/NotoSans-Bold.ttf
	fontBold []byte
)

// Paper is a sheet size, portrait, in millimetres.
type Paper struct {
	Name string // as the command line spells it: "carta", "oficio", "a4"
	W, H float64
}

// papers are the sheet sizes used in Chilean offices, the default first. Carta is US letter
// (8.5 × 11 in). Oficio is 216 × 330 mm: US legal (8.5 × 14 in) is longer and would
// move everything printed near the bottom edge off the sheet.
func papers() []Paper {
	return []Paper{
		{Name: "carta", W: 215.9, H: 279.4},
		{Name: "oficio", W: 216, H: 330},
		{Name: "a4", W: 210, H: 297},
	}
}

// PaperNames lists the accepted paper names, default first, for help texts.
func PaperNames() []string {
	var names []string
	for _, p := range papers() {
		names = append(names, p.Name)
	}
	return names
}

// DefaultPaper is carta, the size most Chilean municipal printers are loaded with.
func DefaultPaper() Paper { return papers()[0] }

// PaperByName returns the paper called name ("carta", "oficio", "a4"); "" is carta.
func PaperByName(name string) (Paper, error) {
	key := strings.ToLower(strings.TrimSpace(name))
	if key == "" {
		return DefaultPaper(), nil
	}
	for _, p := range papers() {
		if p.Name == key {
			return p, nil
		}
	}
	return Paper{}, fmt.Errorf("papel %q desconocido: use %s", name, strings.Join(PaperNames(), ", "))
}

// Options configures a new document.
type Options struct {
	Paper    Paper          // zero is carta
	Date     procedure.Date // the document's creation and modification date: the decree's date
	Title    string
	Subject  string
	Author   string
	Keywords string
	Draft    bool // mark every page "BORRADOR — sin validez"
	// Mark, when set and not a draft, is written large across every page, as the draft mark
	// is: "NO VIGENTE" on the papers of a replaced version.
	Mark string
	// Out, when set, receives the PDF as it is written (pages as they are finished); finish
	// with Close. Otherwise Bytes returns it.
	Out io.Writer
	// CountPages lets footers print "Página x de y" before y is known: the total is filled in
	// when the document is written, so a flowing document is laid out once, not twice.
	CountPages bool
}

// Doc is a PDF being drawn: pages of text, lines and rectangles in the vendored font,
// written with pauta's own small PDF writer (see writer.go) rather than a general PDF library,
// because a decree with a long manual annexed runs to hundreds of pages and the writer is most
// of a build's time.
type Doc struct {
	Paper      Paper
	Draft      bool
	mark       string
	countPages bool
	info       info

	regular, bold *face
	enc           [2]*encoding // per face (regular, bold): the codes of the glyphs drawn

	font      *face
	fontSize  float64 // points
	lineWidth float64 // mm
	textRGB   [3]int
	fillRGB   [3]int

	out   io.Writer
	w     *pdfWriter // the file so far: pages are written out as they are finished
	spare []byte     // a written page's content buffer, for the next page
	pages []*page
	cur   *page
	err   error

	onClose []func(*Closing) error
}

// New returns an empty document with fixed dates, so the same input gives the same bytes.
// Callers lay out every line themselves: there are no margins or automatic page breaks.
func New(opt Options) *Doc {
	paper := opt.Paper
	if paper.W == 0 {
		paper = DefaultPaper()
	}
	// A fixed date, never time.Now: noon keeps the same calendar day in every time zone a
	// reader in Chile or nearby may use.
	d := opt.Date
	if d.IsZero() {
		d = procedure.Date{Year: 2000, Month: time.January, Day: 1}
	}
	fonts, err := vendoredFaces()
	doc := &Doc{
		Paper: paper, Draft: opt.Draft, mark: opt.Mark, countPages: opt.CountPages, out: opt.Out,
		info: info{title: opt.Title, subject: opt.Subject, author: opt.Author, keywords: opt.Keywords,
			date: time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)},
		fontSize:  10,
		lineWidth: 0.2,
		err:       err,
	}
	if err == nil {
		doc.regular, doc.bold = fonts.regular, fonts.bold
		doc.font = doc.regular
	}
	return doc
}

// NewPage starts a page and, for a draft or a marked document, lays the mark under
// everything that follows.
func (d *Doc) NewPage() {
	d.AddPage()
	switch {
	case d.Draft:
		d.bigMark(DraftText)
	case d.mark != "":
		d.bigMark(d.mark)
	}
}

// ReplacedMark is written across every page of a version no longer in force.
const ReplacedMark = "NO VIGENTE"

// ReplacedNotice is the line every page of a replaced version carries; by is the citation of
// the decree that replaced it.
func ReplacedNotice(by string) string { return "NO VIGENTE — reemplazada por el " + by }

// DraftText is the mark a draft carries on every page.
const DraftText = "BORRADOR — sin validez"

// bigMark writes text large and diagonal across the page, in light grey under the content:
// the words, not the grey, say it is a draft (or no longer in force), and the form stays
// readable.
func (d *Doc) bigMark(text string) {
	size := 54.0
	d.SetFont(Font, "B", size)
	w := d.GetStringWidth(text)
	cx, cy := d.Paper.W/2, d.Paper.H/2
	d.TransformBegin()
	d.TransformRotate(55, cx, cy)
	d.SetTextColor(200, 200, 200)
	d.Text(cx-w/2, cy+size*0.35/2.83, text)
	d.SetTextColor(0, 0, 0)
	d.TransformEnd()
}

// PT converts points to millimetres.
func PT(pt float64) float64 { return pt * 25.4 / 72 }

// PageOf is how every PDF numbers its pages: "Página 2 de 3".
func PageOf(page, pages int) string { return fmt.Sprintf("Página %d de %d", page, pages) }

// VersionLine names the version code as the site prints it.
func VersionLine(code string) string { return "Versión " + code }
