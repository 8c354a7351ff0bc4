package search

// EditDistance exposes editDistance to the browser tests, which live in package search_test.
func EditDistance(a, b string, k int) int { return editDistance([]rune(a), []rune(b), k) }
