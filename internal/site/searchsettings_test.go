package site_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/search"
	"github.com/requinoa/pauta/internal/site"
)

// The search settings of the working procedure.yaml are the site's: a change to them alone
// is no unpublished change, and the published version's search, at the root and under
// v/<id>/, uses them.
func TestSearchSettingsApplyToPublishedVersions(t *testing.T) {
	dir := copyProject(t)
	name := filepath.Join(dir, procedure.DefaultFile)
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	// The project's own search settings, last in the file, give way to each case's.
	if at := bytes.Index(b, []byte("\nsearch:\n")); at >= 0 {
		b = b[:at+1]
	}
	before, err := site.Render(context.Background(), os.DirFS(dir), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, search string
	}{
		{"keywords", "search:\n  keywords:\n    alcance: [quiénes pueden hacerlo, personal habilitado]\n"},
		{"synonyms", "search:\n  synonyms:\n    - words: [habilitado, autorizado]\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(name, append(bytes.Clone(b), tc.search...), 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := site.Render(context.Background(), os.DirFS(dir), site.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if s.Prepared.Code != before.Prepared.Code || s.Unpublished != before.Unpublished {
				t.Errorf("only the search settings changed, yet the code went from %s to %s and unpublished changes from %v to %v",
					before.Prepared.Code, s.Prepared.Code, before.Unpublished, s.Unpublished)
			}
			var with, own bytes.Buffer
			if err := search.Build(site.WithSearch(s.Procedure, &s.Prepared.Search), nil).WriteScript(&with); err != nil {
				t.Fatal(err)
			}
			if err := search.Build(s.Procedure, nil).WriteScript(&own); err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(with.Bytes(), own.Bytes()) {
				t.Fatal("the settings change nothing in the index: the case tests nothing")
			}
			v := "v/" + s.Versions[len(s.Versions)-1].ID + "/"
			for _, f := range []string{search.IndexPath, v + search.IndexPath} {
				if !bytes.Equal(s.Files[f], with.Bytes()) {
					t.Errorf("%s is not built with the working search settings", f)
				}
			}
		})
	}
}
