package site

import (
	"bytes"
	"strings"
)

// formulaStarts are the first characters that make a spreadsheet (Excel, LibreOffice, Google
// Sheets) read a cell as a formula, or as the start of one once a tab or line break splits it
// (OWASP, "CSV Injection").
const formulaStarts = "=+-@\t\r"

// csvFile writes rows as CSV for spreadsheets. A cell that could start a formula gets a
// single quote before it, the mark spreadsheets take as "this is text", and is always quoted,
// so a decree's subject such as =HYPERLINK(…) is shown as typed instead of run. The quote
// is visible in a plain-text reader: that is the price OWASP's advice accepts.
func csvFile(rows [][]string) []byte {
	var buf bytes.Buffer
	for _, row := range rows {
		for i, cell := range row {
			if i > 0 {
				buf.WriteByte(',')
			}
			writeCell(&buf, cell)
		}
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

func writeCell(buf *bytes.Buffer, cell string) {
	quote := strings.ContainsAny(cell, ",\"\r\n") || strings.HasPrefix(cell, " ")
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
