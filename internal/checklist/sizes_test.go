package checklist_test

import (
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/requinoa/pauta/internal/checklist"
	"github.com/requinoa/pauta/internal/pdfdoc"
	"github.com/requinoa/pauta/internal/pdfdoc/pdftest"
	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/slug"
)

// widget is a form widget as qpdf reads it from the file, in millimetres from the page's
// top-left corner: what these tests measure, independently of the layout's own numbers.
type widget struct {
	Field      string // the field's full name
	Type       string // "/Btn", "/Tx", "/Sig"
	Radio      bool
	Flags      int
	Value      any
	Page       int
	Object     string
	States     []string // names of the normal appearances, e.g. "/Si", "/Off"
	State      string   // /AS
	X, Y, W, H float64
}

func (w widget) String() string {
	return fmt.Sprintf("%s at (%.1f, %.1f) %.1f × %.1f mm", w.Field, w.X, w.Y, w.W, w.H)
}

// widgets reads every widget of the fillable PDF at path with qpdf --json.
func widgets(t *testing.T, path string) []widget {
	t.Helper()
	var doc struct {
		Acroform struct {
			Fields []struct {
				FullName   string `json:"fullname"`
				FieldType  string `json:"fieldtype"`
				Radio      bool   `json:"isradiobutton"`
				FieldFlags int    `json:"fieldflags"`
				Value      any    `json:"value"`
				Page       int    `json:"pageposfrom1"`
				Annotation struct {
					Object string `json:"object"`
					State  string `json:"appearancestate"`
				} `json:"annotation"`
			} `json:"fields"`
		} `json:"acroform"`
		QPDF []json.RawMessage `json:"qpdf"`
	}
	pdftest.QPDFJSON(t, &doc, "--json-key=acroform", "--json-key=qpdf", path)
	if len(doc.QPDF) != 2 {
		t.Fatalf("qpdf JSON of %s: %d parts under \"qpdf\", want 2", path, len(doc.QPDF))
	}
	var objects map[string]struct {
		Value struct {
			Rect []float64 `json:"/Rect"`
			AP   struct {
				N json.RawMessage `json:"/N"` // a dictionary of states, or one reference
			} `json:"/AP"`
		} `json:"value"`
	}
	if err := json.Unmarshal(doc.QPDF[1], &objects); err != nil {
		t.Fatalf("qpdf JSON objects: %v", err)
	}
	height := pdftest.PDFInfo(t, path).Height
	mm := func(pt float64) float64 { return pt * 25.4 / 72 }
	var out []widget
	for _, f := range doc.Acroform.Fields {
		o := objects["obj:"+f.Annotation.Object].Value
		if len(o.Rect) != 4 {
			t.Fatalf("widget %s of %s has no /Rect", f.Annotation.Object, f.FullName)
		}
		w := widget{Field: f.FullName, Type: f.FieldType, Radio: f.Radio, Flags: f.FieldFlags, Value: f.Value,
			Page: f.Page, Object: f.Annotation.Object, State: f.Annotation.State,
			X: mm(o.Rect[0]), Y: mm(height - o.Rect[3]), W: mm(o.Rect[2] - o.Rect[0]), H: mm(o.Rect[3] - o.Rect[1])}
		var states map[string]any
		if json.Unmarshal(o.AP.N, &states) == nil {
			for k := range states {
				w.States = append(w.States, k)
			}
		}
		slices.Sort(w.States)
		out = append(out, w)
	}
	return out
}

// aims are the sizes each paper promises, measured from the file: the form-design
// practice in full, on carta too, where the Requínoa sheet still takes one page: boxes of
// 4.5 mm on a pitch of 6.5 mm, 2 mm between one line's boxes and the next's, 6 mm to write
// under a label's descender line (or beside it), a Firma box of at least 30 × 50 mm beside
// name and cargo lines of 45 mm.
var aims = map[string]aim{
	"carta":  {box: 4.5, pitch: 6.5, gap: 2.0, write: 6.0, sigH: 30, sigW: 50},
	"a4":     {box: 4.5, pitch: 6.5, gap: 2.0, write: 6.0, sigH: 30, sigW: 50},
	"oficio": {box: 4.5, pitch: 6.5, gap: 2.0, write: 6.0, sigH: 30, sigW: 50},
}

