// Package pdfform adds interactive form fields — text fields, checkboxes, radio groups and
// unsigned signature fields — to a PDF as pdfdoc closes it (pdfdoc draws none itself).
//
// The fields, their widgets and appearances are objects of the document itself, numbered in
// its object table and listed in the /Annots of their pages and in the catalogue's
// /AcroForm; nothing is read back from finished bytes. Every appearance of a blank field is
// empty, so the page prints exactly as the one without fields, and a signature applied later
// by FirmaGob, Acrobat or pdfsig is an incremental update on top. Output is deterministic:
// the same document and fields give the same bytes.
package pdfform

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Kind is what a field collects.
type Kind int

const (
	Text      Kind = iota // a line (or box) of typed text
	Checkbox              // on (/Yes) or off (/Off)
	Signature             // an unsigned digital signature field (/FT /Sig)
	// Radio is one answer among several: a parent field whose value is the export value of
	// the chosen option (or /Off while none is), with one widget per option. A viewer turns
	// the others off when one is chosen, so a line cannot read both Sí and No.
	Radio
)

// Option is one button of a radio group.
type Option struct {
	// Value is the export value, written as a PDF name: ASCII letters, digits, "-" and "_", so
	// that every reader of the filled form sees it as spelt here (e.g. "Si", "NA").
	Value string
	Rect  Rect
}

// Rect is a rectangle on the page in millimetres, measured from the page's top-left corner
// as the layout code measures it.
type Rect struct{ X, Y, W, H float64 }

// Field is one form field with a single widget on one page.
type Field struct {
	Name      string   // unique in the document; "." is replaced by "_", as it would nest fields
	Label     string   // what the field is, shown by viewers as a tooltip and read by screen readers
	Kind      Kind     //
	Page      int      // 1-based page number
	Rect      Rect     //
	Multiline bool     // text fields only
	FontSize  float64  // text fields only; 0 is 10 pt
	Options   []Option // radio groups only; Rect is unused
}

// plainName reports whether s can be written as a PDF name as it is: ASCII letters, digits,
// "-" and "_".
func plainName(s string) bool {
	for _, c := range []byte(s) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return s != ""
}

// Document is the PDF Add writes the form into, as it is being closed: pdfdoc.Closing, handed
// over by pdfdoc.Doc.OnClose.
type Document interface {
	Pages() int
	Page(n int) int      // object number of page n, 1-based
	PageHeight() float64 // points, as the /MediaBox says
	Reserve() int        // the next free object number
	Define(n int, body string)
	Annotate(page int, refs ...int)
	Catalog(key, value string)
}

