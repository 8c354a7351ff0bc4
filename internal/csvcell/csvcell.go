// Package csvcell writes CSV files for spreadsheets (Excel, LibreOffice, Google Sheets) in
// which no cell can run as a formula: the site's versions table and the session register
// share it.
package csvcell

import (
	"bytes"
	"strings"
)

// formulaStarts are the first characters that make a spreadsheet read a cell as a formula,
// or as the start of one once a tab or line break splits it (OWASP, "CSV Injection").
const formulaStarts = "=+-@\t\r"

// File writes rows as CSV with sep between cells (',' or, as spreadsheets set to Chilean
// Spanish expect, ';'). A cell that could start a formula gets a single quote before it, the
// mark spreadsheets take as "this is text", and is always quoted, so a value such as
// =HYPERLINK(…) is shown as typed instead of run. The quote is visible in a plain-text
// reader: that is the price OWASP's advice accepts.
func File(rows [][]string, sep byte) []byte {
	var buf bytes.Buffer
	for _, row := range rows {
		for i, cell := range row {
			if i > 0 {
				buf.WriteByte(sep)
			}
			writeCell(&buf, cell, sep)
		}
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

func writeCell(buf *bytes.Buffer, cell string, sep byte) {
	quote := strings.ContainsAny(cell, string(sep)+"\"\r\n") || strings.HasPrefix(cell, " ")
	if cell != "" && strings.ContainsRune(formulaStarts, rune(cell[0])) {
		cell, quote = "'"+cell, true
	}
	if !quote {
		buf.WriteString(cell)
		return
	}
	buf.WriteByte('"')
	buf.WriteString(strings.ReplaceAll(cell, `"`, `""`))
	buf.WriteByte('"')
}