type aim struct{ box, pitch, gap, write, sigH, sigW float64 }

const eps = 0.05 // mm: the file stores points to two decimals

// longBaseURL is the address of a manual published as a municipality publishes one, under its
// transparency pages: long enough that the QR code of a version's address is larger than the
// bare version code's.
const longBaseURL = "https://www.municipalidadrequinoa.cl/transparencia/procedimientos/soporte-remoto/"

// sheetCase is a way the same sheet is printed whose footer differs: the sizes hold in each.
type sheetCase struct {
	name    string
	baseURL string // site: base_url:, whose QR code carries the version's address
	opt     checklist.Options
}

// sheetCases are the sheet as printed without a site, with the published site's address in
// its QR code, as a version no longer in force (its notice on every page), and both.
func sheetCases() []sheetCase {
	replaced := pdfdoc.ReplacedNotice("Decreto Alcaldicio N° 3000 del 05-12-2025")
	return []sheetCase{
		{name: "plain", opt: checklist.Options{}},
		{name: "base_url", baseURL: longBaseURL, opt: checklist.Options{VersionPath: "v/2024-2387/"}},
		{name: "replaced", opt: checklist.Options{Replaced: replaced}},
		{name: "both", baseURL: longBaseURL, opt: checklist.Options{VersionPath: "v/2024-2387/", Replaced: replaced}},
	}
}

// renderCase renders the fillable sheet of case c on paper and returns its file's path.
func renderCase(t *testing.T, p *procedure.Procedure, c sheetCase, paper string) string {
	t.Helper()
	q := *p
	q.Site.BaseURL = c.baseURL
	opt := c.opt
	opt.Paper, opt.Fillable = paper, true
	path := pdftest.File(t, paper+".pdf", render(t, &q, opt))
	if paper == "carta" {
		if n := pdftest.PDFInfo(t, path).Pages; n != 1 {
			t.Errorf("the Requínoa sheet takes %d carta pages, want one", n)
		}
	}
	return path
}

// TestEveryCaseSaysWhichVersion: in each case, on every paper, the sheet's one page reads its
// version and the note on printing, a replaced version's notice, and the address of the
// version's manual in letters when the QR code carries one; and zbarimg reads from a 150 dpi
// scan of the page the QR code leading there: the version's folder, or its code.
func TestEveryCaseSaysWhichVersion(t *testing.T) {
	p := load(t)
	for _, paper := range pdfdoc.PaperNames() {
		for _, c := range sheetCases() {
			t.Run(paper+"/"+c.name, func(t *testing.T) {
				path := renderCase(t, p, c, paper)
				text := pdftest.Collapse(pdftest.Text(t, path, "1"))
				want := []string{pdfdoc.VersionLine(p.Code), "Imprimir a tamaño real (100 %), sin ajustar a la página."}
				qr := p.Code
				if c.baseURL != "" {
					qr = c.baseURL + c.opt.VersionPath
					if c.opt.Replaced == "" {
						want = append(want, "Manual de esta versión: "+qr)
					}
				}
				if c.opt.Replaced != "" {
					want = append(want, c.opt.Replaced)
				}
				for _, w := range want {
					if !strings.Contains(text, w) {
						t.Errorf("the page does not read %q", w)
					}
				}
				if got := pdftest.QRCodes(t, path, 1); len(got) != 1 || got[0] != qr {
					t.Errorf("zbarimg reads %q, want %q", got, qr)
				}
			})
		}
	}
}

// TestAnswerBoxesFromThePDF measures the Sí / No / N/A boxes of every line as the file
// draws them (the widgets lie exactly over the printed boxes, as TestFillablePrintsLikeBlank
// and TestWidgetsOverThePrintedBoxes check): their size, the room between one line's boxes,
// and the pitch and gap from one line to the next.
func TestAnswerBoxesFromThePDF(t *testing.T) {
	p := load(t)
	checks := 0
	for _, ph := range p.Checklist.Phases {
		checks += len(ph.Checks)
	}
	for _, paper := range pdfdoc.PaperNames() {
		for _, c := range sheetCases() {
			t.Run(paper+"/"+c.name, func(t *testing.T) {
				answerBoxes(t, renderCase(t, p, c, paper), aims[paper], checks)
			})
		}
	}
}

