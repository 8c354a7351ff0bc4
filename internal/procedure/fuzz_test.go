package procedure

import (
	"errors"
	"os"
	"testing"
	"testing/fstest"
)

// FuzzLoad: whatever the bytes, Load returns a model or a list of positioned errors, never a
// panic and never a machine error for a readable file.
//
//	go test ./internal/procedure -run '^$' -fuzz FuzzLoad -fuzztime 5m
func FuzzLoad(f *testing.F) {
	for _, name := range []string{"../../testdata/projects/minimal/procedure.yaml", "../../procedure.yaml"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(""))
	f.Add([]byte("pauta: 1\nmanual: {sections: [{id: a, sections: [{id: b}]}]}\n"))
	f.Add([]byte("a: &a [x]\nb: [*a, *a]\n"))
	f.Add([]byte("decree:\n  date: 2024-02-30\n  number: -1\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{
			"procedure.yaml":       {Data: src},
			"content/ayuda.md":     {Data: []byte("# Ayuda\n")},
			"content/como-usar.md": {Data: []byte("# Cómo usar\n")},
		}
		p, err := Load(fsys, DefaultFile)
		if err == nil {
			if p == nil || p.Code == "" {
				t.Fatal("no error but no model")
			}
			return
		}
		var list ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error is not a list of source errors: %v", err)
		}
		for _, e := range list {
			if e.File == "" || e.Msg == "" {
				t.Fatalf("error without file or message: %#v", e)
			}
		}
	})
}
