package site

import (
	"fmt"
	"os"
	"regexp"
	"testing"

	"github.com/requinoa/pauta/internal/procedure"
)

// TestDecreeNumbering: decreto.html numbers the VISTOS and CONSIDERANDO "1.-", "2.-" when
// the source asks (decree.numbering), as the PDF and the export do, and leaves them bare
// when it does not; the resolutive points are numbered when there are several.
func TestDecreeNumbering(t *testing.T) {
	for _, tt := range []struct {
		dir      string
		numbered bool
	}{{"../../testdata/projects/deep", true}, {"../..", false}} {
		p, err := procedure.Load(os.DirFS(tt.dir), procedure.DefaultFile)
		if err != nil {
			t.Fatal(err)
		}
		page := string(render(t, tt.dir).Files["decreto.html"])
		d := &p.Decree
		for _, part := range []struct {
			paras []*procedure.Paragraph
			on    bool
		}{{d.Vistos, tt.numbered}, {d.Considerando, tt.numbered}, {d.Resolutions, len(d.Resolutions) > 1}} {
			for i, para := range part.paras {
				re := regexp.MustCompile(`<div id="` + para.ID + `" class="[^"]*">(<span class="num">([^<]*)</span>)?`)
				m := re.FindStringSubmatch(page)
				want := ""
				if part.on {
					want = fmt.Sprintf("%d.-", i+1)
				}
				switch {
				case m == nil:
					t.Errorf("%s: paragraph %s not found in decreto.html", tt.dir, para.ID)
				case m[2] != want:
					t.Errorf("%s: paragraph %s numbered %q, want %q", tt.dir, para.ID, m[2], want)
				}
			}
		}
	}
}