func answerBoxes(t *testing.T, path string, aim aim, checks int) {
	t.Helper()
	lines := map[string][]widget{}
	for _, w := range widgets(t, path) {
		if strings.HasPrefix(w.Field, "item-") {
			lines[w.Field] = append(lines[w.Field], w)
		}
	}
	if len(lines) != checks {
		t.Fatalf("%d lines with answer boxes, want one per check, %d", len(lines), checks)
	}
	var rows []widget // the Sí box of each line
	for name, ws := range lines {
		sort.Slice(ws, func(i, j int) bool { return ws[i].X < ws[j].X })
		for i, w := range ws {
			if w.W < aim.box-eps || w.H < aim.box-eps {
				t.Errorf("%s: box %.2f × %.2f mm, want at least %.1f mm", name, w.W, w.H, aim.box)
			}
			if i > 0 {
				if gap := w.X - (ws[i-1].X + ws[i-1].W); gap < 2-eps {
					t.Errorf("%s: %.2f mm between two boxes of the line, want at least 2", name, gap)
				}
				if math.Abs(w.Y-ws[0].Y) > eps {
					t.Errorf("%s: the boxes of one line are not level", name)
				}
			}
		}
		rows = append(rows, ws[0])
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Y < rows[j].Y })
	for i := 1; i < len(rows); i++ {
		a, b := rows[i-1], rows[i]
		if pitch := b.Y - a.Y; pitch < aim.pitch-eps {
			t.Errorf("%s → %s: pitch %.2f mm, want at least %.1f", a.Field, b.Field, pitch, aim.pitch)
		}
		if gap := b.Y - (a.Y + a.H); gap < aim.gap-eps {
			t.Errorf("%s → %s: %.2f mm between the lines' boxes, want at least %.1f", a.Field, b.Field, gap, aim.gap)
		}
	}
}

// TestRadioGroupPerLine: in the fillable sheet each line's Sí, No and N/A are the three
// widgets of one radio field, so a viewer lets only one be chosen and a program reading the
// filled form gets one value per line, "Si", "No" or "NA"; choices of a field likewise.
func TestRadioGroupPerLine(t *testing.T) {
	p := load(t)
	for _, opt := range []checklist.Options{{Fillable: true}, {Fillable: true, Copies: 2, FolioStart: 41}} {
		t.Run(fmt.Sprint(opt.Copies), func(t *testing.T) {
			ws := widgets(t, pdftest.File(t, "form.pdf", render(t, p, opt)))
			groups := map[string][]widget{}
			for _, w := range ws {
				if w.Type == "/Btn" {
					groups[w.Field] = append(groups[w.Field], w)
				}
			}
			prefixes := []string{""}
			if opt.Copies == 2 {
				prefixes = []string{"folio0041-", "folio0042-"}
			}
			for _, prefix := range prefixes {
				for _, ph := range p.Checklist.Phases {
					for _, c := range ph.Checks {
						name := prefix + "item-" + p.Checklist.ItemRef(c)
						g := groups[name]
						if len(g) != 3 {
							t.Errorf("%s: %d widgets, want Sí, No and N/A of one field", name, len(g))
							continue
						}
						checkGroup(t, name, g, []string{"/NA", "/No", "/Si"})
					}
					for _, f := range ph.Fields {
						if f.Type != "choice" {
							continue
						}
						g := groups[prefix+f.ID]
						if len(g) != len(f.Options) {
							t.Errorf("%s: %d widgets, want one per option", f.ID, len(g))
							continue
						}
						checkGroup(t, prefix+f.ID, g, nil)
					}
				}
			}
			for name, g := range groups {
				if !g[0].Radio {
					t.Errorf("%s is a checkbox; every button of the sheet belongs to a radio group", name)
				}
			}
		})
	}
}

