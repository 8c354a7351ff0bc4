package procedure

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// Sources that fuzzing found to be read wrongly by an earlier parser that rewrote the
// source before yaml.v3 saw it. They stay as loader cases: each must come back as the
// positioned errors yaml.v3's reading gives, never as a model nor a panic.
func TestFuzzFoundSources(t *testing.T) {
	tests := []struct {
		file string
		want []string // lines of the report
	}{
		// An explicit key ("? - id: …") after many sections, with a folded text cut short
		// before it: the block-scalar lifter took the key's lines as text.
		{"testdata/loader/explicit-key.yaml", []string{
			`procedure.yaml:62:9: manual.sections[12]: clave desconocida "titla" — ¿quiso decir "title"?`,
			`procedure.yaml:168:7: manual.sections[33]: la clave "title" aparece dos veces — deje una sola y borre la otra`,
			`procedure.yaml:175:5: manual: clave no válida — las claves son palabras simples como title o id`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, err := os.ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Load(fstest.MapFS{DefaultFile: {Data: src}}, DefaultFile)
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("want source errors, got %v", err)
			}
			report := "\n" + list.Error() + "\n"
			for _, w := range tt.want {
				if !strings.Contains(report, "\n"+w+"\n") {
					t.Errorf("report lacks %q:%s", w, report)
				}
			}
		})
	}
}
