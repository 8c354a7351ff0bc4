// Package pdfform adds interactive form fields — text fields, checkboxes, radio groups and
// unsigned signature fields — to a finished PDF written by pdfdoc, which writes none itself.
//
// The fields go in an incremental update appended after the original bytes (PDF 32000-1,
// 7.5.6): new objects for the fields and their appearances, new versions of the catalog (with
// /AcroForm) and of each page that carries a field (with /Annots), and a cross-reference
// section whose trailer points back with /Prev. The original bytes stay untouched, so the
// printed page is exactly the blank one underneath, and a signature applied later by FirmaGob,
// Acrobat or pdfsig is one more update on top.
//
// The reader of the original is deliberately small: it understands the layout pdfdoc writes
// (uncompressed object dictionaries, one classic xref table) and reports an error for anything
// else rather than guessing. Output is deterministic: the same input and fields give the same
// bytes.
package pdfform

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
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

// Add returns pdf with fields appended as an incremental update. pdf must be the complete
// output of pdfdoc.
func Add(pdf []byte, fields []Field) ([]byte, error) {
	if len(fields) == 0 {
		return pdf, nil
	}
	doc, err := read(pdf)
	if err != nil {
		return nil, fmt.Errorf("pdfform: %w", err)
	}
	names := map[string]bool{}
	for i := range fields {
		f := &fields[i]
		f.Name = strings.ReplaceAll(f.Name, ".", "_")
		if f.Name == "" || names[f.Name] {
			return nil, fmt.Errorf("pdfform: field name %q empty or repeated", f.Name)
		}
		names[f.Name] = true
		if f.Page < 1 || f.Page > len(doc.pages) {
			return nil, fmt.Errorf("pdfform: field %q on page %d of %d", f.Name, f.Page, len(doc.pages))
		}
		if f.Kind == Radio {
			if len(f.Options) < 2 {
				return nil, fmt.Errorf("pdfform: radio group %q needs at least two options", f.Name)
			}
			seen := map[string]bool{}
			for _, o := range f.Options {
				if !plainName(o.Value) || o.Value == "Off" || seen[o.Value] {
					return nil, fmt.Errorf("pdfform: radio group %q: export value %q must be letters, digits, - or _, not Off, and unique", f.Name, o.Value)
				}
				seen[o.Value] = true
			}
		}
	}
	w := &writer{out: bytes.NewBuffer(slices.Clip(pdf)), next: doc.size, offsets: map[int]int{}}
	if !bytes.HasSuffix(pdf, []byte("\n")) {
		w.out.WriteByte('\n')
	}

	// Shared appearances: an empty one (what a blank field prints: nothing, so the page below
	// shows through) and the tick of a checked box, drawn as a path so no font is needed.
	helv := w.object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	// One empty appearance serves every field (a viewer scales an appearance's box to the
	// widget's), and one tick serves every checkbox of a size: a batch of hundreds of sheets
	// stays a few objects per field.
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
	annots := map[int][]int{} // page index → widget object numbers
	var refs []int
	for _, f := range fields {
		page := doc.pages[f.Page-1]
		if f.Kind == Radio {
			// The parent takes the next number and its widgets the ones after it, so each
			// widget can point at its parent and the parent list its kids in one pass.
			parent := w.next
			w.next++
			kids := make([]int, len(f.Options))
			for i, o := range f.Options {
				r := toPoints(o.Rect, page.height)
				kids[i] = w.object(fmt.Sprintf("<< /Type /Annot /Subtype /Widget /Parent %d 0 R /Rect [%s %s %s %s] /P %d 0 R /F 4 /AS /Off /MK << >> /AP << /N << /%s %d 0 R /Off %d 0 R >> >> >>",
					parent, num(r[0]), num(r[1]), num(r[2]), num(r[3]), page.num, o.Value, tickFor(r), empty))
			}
			// Ff: Radio (bit 16) and NoToggleToOff (bit 15), as Acrobat makes them; the
			// group starts with no answer, /V /Off.
			w.replace(parent, fmt.Sprintf("<< /FT /Btn /Ff %d /T %s /TU %s /V /Off /Kids [%s] >>",
				1<<15|1<<14, pdfString(f.Name), pdfString(f.Label), refList(kids)))
			refs = append(refs, parent)
			annots[f.Page-1] = append(annots[f.Page-1], kids...)
			continue
		}
		r := toPoints(f.Rect, page.height)
		common := fmt.Sprintf("/Type /Annot /Subtype /Widget /T %s /TU %s /Rect [%s %s %s %s] /P %d 0 R /F 4",
			pdfString(f.Name), pdfString(f.Label), num(r[0]), num(r[1]), num(r[2]), num(r[3]), page.num)
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
			return nil, fmt.Errorf("pdfform: field %q: unknown kind %d", f.Name, f.Kind)
		}
		ref := w.object(dict)
		refs = append(refs, ref)
		annots[f.Page-1] = append(annots[f.Page-1], ref)
	}

	hasSig := slices.ContainsFunc(fields, func(f Field) bool { return f.Kind == Signature })
	sigFlags := ""
	if hasSig {
		sigFlags = " /SigFlags 1" // SignaturesExist: viewers offer to sign
	}
	form := w.object(fmt.Sprintf("<< /Fields [%s]%s /DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv %d 0 R >> >> >>",
		refList(refs), sigFlags, helv))

	for i, page := range doc.pages {
		list, ok := annots[i]
		if !ok {
			continue
		}
		dict, err := withAnnots(page.dict, list)
		if err != nil {
			return nil, fmt.Errorf("pdfform: page %d: %w", i+1, err)
		}
		w.replace(page.num, dict)
	}
	catalog, err := insertBeforeEnd(doc.catalog, fmt.Sprintf("/AcroForm %d 0 R", form))
	if err != nil {
		return nil, fmt.Errorf("pdfform: catalog: %w", err)
	}
	w.replace(doc.root, catalog)
	w.finish(doc)
	return w.out.Bytes(), nil
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