func checkGroup(t *testing.T, name string, g []widget, want []string) {
	t.Helper()
	var on []string
	objects := map[string]bool{}
	for _, w := range g {
		objects[w.Object] = true
		if !w.Radio || w.Flags&(1<<15) == 0 {
			t.Errorf("%s: not a radio button (flags %d)", name, w.Flags)
		}
		if w.Value != "/Off" || w.State != "/Off" {
			t.Errorf("%s: value %v, state %q; a blank sheet has no answer", name, w.Value, w.State)
		}
		if len(w.States) != 2 || !slices.Contains(w.States, "/Off") {
			t.Errorf("%s: appearances %v, want one on state and /Off", name, w.States)
			continue
		}
		on = append(on, slices.DeleteFunc(slices.Clone(w.States), func(s string) bool { return s == "/Off" })...)
	}
	if len(objects) != len(g) {
		t.Errorf("%s: widgets share objects", name)
	}
	slices.Sort(on)
	if len(slices.Compact(slices.Clone(on))) != len(on) {
		t.Errorf("%s: on states %v are not distinct: choosing one would choose another", name, on)
	}
	if want != nil && !slices.Equal(on, want) {
		t.Errorf("%s: export values %v, want %v", name, on, want)
	}
}

// TestWritingRoom measures, from the file, the room to write: the fields of the grid at the
// top and the written lines of the signatures (Nombre, RUT, …) leave at least the paper's
// aim under their label (label from pdftotext, the foot from the widget); the name and
// cargo lines are 45 mm long or more, beside a Firma box at least the paper's aim high.
func TestWritingRoom(t *testing.T) {
	p := load(t)
	grid := map[string]*procedure.Field{}
	for _, f := range sessionFields(p) {
		grid[f.ID] = f
	}
	for _, paper := range pdfdoc.PaperNames() {
		for _, c := range sheetCases() {
			t.Run(paper+"/"+c.name, func(t *testing.T) {
				writingRoom(t, p, grid, renderCase(t, p, c, paper), aims[paper])
			})
		}
	}
}

func writingRoom(t *testing.T, p *procedure.Procedure, grid map[string]*procedure.Field, path string, aim aim) {
	t.Helper()
	least := math.Inf(1)
	defer func() { t.Logf("least room to write: %.1f mm", least) }()
	words := pdftest.Words(t, path)
	ws := widgets(t, path)
	seen := 0
	for _, w := range ws {
		f := grid[w.Field]
		if f == nil || f.Type == "choice" {
			continue
		}
		seen++
		// The lowest word of the label that lies over the widget's columns and
		// above its foot; for a time written beside its label, the label's word on
		// the widget's band, at its left.
		first := strings.Fields(f.Label)[0]
		labelFoot := -1.0
		beside := false
		for _, wd := range words {
			x, y0, y1 := wd.XMin*25.4/72, wd.YMin*25.4/72, wd.YMax*25.4/72
			if wd.Text != first {
				continue
			}
			if x >= w.X-2 && x <= w.X+w.W && y1 <= w.Y+w.H && y0 >= w.Y-6 {
				labelFoot = max(labelFoot, y1)
			}
			if x < w.X && x > w.X-50 && y0 < w.Y+w.H && y1 > w.Y {
				beside = true
			}
		}
		if labelFoot < 0 && !beside {
			t.Errorf("%s: label %q not found by its field", w, f.Label)
			continue
		}
		// Under the label's box as poppler reports it (its descender line); beside
		// the label, the widget's height.
		room := (w.Y + w.H + 0.3) - labelFoot
		if beside {
			room = w.H + 0.6
		}
		t.Logf("%s: %.1f mm to write", f.ID, room)
		least = min(least, room)
		if room < aim.write-eps {
			t.Errorf("%s: %.1f mm to write under its label, want at least %.1f", w, room, aim.write)
		}
	}
	if want := len(grid) - countChoices(sessionFields(p)); seen != want {
		t.Errorf("found %d grid fields in the PDF, want %d", seen, want)
	}
	for _, s := range p.Checklist.Signatures {
		lines := 0
		for _, w := range ws {
			switch {
			case w.Field == "firma-"+s.ID:
				if w.H < aim.sigH-eps || w.W < aim.sigW-eps {
					t.Errorf("%s: Firma box %.1f × %.1f mm, want at least %.0f × %.0f", w, w.W, w.H, aim.sigW, aim.sigH)
				}
				continue
			case !slices.ContainsFunc(s.Lines, func(l string) bool { return w.Field == s.ID+"-"+slug.Make(l) }):
				continue
			case w.Field == s.ID+"-nombre" || w.Field == s.ID+"-cargo-unidad":
				if w.W < 45-eps {
					t.Errorf("%s: line %.1f mm long, want at least 45", w, w.W)
				}
			}
			// A signature's written line (Nombre, RUT, …): the widget runs from under
			// its label down to the line, the room the hand has.
			lines++
			label := strings.TrimPrefix(w.Field, s.ID+"-")
			foot := labelFoot(words, w, label)
			if foot < 0 {
				t.Errorf("%s: no label over the line", w)
				continue
			}
			room := w.Y + w.H - foot
			t.Logf("%s: %.1f mm to write", w.Field, room)
			least = min(least, room)
			if room < aim.write-eps {
				t.Errorf("%s: %.1f mm to write under its label, want at least %.1f", w, room, aim.write)
			}
		}
		if want := len(s.Lines) - 1; lines != want {
			t.Errorf("%s: %d written lines in the PDF, want %d", s.ID, lines, want)
		}
	}
}

