// Package checklist renders the blank session checklist of a procedure as a PDF: the sheet a
// technician fills in by hand (or on screen, when fillable) for every session and signs with
// the end user, kept as the record of the session.
//
// The sheet follows the practice of good normal checklists (Degani & Wiener, NASA CR-177549;
// Degani, NASA CR-177605; the WHO Surgical Safety Checklist; Gawande): the model's phases are
// pause points printed in the order of the work, each titled with when to stop and read it;
// their items keep the task order of the manual, each with Sí / No / N/A boxes and the step it
// comes from; the session data the procedure names sits in a grid at the top; observations
// and the two signature blocks close the sheet. Type is at least 9 pt, black on white, and
// nothing is carried by colour.
//
// Every page repeats the header (municipality, title, approving decree, form code and folio,
// and a QR code in its top-right corner) and carries a footer with the version code,
// "Página x de y", the note to print at 100 % and, when it fits, the address the QR code
// carries in letters. The QR code carries the site's address of the manual of this version,
// its folder (Site.BaseURL + "v/<id>/", which the web server answers with the folder's
// index.html: ten characters fewer to encode), or, without a base URL, the bare version code
// (e.g. "EED8-9A45"), which the site's version search accepts as typed. A version no longer
// in force says so in the footer's first line.
//
// Each item is numbered with its phase's letter, "A5", as the manual's pages number it too,
// and cites the steps it comes from as the manual's headings name them ("paso 3b",
// "Req. 2, paso 4b"); a citation every item of a phase shares is printed once, by the
// phase's title. The sizes grow with the paper (see size in layout.go): oficio and A4 get
// larger rows, not only more observation lines.
//
// The fillable sheet's fields, for a program reading a filled form: each item is one radio
// group named "item-" + its number ("item-A5"), valued /Si, /No, /NA, or /Off while
// unanswered; a choice field is a radio group named by its id, valued by its options' slugs
// ("visita-presencial"); a text field is named by its id, a signature block's lines
// "<block id>-<line slug>" ("tecnico-cargo-unidad"), its signature field "firma-<block id>".
// In a file of several copies every name starts with the copy's folio, "folio0041-", or,
// without folios, its number, "copia02-".
//
// A long procedure flows onto further pages; a block (a check, a row of fields, the
// signatures) is never split, a phase heading never ends a page, and a phase that goes on
// repeats its heading marked "(continuación)".
package checklist

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/requinoa/pauta/internal/pdfdoc"
	"github.com/requinoa/pauta/internal/pdfform"
	"github.com/requinoa/pauta/internal/procedure"
)

// Options chooses how the checklist is printed.
type Options struct {
	Paper      string // "carta" (default), "oficio" or "a4"
	Copies     int    // how many checklists to print; 0 is one
	FolioStart int    // folio of the first copy, the next ones counting up; 0 prints a blank folio to number by hand
	Fillable   bool   // add form fields and unsigned signature fields
	Draft      bool   // mark every page "BORRADOR — sin validez"
	// Replaced, for a version no longer in force, is the notice every page carries, e.g.
	// "NO VIGENTE — reemplazada por el Decreto Alcaldicio N° 11 del 01-06-2025", with
	// "NO VIGENTE" across the page; the version code stays the version's own.
	Replaced string
	// VersionPath is the folder of this version under the site's base URL, e.g.
	// "v/2024-2387/", so the QR code of a published version keeps leading to that version's
	// own pages (which say whether it is still in force) after a newer one replaces it.
	VersionPath string
}

// MaxCopies bounds a batch so a mistyped --copies cannot fill the disk.
const MaxCopies = 10000

// MaxFolio is the highest folio a sheet can carry. Nine digits are more than any office
// numbers by hand and sit inside the header's folio box with room to spare on every paper (a
// test measures it on the page); a larger folio would run out of the box and off the sheet.
const MaxFolio = 999_999_999

// QRText is what the checklist's QR code carries: the address of the manual of this version,
// its folder, or the version code when the source names no base URL.
func QRText(p *procedure.Procedure, versionPath string) string {
	if p.Site.BaseURL != "" {
		return p.Site.BaseURL + versionPath
	}
	return p.Code
}

