// Package editdist measures how far a mistyped word is from a known one, so that messages can
// suggest the key, command or flag a person meant.
package editdist

import "slices"

// Levenshtein is the number of single-rune insertions, deletions and substitutions that turn a
// into b.
func Levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Closest is the word of known nearest to s, or "" when none is within a few typos (a
// quarter of s's length, at least three): a suggestion further off would mislead. Ties go to
// the first in sorted order, so the same mistake always gets the same suggestion.
func Closest(s string, known []string) string {
	known = slices.Sorted(slices.Values(known))
	best, bestDist := "", max(3, len(s)/4)+1
	for _, k := range known {
		if d := Levenshtein(s, k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}
