package versions

import "strings"

// Op says whether a run of words was kept, removed or added.
type Op int

const (
	Same Op = iota
	Deleted
	Inserted
)

// Segment is a run of words with one Op, joined by single spaces.
type Segment struct {
	Op   Op
	Text string
}

// maxCells bounds the comparison table of two texts (words × words): past it, long texts are
// shown as removed and added whole, which is still correct, rather than taking seconds.
const maxCells = 4_000_000

// WordDiff compares two texts word by word (white space separates words; punctuation stays
// with its word, so "remoto." and "remoto" differ, as a reader sees them).
func WordDiff(old, new string) []Segment {
	a, b := strings.Fields(old), strings.Fields(new)
	// Common prefix and suffix first: most edits touch a few words of a long text.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var out []Segment
	add := func(op Op, words ...string) {
		if len(words) == 0 {
			return
		}
		text := strings.Join(words, " ")
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += " " + text
			return
		}
		out = append(out, Segment{Op: op, Text: text})
	}
	add(Same, a[:pre]...)
	midA, midB := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if len(midA)*len(midB) > maxCells {
		add(Deleted, midA...)
		add(Inserted, midB...)
	} else {
		for _, step := range lcsSteps(midA, midB) {
			add(step.op, step.word)
		}
	}
	add(Same, a[len(a)-suf:]...)
	return out
}

type step struct {
	op   Op
	word string
}

// lcsSteps walks a longest common subsequence of a and b, deletions before insertions within a
// change, which reads best in a redline.
func lcsSteps(a, b []string) []step {
	n, m := len(a), len(b)
	// lcs[i][j] is the LCS length of a[i:] and b[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []step
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			out = append(out, step{Same, a[i]})
			i, j = i+1, j+1
		case j == m || i < n && lcs[i+1][j] >= lcs[i][j+1]:
			out = append(out, step{Deleted, a[i]})
			i++
		default:
			out = append(out, step{Inserted, b[j]})
			j++
		}
	}
	return out
}
