package pdfdoc

import (
	"fmt"
	"strconv"
)

// Closing is a document as Close writes its last objects, handed to the functions given to
// OnClose so that a later stage (pdfform, for the interactive form) adds objects of its own,
// annotations on pages and entries in the catalogue. Its objects take numbers in the
// document's own object table and go in its one cross-reference table: the result is one
// plain PDF, not an update over finished bytes that would have to be read back.
type Closing struct {
	w       *pdfWriter
	pages   []int // object number of each page, reserved: pages are written after the hooks
	first   int   // the first object number the hooks may define: those before are Close's
	height  float64
	annots  [][]int // per page, the annotations to list in its /Annots
	catalog []string
	keys    map[string]bool
	err     error
}

// OnClose has f called as the document is closed, after the pages are drawn and before the
// page objects and the catalogue are written; an error from f is Close's error.
func (d *Doc) OnClose(f func(*Closing) error) { d.onClose = append(d.onClose, f) }

// Pages is the number of pages.
func (c *Closing) Pages() int { return len(c.pages) }

// Page is the object number of page n, 1-based (0 when there is no such page), for an
// annotation's /P.
func (c *Closing) Page(n int) int {
	if n < 1 || n > len(c.pages) {
		return 0
	}
	return c.pages[n-1]
}

// PageHeight is the height of every page in points, as its /MediaBox says: what a
// rectangle's y is measured from.
func (c *Closing) PageHeight() float64 { return c.height }

// Reserve takes the next object number, for an object written later with Define: objects
// that point at each other (a field and its widgets) need each other's numbers first.
func (c *Closing) Reserve() int { return c.w.reserve() }

// Define writes object n, reserved with Reserve: body is a dictionary, or a dictionary
// followed by its stream.
func (c *Closing) Define(n int, body string) {
	if n < c.first || n >= len(c.w.offsets) || c.w.offsets[n] != 0 {
		c.fail(fmt.Errorf("object %d was not reserved, or is already written", n))
		return
	}
	c.w.define(n, body)
}

// Annotate lists annotations (widgets of form fields) in the /Annots of page n, 1-based.
func (c *Closing) Annotate(page int, refs ...int) {
	if page < 1 || page > len(c.pages) {
		c.fail(fmt.Errorf("annotation on page %d of %d", page, len(c.pages)))
		return
	}
	c.annots[page-1] = append(c.annots[page-1], refs...)
}

// Catalog adds the entry /key value to the catalogue (e.g. "AcroForm", "12 0 R").
func (c *Closing) Catalog(key, value string) {
	if c.keys[key] {
		c.fail(fmt.Errorf("catalogue entry /%s written twice", key))
		return
	}
	c.keys[key] = true
	c.catalog = append(c.catalog, " /"+key+" "+value)
}

func (c *Closing) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

// closing runs the OnClose hooks, with the pages' object numbers reserved.
func (d *Doc) closing(pages []int) (*Closing, error) {
	h, err := strconv.ParseFloat(string(num(nil, d.Paper.H*ptPerMM)), 64)
	if err != nil {
		return nil, err
	}
	c := &Closing{w: d.w, pages: pages, first: len(d.w.offsets), height: h,
		annots: make([][]int, len(pages)), keys: map[string]bool{}}
	// The entries Close writes itself; a hook may not write them again.
	for _, k := range []string{"Type", "Pages", "Lang", "PageLayout", "OpenAction", "ViewerPreferences"} {
		c.keys[k] = true
	}
	for _, f := range d.onClose {
		if err := f(c); err != nil {
			return nil, err
		}
		if c.err != nil {
			return nil, c.err
		}
	}
	// A reserved number left unwritten would be a cross-reference entry pointing at byte 0.
	for n := c.first; n < len(d.w.offsets); n++ {
		if d.w.offsets[n] == 0 {
			return nil, fmt.Errorf("object %d reserved but never written", n)
		}
	}
	return c, nil
}
