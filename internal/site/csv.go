package site

import "github.com/requinoa/pauta/internal/csvcell"

// csvFile writes rows as comma-separated CSV in which no cell can start a formula (see
// csvcell).
func csvFile(rows [][]string) []byte { return csvcell.File(rows, ',') }
