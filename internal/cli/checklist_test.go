package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestChecklistCommand(t *testing.T) {
	dir := newProject(t)
	out := filepath.Join(t.TempDir(), "lista.pdf")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // prefix
		stderr string // contained
	}{
		{"one sheet", []string{"checklist", "--src", dir, "-o", out}, ExitOK, "", "1 lista de verificación en " + out + ", papel carta"},
		{"batch with folio", []string{"checklist", "--src", dir, "-o", out, "--copies", "3", "--folio-start", "41", "--paper", "oficio"},
			ExitOK, "", "3 listas de verificación (folios 41 a 43)"},
		{"to stdout", []string{"checklist", "--src", dir, "-o", "-", "--fillable", "--borrador"}, ExitOK, "%PDF-", ""},
		{"progress", []string{"checklist", "--src", dir, "-o", out, "--copies", "100"}, ExitOK, "", "pauta: 100 de 100 copias…"},
		{"unknown paper", []string{"checklist", "--src", dir, "--paper", "legal"}, ExitUsage, "", `papel "legal" desconocido: use carta, oficio, a4`},
		{"no copies", []string{"checklist", "--src", dir, "--copies", "0"}, ExitUsage, "", "--copias 0 fuera de rango"},
		{"negative folio", []string{"checklist", "--src", dir, "--folio-start", "-1"}, ExitUsage, "", "--folio-inicial -1 no válido"},
		{"folio past the largest integer", []string{"checklist", "--src", dir, "--folio-start", "9223372036854775807", "--copies", "2"},
			ExitUsage, "", "--folio-inicial 9223372036854775807 fuera de rango: el folio tiene a lo más 9 cifras; con --copias 2 use un folio inicial de 1 a 999999998"},
		{"last folio of ten digits", []string{"checklist", "--src", dir, "--folio-start", "999999999", "--copies", "2"},
			ExitUsage, "", "con --copias 2 use un folio inicial de 1 a 999999998"},
		{"highest folio", []string{"checklist", "--src", dir, "-o", out, "--folio-start", "999999998", "--copies", "2"},
			ExitOK, "", "2 listas de verificación (folios 999999998 a 999999999)"},
		{"no project", []string{"checklist", "--src", t.TempDir()}, ExitSource, "", "procedure.yaml: no existe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit code %d, want %d\nstderr: %s", code, tt.code, stderr)
			}
			if !strings.HasPrefix(stdout, tt.stdout) {
				t.Errorf("stdout starts %.20q, want %q", stdout, tt.stdout)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr:\n%s\nwant it to contain %q", stderr, tt.stderr)
			}
			if tt.code != ExitOK || tt.stdout != "" {
				return
			}
			b, err := os.ReadFile(out)
			if err != nil || !strings.HasPrefix(string(b), "%PDF-") {
				t.Fatalf("%s is not a PDF: %v", out, err)
			}
		})
	}
	// The batch is written whole or not at all: nothing but the PDF is left beside it.
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("temporary files left beside the output: %v", entries)
	}
}
