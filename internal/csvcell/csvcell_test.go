package csvcell

import (
	"encoding/csv"
	"strings"
	"testing"
)

// TestSemicolonCells: with ';' between cells, what a spreadsheet reads from each cell is the
// text typed, a formula behind a single quote, and a ';' inside a cell stays in its cell.
func TestSemicolonCells(t *testing.T) {
	tests := []struct{ cell, want string }{
		{"=1+1", "'=1+1"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"-3", "'-3"},
		{"uno; dos", "uno; dos"},
		{"a,b", "a,b"},
		{`dice "sí"`, `dice "sí"`},
		{"dos\nlíneas", "dos\nlíneas"},
		{"", ""},
	}
	rows := [][]string{}
	for _, tt := range tests {
		rows = append(rows, []string{tt.cell, "fin"})
	}
	r := csv.NewReader(strings.NewReader(string(File(rows, ';'))))
	r.Comma = ';'
	got, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		if len(got[i]) != 2 || got[i][0] != tt.want || got[i][1] != "fin" {
			t.Errorf("cell %q read as %q, want [%q fin]", tt.cell, got[i], tt.want)
		}
	}
}