// withAnnots adds widget references to a page dictionary, into its /Annots array when the
// page has one (for links), else as a new entry.
func withAnnots(dict string, refs []int) (string, error) {
	if i := strings.Index(dict, "/Annots ["); i >= 0 {
		at := i + len("/Annots [")
		return dict[:at] + refList(refs) + " " + dict[at:], nil
	}
	if strings.Contains(dict, "/Annots") {
		return "", errors.New("indirect /Annots not supported")
	}
	return insertBeforeEnd(dict, "/Annots ["+refList(refs)+"]")
}

// insertBeforeEnd adds entry to a dictionary, before its closing ">>".
func insertBeforeEnd(dict, entry string) (string, error) {
	d := strings.TrimSpace(dict)
	if !strings.HasPrefix(d, "<<") || !strings.HasSuffix(d, ">>") {
		return "", fmt.Errorf("not a dictionary: %.40q", d)
	}
	return d[:len(d)-2] + "\n" + entry + "\n>>", nil
}

// writer appends objects and the closing cross-reference section.
type writer struct {
	out     *bytes.Buffer
	next    int         // next free object number
	offsets map[int]int // object number → byte offset, for everything written
}

func (w *writer) object(body string) int {
	n := w.next
	w.next++
	w.replace(n, body)
	return n
}

func (w *writer) replace(n int, body string) {
	w.offsets[n] = w.out.Len()
	fmt.Fprintf(w.out, "%d 0 obj\n%s\nendobj\n", n, body)
}

func (w *writer) stream(dict, content string) int {
	return w.object(fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(content), content))
}

func (w *writer) finish(doc *original) {
	nums := make([]int, 0, len(w.offsets))
	for n := range w.offsets {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	xref := w.out.Len()
	w.out.WriteString("xref\n0 1\n0000000000 65535 f \n")
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		fmt.Fprintf(w.out, "%d %d\n", nums[i], j-i+1)
		for k := i; k <= j; k++ {
			fmt.Fprintf(w.out, "%010d 00000 n \n", w.offsets[nums[k]])
		}
		i = j + 1
	}
	info := ""
	if doc.info > 0 {
		info = fmt.Sprintf(" /Info %d 0 R", doc.info)
	}
	fmt.Fprintf(w.out, "trailer\n<< /Size %d /Root %d 0 R%s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n",
		w.next, doc.root, info, doc.xref, xref)
}

// original is what Add needs to know of the document it extends.
type original struct {
	size    int // /Size of the last trailer: the first free object number
	root    int
	info    int
	xref    int // offset of the last xref section
	catalog string
	pages   []page
}

type page struct {
	num    int
	dict   string
	height float64 // points, from the MediaBox
}

// pdfPatterns find the parts of a PDF this package reads. They are compiled when a form is
// first filled, not at every start of pauta.
type pdfPatterns struct {
	startxref, trailer, size, root, info, kids, pages, ref, mediaBox *regexp.Regexp
}

