package site

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/requinoa/pauta/internal/pdfdoc/pdftest"
)

// TestPaperAndWebCiteAlike: a technician goes from the sheet to the manual and back. Every
// line of the checklist PDF, "A5 El ID AnyDesk fue… paso 3b", appears in the manual's boxes
// "En la lista de verificación" with the same number, text and citation; and every step a
// sheet cites ("paso 3", "Req. 2") stands, so named, above its heading in the manual.
func TestPaperAndWebCiteAlike(t *testing.T) {
	s := render(t, "../..")
	p := s.Procedure
	page := string(s.Files["index.html"])
	paper := pdftest.Text(t, pdftest.File(t, "checklist.pdf", s.Files["checklist.pdf"]), "")
	tags := regexp.MustCompile(`<[^>]+>`)
	var boxes []string
	for _, m := range regexp.MustCompile(`(?s)<aside class="en-lista".*?</aside>`).FindAllString(page, -1) {
		for _, li := range regexp.MustCompile(`(?s)<li>.*?</li>`).FindAllString(m, -1) {
			boxes = append(boxes, pdftest.Collapse(html.UnescapeString(tags.ReplaceAllString(li, ""))))
		}
	}
	headings := pdftest.Collapse(html.UnescapeString(tags.ReplaceAllString(page, " ")))
	n := 0
	for _, ph := range p.Checklist.Phases {
		for _, c := range ph.Checks {
			n++
			num := p.Checklist.ItemRef(c)
			var box string
			for _, b := range boxes {
				if strings.HasPrefix(b, num+" ") {
					box = b
				}
			}
			if box == "" {
				t.Errorf("the manual's boxes do not list %s (%s)", num, c.Text)
				continue
			}
			if !strings.Contains(box, c.Text) {
				t.Errorf("%s: the manual says %q, want the sheet's text %q", num, box, c.Text)
			}
			if !strings.Contains(paper, num+" "+pdftest.Collapse(c.Text)) {
				t.Errorf("the sheet does not print %q", num+" "+c.Text)
			}
			for _, src := range c.Sources {
				ref := src.Section.Ref()
				if src.Section.Number == "" {
					continue // cited by title, which is the heading as it is
				}
				// "paso 3" on the sheet; on the page "Paso 3" above the heading "3. Inicio de
				// Sesión…", the approved text's own.
				head := strings.ToUpper(ref[:1]) + ref[1:] + " " + src.Section.Heading()
				if !strings.Contains(headings, head) {
					t.Errorf("%s cites %q: the manual has no heading %q", num, ref, head)
				}
			}
			if strings.Contains(paper, num+" "+pdftest.Collapse(c.Text)+" "+c.Ref()) && c.Ref() != c.Section.Ref() && !strings.Contains(box, c.Ref()) {
				t.Errorf("%s: the sheet cites %q, the manual's box %q does not", num, c.Ref(), box)
			}
		}
	}
	if len(boxes) != n {
		t.Errorf("the manual's boxes list %d checks, the sheet %d", len(boxes), n)
	}
}
