package versions

import (
	"encoding/json"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/requinoa/pauta/internal/procedure"
)

// A version published while the search settings were part of the version code keeps the
// code it was published with; any other code is still a modified version.
func TestVersionPublishedWithSearchSettings(t *testing.T) {
	const id = "2024-2387"
	dir := path.Join(Dir, id)
	src := fstest.MapFS{}
	for _, f := range []string{"procedure.yaml", "content/como-usar.md", "content/publicar.md"} {
		b, err := os.ReadFile(path.Join("../..", dir, f))
		if err != nil {
			t.Fatal(err)
		}
		src[path.Join(dir, f)] = &fstest.MapFile{Data: b}
	}
	yaml := string(src[path.Join(dir, "procedure.yaml")].Data) + "search:\n  keywords:\n    alcance: [quiénes]\n"
	src[path.Join(dir, "procedure.yaml")] = &fstest.MapFile{Data: []byte(yaml)}
	sub := fstest.MapFS{}
	for name, f := range src {
		sub[strings.TrimPrefix(name, dir+"/")] = f
	}
	p, err := procedure.Load(sub, procedure.DefaultFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, code string
		ok         bool
	}{
		{"recorded with the search settings", p.CodeWithSearch, true},
		{"recorded without them", p.Code, true},
		{"another code", "0000-0000", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			meta, _ := json.Marshal(Meta{ID: id, Code: c.code})
			head, _ := json.Marshal(Link{ID: id, Code: c.code})
			src[path.Join(dir, "version.json")] = &fstest.MapFile{Data: meta}
			src[HeadFile] = &fstest.MapFile{Data: head}
			vs, err := List(src)
			if !c.ok {
				if err == nil || !strings.Contains(err.Error(), "fue modificada") {
					t.Errorf("List: %v, want the version refused as modified", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := vs[0].Code(); got != c.code {
				t.Errorf("code %s, want the published %s", got, c.code)
			}
			// The same text, as procedure.yaml says it, is no unpublished change, whichever
			// code the version recorded; another text is.
			if !vs[0].SameText(p) {
				t.Errorf("the version's own text (code %s) reads as an unpublished change", p.Code)
			}
			if vs[0].SameText(&procedure.Procedure{Code: "0000-0000"}) {
				t.Error("another text reads as the version's")
			}
		})
	}
}
