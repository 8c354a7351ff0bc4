package search

import "github.com/requinoa/pauta/internal/procedure"

// EditDistance exposes editDistance to the browser tests, which live in package search_test.
func EditDistance(a, b string, k int) int { return editDistance([]rune(a), []rune(b), k) }

// BuildWhole is Build counting every entry in one pass, to compare with the two halves.
func BuildWhole(p *procedure.Procedure) *Index { return build(p, nil, false) }