// labelFoot is the foot of the lowest word spelling the first word of a line's label (its
// field name's slug, "cargo-unidad" for «Cargo / unidad») that lies over the widget's
// columns, within 6 mm above its top; -1 if there is none.
func labelFoot(words []pdftest.Word, w widget, slugged string) float64 {
	first := strings.SplitN(slugged, "-", 2)[0]
	foot := -1.0
	for _, wd := range words {
		x, y0, y1 := wd.XMin*25.4/72, wd.YMin*25.4/72, wd.YMax*25.4/72
		if strings.ToLower(wd.Text) == first && x >= w.X-2 && x <= w.X+w.W && y1 <= w.Y+w.H && y0 >= w.Y-6 {
			foot = max(foot, y1)
		}
	}
	return foot
}

func countChoices(fs []*procedure.Field) int {
	n := 0
	for _, f := range fs {
		if f.Type == "choice" {
			n++
		}
	}
	return n
}

// TestLargerPapersLargerRows: oficio and A4 give their extra height to the rows, not only to
// more observation lines: from the top of the grid's first field to the boxes of the last
// check, which the observations follow, their sheet is taller than carta's.
func TestLargerPapersLargerRows(t *testing.T) {
	p := load(t)
	first, last := sessionFields(p)[0].ID, "item-"+p.Checklist.ItemRef(lastCheck(p))
	rows := map[string]float64{}
	for _, paper := range pdfdoc.PaperNames() {
		ws := widgets(t, pdftest.File(t, paper+".pdf", render(t, p, checklist.Options{Paper: paper, Fillable: true})))
		top, bottom := -1.0, -1.0
		for _, w := range ws {
			switch w.Field {
			case first:
				top = w.Y
			case last:
				bottom = w.Y
			}
		}
		if top < 0 || bottom < 0 {
			t.Fatalf("%s: no widget %s or %s", paper, first, last)
		}
		rows[paper] = bottom - top
	}
	t.Logf("from the grid's first field to the last check: %v mm", rows)
	for _, paper := range []string{"a4", "oficio"} {
		if rows[paper] < rows["carta"]+2 {
			t.Errorf("%s: rows take %.1f mm, carta's %.1f: the extra height should make them larger", paper, rows[paper], rows["carta"])
		}
	}
}

func lastCheck(p *procedure.Procedure) *procedure.Check {
	phs := p.Checklist.Phases
	cs := phs[len(phs)-1].Checks
	return cs[len(cs)-1]
}