var patterns = sync.OnceValue(func() *pdfPatterns {
	return &pdfPatterns{
		startxref: regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`),
		trailer:   regexp.MustCompile(`(?s)trailer\s*<<(.*?)>>`),
		size:      regexp.MustCompile(`/Size\s+(\d+)`),
		root:      regexp.MustCompile(`/Root\s+(\d+)\s+0\s+R`),
		info:      regexp.MustCompile(`/Info\s+(\d+)\s+0\s+R`),
		kids:      regexp.MustCompile(`/Kids\s*\[([^\]]*)\]`),
		pages:     regexp.MustCompile(`/Pages\s+(\d+)\s+0\s+R`),
		ref:       regexp.MustCompile(`(\d+)\s+0\s+R`),
		mediaBox:  regexp.MustCompile(`/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]`),
	}
})

func read(pdf []byte) (*original, error) {
	m := patterns().startxref.FindSubmatch(pdf)
	if m == nil {
		return nil, errors.New("no startxref at the end: not a complete PDF")
	}
	doc := &original{}
	doc.xref, _ = strconv.Atoi(string(m[1]))
	if doc.xref <= 0 || doc.xref >= len(pdf) || !bytes.HasPrefix(pdf[doc.xref:], []byte("xref")) {
		return nil, errors.New("startxref does not point at a classic xref table")
	}
	offsets, err := xrefTable(pdf[doc.xref:])
	if err != nil {
		return nil, err
	}
	t := patterns().trailer.FindSubmatch(pdf[doc.xref:])
	if t == nil {
		return nil, errors.New("no trailer")
	}
	trailer := string(t[1])
	if strings.Contains(trailer, "/Prev") || strings.Contains(trailer, "/Encrypt") {
		return nil, errors.New("updated or encrypted PDFs are not supported")
	}
	doc.size = atoi(patterns().size.FindStringSubmatch(trailer))
	doc.root = atoi(patterns().root.FindStringSubmatch(trailer))
	doc.info = atoi(patterns().info.FindStringSubmatch(trailer))
	if doc.size == 0 || doc.root == 0 {
		return nil, errors.New("trailer without /Size or /Root")
	}
	obj := func(n int) (string, error) {
		off, ok := offsets[n]
		if !ok {
			return "", fmt.Errorf("object %d not in the xref table", n)
		}
		return objectBody(pdf, off, n)
	}
	if doc.catalog, err = obj(doc.root); err != nil {
		return nil, err
	}
	pm := patterns().pages.FindStringSubmatch(doc.catalog)
	if pm == nil {
		return nil, errors.New("catalog without /Pages")
	}
	pagesDict, err := obj(atoi(pm))
	if err != nil {
		return nil, err
	}
	defaultHeight, _ := mediaBoxHeight(pagesDict)
	kids := patterns().kids.FindStringSubmatch(pagesDict)
	if kids == nil {
		return nil, errors.New("page tree without /Kids")
	}
	for _, r := range patterns().ref.FindAllStringSubmatch(kids[1], -1) {
		n := atoi(r)
		dict, err := obj(n)
		if err != nil {
			return nil, err
		}
		if !strings.Contains(dict, "/Type /Page") || strings.Contains(dict, "/Type /Pages") {
			return nil, fmt.Errorf("object %d is not a page (nested page trees are not supported)", n)
		}
		h, ok := mediaBoxHeight(dict)
		if !ok {
			h = defaultHeight
		}
		if h <= 0 {
			return nil, fmt.Errorf("page object %d has no /MediaBox", n)
		}
		doc.pages = append(doc.pages, page{num: n, dict: dict, height: h})
	}
	return doc, nil
}

func atoi(m []string) int {
	if len(m) < 2 {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func mediaBoxHeight(dict string) (float64, bool) {
	m := patterns().mediaBox.FindStringSubmatch(dict)
	if m == nil {
		return 0, false
	}
	y0, _ := strconv.ParseFloat(m[2], 64)
	y1, _ := strconv.ParseFloat(m[4], 64)
	return y1 - y0, true
}

// xrefTable reads a classic cross-reference table: "xref", then subsections of
// "first count" and 20-byte entries.
func xrefTable(b []byte) (map[int]int, error) {
	lines := strings.Split(string(b), "\n")
	if strings.TrimSpace(lines[0]) != "xref" {
		return nil, errors.New("malformed xref")
	}
	offsets := map[int]int{}
	i := 1
	for i < len(lines) {
		head := strings.Fields(lines[i])
		if len(head) != 2 {
			break // "trailer"
		}
		first, err1 := strconv.Atoi(head[0])
		count, err2 := strconv.Atoi(head[1])
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("malformed xref subsection %q", lines[i])
		}
		i++
		for k := 0; k < count; k++ {
			if i >= len(lines) {
				return nil, errors.New("xref table cut short")
			}
			e := strings.Fields(lines[i])
			i++
			if len(e) != 3 {
				return nil, fmt.Errorf("malformed xref entry %q", lines[i-1])
			}
			if e[2] == "n" {
				off, err := strconv.Atoi(e[0])
				if err != nil {
					return nil, fmt.Errorf("malformed xref entry %q", lines[i-1])
				}
				offsets[first+k] = off
			}
		}
	}
	return offsets, nil
}

// objectBody returns the text between "n 0 obj" and "endobj" of the object at off, which
// must be a dictionary (streams are never needed here).
func objectBody(pdf []byte, off, n int) (string, error) {
	if off < 0 || off >= len(pdf) {
		return "", fmt.Errorf("object %d: offset %d outside the file", n, off)
	}
	head := fmt.Sprintf("%d 0 obj", n)
	rest := pdf[off:]
	if !bytes.HasPrefix(rest, []byte(head)) {
		return "", fmt.Errorf("object %d not found at offset %d", n, off)
	}
	rest = rest[len(head):]
	end := bytes.Index(rest, []byte("endobj"))
	if end < 0 {
		return "", fmt.Errorf("object %d: no endobj", n)
	}
	body := strings.TrimSpace(string(rest[:end]))
	if strings.Contains(body, "stream") {
		return "", fmt.Errorf("object %d is a stream, not a dictionary", n)
	}
	return body, nil
}