// Add writes fields into doc.
func Add(doc Document, fields []Field) error {
	if len(fields) == 0 {
		return nil
	}
	fields = slices.Clone(fields)
	names := map[string]bool{}
	for i := range fields {
		f := &fields[i]
		f.Name = strings.ReplaceAll(f.Name, ".", "_")
		if f.Name == "" || names[f.Name] {
			return fmt.Errorf("pdfform: field name %q empty or repeated", f.Name)
		}
		names[f.Name] = true
		if f.Page < 1 || f.Page > doc.Pages() {
			return fmt.Errorf("pdfform: field %q on page %d of %d", f.Name, f.Page, doc.Pages())
		}
		if f.Kind == Radio {
			if len(f.Options) < 2 {
				return fmt.Errorf("pdfform: radio group %q needs at least two options", f.Name)
			}
			seen := map[string]bool{}
			for _, o := range f.Options {
				if !plainName(o.Value) || o.Value == "Off" || seen[o.Value] {
					return fmt.Errorf("pdfform: radio group %q: export value %q must be letters, digits, - or _, not Off, and unique", f.Name, o.Value)
				}
				seen[o.Value] = true
			}
		}
	}
	w := writer{doc}
	height := doc.PageHeight()

	helv := helvetica(w)
	// One empty appearance serves every field (a viewer scales an appearance's box to the
	// widget's), and one tick serves every checkbox of a size: a batch of hundreds of sheets
	// stays a few objects per field. The tick is a path, so no font is needed.
	empty := w.stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1]", "")
	ticks := map[[2]string]int{}
	tickFor := func(r [4]float64) int {
		key := [2]string{num(r[2] - r[0]), num(r[3] - r[1])}
		on, ok := ticks[key]
		if !ok {
			on = w.stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 %s %s]", key[0], key[1]),
				tick(r[2]-r[0], r[3]-r[1]))
			ticks[key] = on
		}
		return on
	}
	var refs []int
	for _, f := range fields {
		page := doc.Page(f.Page)
		if f.Kind == Radio {
			// The parent is reserved first, so each widget can point at it and it can list
			// its kids.
			parent := doc.Reserve()
			kids := make([]int, len(f.Options))
			for i, o := range f.Options {
				r := toPoints(o.Rect, height)
				kids[i] = w.object(fmt.Sprintf("<< /Type /Annot /Subtype /Widget /Parent %d 0 R /Rect [%s %s %s %s] /P %d 0 R /F 4 /AS /Off /MK << >> /AP << /N << /%s %d 0 R /Off %d 0 R >> >> >>",
					parent, num(r[0]), num(r[1]), num(r[2]), num(r[3]), page, o.Value, tickFor(r), empty))
			}
			// Ff: Radio (bit 16) and NoToggleToOff (bit 15), as Acrobat makes them; the
			// group starts with no answer, /V /Off.
			doc.Define(parent, fmt.Sprintf("<< /FT /Btn /Ff %d /T %s /TU %s /V /Off /Kids [%s] >>",
				1<<15|1<<14, pdfString(f.Name), pdfString(f.Label), refList(kids)))
			refs = append(refs, parent)
			doc.Annotate(f.Page, kids...)
			continue
		}
		r := toPoints(f.Rect, height)
		common := fmt.Sprintf("/Type /Annot /Subtype /Widget /T %s /TU %s /Rect [%s %s %s %s] /P %d 0 R /F 4",
			pdfString(f.Name), pdfString(f.Label), num(r[0]), num(r[1]), num(r[2]), num(r[3]), page)
		var dict string
		switch f.Kind {
		case Text:
			size := f.FontSize
			if size == 0 {
				size = 10
			}
			flags := 0
			if f.Multiline {
				flags |= 1 << 12
			}
			dict = fmt.Sprintf("<< %s /FT /Tx /Ff %d /DA (/Helv %s Tf 0 g) /AP << /N %d 0 R >> >>",
				common, flags, num(size), empty)
		case Checkbox:
			dict = fmt.Sprintf("<< %s /FT /Btn /V /Off /AS /Off /AP << /N << /Yes %d 0 R /Off %d 0 R >> >> >>",
				common, tickFor(r), empty)
		case Signature:
			dict = fmt.Sprintf("<< %s /FT /Sig /AP << /N %d 0 R >> >>", common, empty)
		default:
			return fmt.Errorf("pdfform: field %q: unknown kind %d", f.Name, f.Kind)
		}
		ref := w.object(dict)
		refs = append(refs, ref)
		doc.Annotate(f.Page, ref)
	}

	hasSig := slices.ContainsFunc(fields, func(f Field) bool { return f.Kind == Signature })
	sigFlags := ""
	if hasSig {
		sigFlags = " /SigFlags 1" // SignaturesExist: viewers offer to sign
	}
	form := w.object(fmt.Sprintf("<< /Fields [%s]%s /DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv %d 0 R >> >> >>",
		refList(refs), sigFlags, helv))
	doc.Catalog("AcroForm", fmt.Sprintf("%d 0 R", form))
	return nil
}

// tick is a check mark filling the middle of a w × h box, as a stroked path.
func tick(w, h float64) string {
	s := min(w, h)
	ox, oy := (w-s)/2, (h-s)/2
	p := func(fx, fy float64) string { return num(ox+fx*s) + " " + num(oy+fy*s) }
	return fmt.Sprintf("q 0 G %s w 1 J 1 j %s m %s l %s l S Q", num(s*0.12), p(0.2, 0.52), p(0.42, 0.25), p(0.82, 0.8))
}

func toPoints(r Rect, pageHeight float64) [4]float64 {
	k := 72 / 25.4
	return [4]float64{r.X * k, pageHeight - (r.Y+r.H)*k, (r.X + r.W) * k, pageHeight - r.Y*k}
}

// num prints a number the way PDF wants it: no exponent, at most two decimals.
func num(f float64) string {
	s := strconv.FormatFloat(f, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}

func refList(refs []int) string {
	parts := make([]string, len(refs))
	for i, r := range refs {
		parts[i] = fmt.Sprintf("%d 0 R", r)
	}
	return strings.Join(parts, " ")
}

// pdfString writes s as a PDF text string: plain ASCII as a literal, anything else as
// UTF-16BE with a byte order mark, which every reader decodes.
func pdfString(s string) string {
	ascii := true
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		var b strings.Builder
		b.WriteByte('(')
		for i := 0; i < len(s); i++ {
			if c := s[i]; c == '\\' || c == '(' || c == ')' {
				b.WriteByte('\\')
			}
			b.WriteByte(s[i])
		}
		b.WriteByte(')')
		return b.String()
	}
	const hex = "0123456789ABCDEF"
	units := utf16.Encode([]rune(s))
	b := make([]byte, 0, 6+4*len(units))
	b = append(b, "<FEFF"...)
	for _, u := range units {
		b = append(b, hex[u>>12], hex[u>>8&15], hex[u>>4&15], hex[u&15])
	}
	return string(append(b, '>'))
}

// writer writes the objects of the form into the document.
type writer struct{ doc Document }

func (w writer) object(body string) int {
	n := w.doc.Reserve()
	w.doc.Define(n, body)
	return n
}

func (w writer) stream(dict, content string) int {
	return w.object(fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(content), content))
}
