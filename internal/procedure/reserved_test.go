package procedure

import (
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/requinoa/pauta/themes"
)

// TestReservedIDsCoverTheTheme collects every id the default theme's templates and scripts
// write as a literal and checks it is reserved: a section or heading taking it would make
// two elements with one id, and links would land on the theme's. Ids made from the source
// (id="{{.ID}}", "version-{{.ID}}") are the source's own, on pages without the manual.
func TestReservedIDsCoverTheTheme(t *testing.T) {
	attr := regexp.MustCompile(`\bid="([^"]*)"`)
	lookup := regexp.MustCompile(`getElementById\(\s*["']([^"']+)["']\s*\)`)
	found := 0
	err := fs.WalkDir(themes.Default(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		var re *regexp.Regexp
		switch path.Ext(name) {
		case ".html":
			re = attr
		case ".js":
			re = lookup
		default:
			return nil
		}
		b, err := fs.ReadFile(themes.Default(), name)
		if err != nil {
			return err
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			id := m[1]
			if strings.Contains(id, "{{") {
				continue
			}
			found++
			if !ReservedID(id) {
				t.Errorf("%s writes id %q, which is not in the reserved list (validate.go)", name, id)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 10 {
		t.Errorf("only %d literal ids found in the theme: the test reads too little", found)
	}
	for _, page := range []string{"index", "decreto", "buscar", "versiones", "comparado", "transparencia"} {
		if !reservedPageName(page) {
			t.Errorf("%s.html is written by the site but a page may take the id %q", page, page)
		}
	}
}