// TestLongSignatureTitleWraps: a long title of a signature block wraps in the block's column
// of lines, never reaching its Firma box or the word "Firma", on every paper.
func TestLongSignatureTitleWraps(t *testing.T) {
	for _, title := range []string{
		"Jefe de Administración y Finanzas",
		"Jefe del Departamento de Administración y Finanzas de la Municipalidad de Requínoa",
	} {
		p := load(t)
		p.Checklist.Signatures[0].Title = title
		for _, paper := range pdfdoc.PaperNames() {
			t.Run(paper+"/"+title, func(t *testing.T) {
				path := pdftest.File(t, paper+".pdf", render(t, p, checklist.Options{Paper: paper, Fillable: true}))
				// The title fits on the block's line; one twice as long wraps, and may
				// take the sheet onto a second page (check warns of it).
				if n := pdftest.PDFInfo(t, path).Pages; n != 1 && len(title) < 40 {
					t.Errorf("the sheet takes %d pages", n)
				}
				var box widget
				for _, w := range widgets(t, path) {
					if w.Field == "firma-"+p.Checklist.Signatures[0].ID {
						box = w
					}
				}
				if box.W == 0 {
					t.Fatal("no Firma box")
				}
				toMM := func(pt float64) float64 { return pt * 25.4 / 72 }
				words := pdftest.Words(t, path)
				var firma []pdftest.Word
				for _, w := range words {
					if w.Text == "Firma" && toMM(w.XMin) >= box.X-eps && toMM(w.XMax) <= box.X+box.W {
						firma = append(firma, w)
					}
				}
				if len(firma) != 1 {
					t.Fatalf("want one «Firma» label over the box, found %d", len(firma))
				}
				f := firma[0]
				found := 0
				want := strings.Fields(title)
				for _, w := range words {
					// The block's column of lines: left of its box, within its height.
					if !slices.Contains(want, w.Text) || toMM(w.YMin) < box.Y-2 || toMM(w.YMax) > box.Y+box.H ||
						toMM(w.XMin) < box.X-60 || toMM(w.XMin) > box.X+box.W {
						continue
					}
					found++
					if toMM(w.XMax) > box.X+eps {
						t.Errorf("title word %q reaches into the Firma box: it ends at %.1f mm, the box starts at %.1f", w.Text, toMM(w.XMax), box.X)
					}
					if w.XMin < f.XMax && f.XMin < w.XMax && w.YMin < f.YMax && f.YMin < w.YMax {
						t.Errorf("title word %q at (%.0f, %.0f)–(%.0f, %.0f) pt overlaps «Firma» at (%.0f, %.0f)–(%.0f, %.0f)",
							w.Text, w.XMin, w.YMin, w.XMax, w.YMax, f.XMin, f.YMin, f.XMax, f.YMax)
					}
				}
				if found < len(want) {
					t.Errorf("found %d of the title's %d words beside the Firma box", found, len(want))
				}
			})
		}
	}
}

// TestWidgetsOverThePrintedBoxes ties the widgets the size tests measure to the ink of the
// printed sheet: at 200 dpi, the border of every answer widget's rectangle is dark (the
// printed box's stroke) and its middle is white.
func TestWidgetsOverThePrintedBoxes(t *testing.T) {
	p := load(t)
	for _, paper := range pdfdoc.PaperNames() {
		t.Run(paper, func(t *testing.T) {
			path := pdftest.File(t, paper+".pdf", render(t, p, checklist.Options{Paper: paper, Fillable: true}))
			img := decodePNG(t, pdftest.PNG(t, path, 1, 200))
			px := func(mm float64) int { return int(math.Round(mm / 25.4 * 200)) }
			dark := func(x, y float64) bool {
				// The darkest pixel within half a millimetre: the stroke is 0.3 mm wide.
				for dx := -4; dx <= 4; dx++ {
					for dy := -4; dy <= 4; dy++ {
						r, g, b, _ := img.At(px(x)+dx, px(y)+dy).RGBA()
						if r+g+b < 3*0x8000 {
							return true
						}
					}
				}
				return false
			}
			n := 0
			for _, w := range widgets(t, path) {
				if !strings.HasPrefix(w.Field, "item-") {
					continue
				}
				n++
				for _, pt := range [][2]float64{{w.X, w.Y + w.H/2}, {w.X + w.W, w.Y + w.H/2}, {w.X + w.W/2, w.Y}, {w.X + w.W/2, w.Y + w.H}} {
					if !dark(pt[0], pt[1]) {
						t.Errorf("%s: no printed stroke at (%.1f, %.1f) mm on its edge", w, pt[0], pt[1])
					}
				}
				r, g, b, _ := img.At(px(w.X+w.W/2), px(w.Y+w.H/2)).RGBA()
				if r+g+b < 3*0xf000 {
					t.Errorf("%s: its middle is not blank paper", w)
				}
			}
			if n == 0 {
				t.Fatal("no answer widgets")
			}
		})
	}
}

func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}