// Render returns the checklist PDF.
func Render(p *procedure.Procedure, opt Options) ([]byte, error) {
	var buf bytes.Buffer
	if err := Write(&buf, p, opt, nil); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Write writes the checklist PDF to w. progress, when not nil, is called after each copy is
// laid out with the number done and the total, and once more when the file is complete.
func Write(w io.Writer, p *procedure.Procedure, opt Options, progress func(done, total int)) error {
	paper, err := pdfdoc.PaperByName(opt.Paper)
	if err != nil {
		return err
	}
	copies := opt.Copies
	if copies == 0 {
		copies = 1
	}
	if copies < 0 || copies > MaxCopies {
		return fmt.Errorf("número de copias %d fuera de rango: use de 1 a %d", opt.Copies, MaxCopies)
	}
	if opt.FolioStart < 0 {
		return fmt.Errorf("folio inicial %d no válido: use un número mayor que cero", opt.FolioStart)
	}
	if opt.FolioStart > MaxFolio-(copies-1) {
		return fmt.Errorf("folio inicial %d fuera de rango: el último folio del lote debe caber en %d cifras; use a lo más %d", opt.FolioStart, len(fmt.Sprint(MaxFolio)), MaxFolio-(copies-1))
	}
	if len(p.Checklist.Phases) == 0 {
		return errors.New("the procedure has no checklist phases")
	}

	mark := ""
	if opt.Replaced != "" {
		mark = pdfdoc.ReplacedMark
	}
	doc := pdfdoc.New(pdfdoc.Options{
		Paper:    paper,
		Date:     p.Decree.Date,
		Title:    p.Checklist.Code + " " + p.Checklist.Title,
		Subject:  approval(p, opt.Draft),
		Author:   p.Organization.Name,
		Keywords: "versión " + p.Code,
		Draft:    opt.Draft,
		Mark:     mark,
	})
	r, err := newRenderer(p, doc, QRText(p, opt.VersionPath), opt)
	if err != nil {
		return err
	}
	pages, err := r.paginate()
	if err != nil {
		return err
	}
	lastFolio := 0
	if opt.FolioStart > 0 {
		lastFolio = opt.FolioStart + copies - 1
	}
	for c := 0; c < copies; c++ {
		cp := sheet{folio: 0, digits: folioDigits(lastFolio)}
		if opt.FolioStart > 0 {
			cp.folio = opt.FolioStart + c
		}
		// Field names must be unique in the file; the folio (or the copy) keeps each
		// sheet's answers apart. A single sheet with a folio carries it too, so pauta
		// registro reads the folio of a filled sheet from its fields.
		if copies > 1 || cp.folio > 0 {
			if cp.folio > 0 {
				cp.prefix = fmt.Sprintf("folio%0*d-", cp.digits, cp.folio)
			} else {
				cp.prefix = fmt.Sprintf("copia%0*d-", folioDigits(copies), c+1)
			}
		}
		r.drawCopy(pages, cp)
		if err := doc.Error(); err != nil {
			return fmt.Errorf("drawing the checklist: %w", err)
		}
		if progress != nil {
			progress(c+1, copies)
		}
	}
	if opt.Fillable {
		// The fields are complete once every copy is drawn; they go into the document as
		// it is closed, objects of its own.
		doc.OnClose(func(c *pdfdoc.Closing) error {
			if err := pdfform.Add(c, r.fields); err != nil {
				return fmt.Errorf("adding form fields: %w", err)
			}
			return nil
		})
	}
	out, err := doc.Bytes()
	if err != nil {
		return err
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("writing the checklist: %w", err)
	}
	return nil
}

// approval is the line under the title: which decree approved the text, or, for a draft, that
// nothing has approved it yet (the decree in procedure.yaml is only the one being prepared).
func approval(p *procedure.Procedure, draft bool) string {
	if draft {
		return "Borrador en preparación: ningún decreto lo ha aprobado todavía"
	}
	return "Procedimiento aprobado por " + p.Decree.Citation()
}

// folioDigits is how many digits a folio is printed with: enough for the last one, at least
// four, so a batch's sheets all look alike.
func folioDigits(last int) int {
	return max(4, len(fmt.Sprint(last)))
}

// sheet is what changes from one copy to the next.
type sheet struct {
	folio  int // 0: blank, to number by hand
	digits int
	prefix string // form field name prefix
}
