package pdfdoc_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/requinoa/pauta/internal/pdfdoc"
	"github.com/requinoa/pauta/internal/pdfdoc/pdftest"
)

// counted draws pages with a "Página x de y" footer, whose total is written as the document
// is closed, alongside whatever OnClose adds.
func counted(pages int, hooks ...func(*pdfdoc.Closing) error) ([]byte, error) {
	d := pdfdoc.New(pdfdoc.Options{Paper: pdfdoc.Paper{Name: "oficio", W: 216, H: 330}, CountPages: true})
	for i := 1; i <= pages; i++ {
		d.NewPage()
		d.SetFont(pdfdoc.Font, "", 10)
		d.Text(20, 30, fmt.Sprintf("Página %d de {pauta:paginas}", i))
	}
	for _, h := range hooks {
		d.OnClose(h)
	}
	return d.Bytes()
}

// TestOnCloseAddsToTheDocument adds a note on page 2 and a catalogue entry as the document
// is closed, and reads them back with qpdf: the note is in page 2's /Annots and points at
// page 2, the catalogue has the entry, the page height is the /MediaBox's, and the pages
// still count themselves. pdfcpu (strict) and qpdf --check find the file sound.
func TestOnCloseAddsToTheDocument(t *testing.T) {
	var pageObj, note int
	var height float64
	out, err := counted(3, func(c *pdfdoc.Closing) error {
		if c.Pages() != 3 {
			return fmt.Errorf("Pages() = %d, want 3", c.Pages())
		}
		pageObj, height = c.Page(2), c.PageHeight()
		note = c.Reserve()
		c.Define(note, fmt.Sprintf("<< /Type /Annot /Subtype /Text /Rect [50 700 70 720] /P %d 0 R /Contents (nota) >>", pageObj))
		c.Annotate(2, note)
		c.Catalog("PageMode", "/UseNone")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	path := pdftest.File(t, "closing.pdf", out)
	pdftest.QPDFCheck(t, path)
	if info := pdftest.PDFInfo(t, path); info.Height != height {
		t.Errorf("PageHeight() = %v, pdfinfo says %v", height, info.Height)
	}
	if text := pdftest.Text(t, path, "3"); !strings.Contains(text, "Página 3 de 3") {
		t.Errorf("page 3 reads %q, want its count", text)
	}

	var pages struct {
		Pages []struct {
			Object string `json:"object"`
		} `json:"pages"`
	}
	pdftest.QPDFJSON(t, &pages, "--json-key=pages", path)
	if len(pages.Pages) != 3 || pages.Pages[1].Object != fmt.Sprintf("%d 0 R", pageObj) {
		t.Fatalf("qpdf's pages %+v; Page(2) said object %d", pages.Pages, pageObj)
	}
	var all struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	pdftest.QPDFJSON(t, &all, "--json-key=qpdf", path)
	var objects map[string]struct {
		Value map[string]any `json:"value"`
	}
	if len(all.QPDF) != 2 || json.Unmarshal(all.QPDF[1], &objects) != nil {
		t.Fatal("qpdf JSON: unexpected shape")
	}
	obj := func(ref any) map[string]any { return objects[fmt.Sprintf("obj:%v", ref)].Value }
	annots, _ := obj(pages.Pages[1].Object)["/Annots"].([]any)
	if want := fmt.Sprintf("%d 0 R", note); len(annots) != 1 || annots[0] != want {
		t.Errorf("page 2 /Annots %v, want [%s]", annots, want)
	}
	if p := obj(fmt.Sprintf("%d 0 R", note))["/P"]; p != pages.Pages[1].Object {
		t.Errorf("the note's /P is %v, want page 2 (%s)", p, pages.Pages[1].Object)
	}
	for _, i := range []int{0, 2} {
		if a, ok := obj(pages.Pages[i].Object)["/Annots"]; ok {
			t.Errorf("page %d has /Annots %v, want none", i+1, a)
		}
	}
	catalog := obj(objects["trailer"].Value["/Root"])
	if catalog["/PageMode"] != "/UseNone" || catalog["/Type"] != "/Catalog" {
		t.Errorf("catalogue %v, want /PageMode /UseNone added to it", catalog)
	}
}

// TestOnCloseChangesNothingElse: a hook that adds nothing leaves the bytes as they are
// without it, so the printed PDFs do not depend on whether a form could have been added.
func TestOnCloseChangesNothingElse(t *testing.T) {
	plain, err := counted(3)
	if err != nil {
		t.Fatal(err)
	}
	hooked, err := counted(3, func(*pdfdoc.Closing) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(plain, hooked) {
		t.Error("an empty OnClose hook changed the PDF")
	}
}

func TestOnCloseRefuses(t *testing.T) {
	tests := []struct {
		name string
		hook func(*pdfdoc.Closing) error
		want string
	}{
		{"the hook's error", func(*pdfdoc.Closing) error { return errors.New("sin campos") }, "sin campos"},
		{"annotation on a page that does not exist", func(c *pdfdoc.Closing) error { c.Annotate(4, c.Reserve()); return nil }, "page 4 of 3"},
		{"object not reserved", func(c *pdfdoc.Closing) error { c.Define(c.Reserve()+1, "<< >>"); return nil }, "not reserved"},
		{"object written twice", func(c *pdfdoc.Closing) error {
			n := c.Reserve()
			c.Define(n, "<< >>")
			c.Define(n, "<< >>")
			return nil
		}, "already written"},
		{"object reserved, never written", func(c *pdfdoc.Closing) error { c.Reserve(); return nil }, "never written"},
		{"a page's object", func(c *pdfdoc.Closing) error { c.Define(c.Page(1), "<< >>"); return nil }, "not reserved"},
		{"catalogue entry Close writes", func(c *pdfdoc.Closing) error { c.Catalog("Pages", "1 0 R"); return nil }, "/Pages written twice"},
		{"catalogue entry twice", func(c *pdfdoc.Closing) error {
			c.Catalog("AcroForm", "1 0 R")
			c.Catalog("AcroForm", "2 0 R")
			return nil
		}, "/AcroForm written twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := counted(3, tt.hook)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}
