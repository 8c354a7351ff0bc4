package versions

import (
	"regexp"
	"strings"
	"sync"
)

// Op says whether a run of words was kept, removed or added.
type Op int

const (
	Same Op = iota
	Deleted
	Inserted
)

// Segment is a run of text with one Op, with its own spacing: segments concatenated give the
// text back.
type Segment struct {
	Op   Op
	Text string
}

// maxCells bounds the comparison table of two texts (tokens × tokens): past it, long texts
// are shown as removed and added whole, which is still correct, rather than taking seconds.
const maxCells = 4_000_000

// token is a word or a punctuation mark with the white space before it, so segments put back
// together read exactly as the text did.
// tokenPattern is compiled when first needed: its Unicode classes take half a millisecond,
// which every pauta command would pay at start.
var tokenPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\s*(?:[\p{L}\p{N}]+|[^\s\p{L}\p{N}])`)
})

func tokens(text string) (toks, keys []string) {
	text = strings.Join(strings.Fields(text), " ")
	toks = tokenPattern().FindAllString(text, -1)
	keys = make([]string, len(toks))
	for i, t := range toks {
		keys[i] = strings.TrimSpace(t)
	}
	return toks, keys
}

// WordDiff compares two texts word by word, punctuation apart ("remoto." and "remoto" differ
// only in the full stop). Line breaks and runs of spaces do not count as changes.
func WordDiff(old, new string) []Segment {
	a, ka := tokens(old)
	b, kb := tokens(new)
	// Common prefix and suffix first: most edits touch a few words of a long text.
	pre := 0
	for pre < len(a) && pre < len(b) && ka[pre] == kb[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && ka[len(a)-1-suf] == kb[len(b)-1-suf] {
		suf++
	}
	var out []Segment
	add := func(op Op, toks ...string) {
		if len(toks) == 0 {
			return
		}
		text := strings.Join(toks, "")
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += text
			return
		}
		out = append(out, Segment{Op: op, Text: text})
	}
	add(Same, b[:pre]...)
	midA, midB := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if len(midA)*len(midB) > maxCells {
		add(Deleted, midA...)
		add(Inserted, midB...)
	} else {
		for _, st := range lcsSteps(ka[pre:len(a)-suf], kb[pre:len(b)-suf]) {
			switch st.op {
			case Same, Inserted:
				add(st.op, midB[st.j])
			case Deleted:
				add(st.op, midA[st.i])
			}
		}
	}
	add(Same, b[len(b)-suf:]...)
	return hoistSpaces(out)
}

// hoistSpaces moves the space that starts every part of a change out of the marks, so a
// struck-through or underlined run starts at its first letter: "N° <del>10</del><ins>11</ins>".
func hoistSpaces(segs []Segment) []Segment {
	var out []Segment
	for i := 0; i < len(segs); {
		if segs[i].Op == Same {
			out = append(out, segs[i])
			i++
			continue
		}
		j := i
		allSpaced := true
		for ; j < len(segs) && segs[j].Op != Same; j++ {
			allSpaced = allSpaced && strings.HasPrefix(segs[j].Text, " ")
		}
		if allSpaced {
			if n := len(out); n > 0 {
				out[n-1].Text += " "
			} else {
				out = append(out, Segment{Op: Same, Text: " "})
			}
		}
		for k := i; k < j; k++ {
			seg := segs[k]
			if allSpaced {
				seg.Text = seg.Text[1:]
			}
			out = append(out, seg)
		}
		i = j
	}
	return out
}

// step is one move through two sequences: i and j index the elements it concerns.
type step struct {
	op   Op
	i, j int
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
			out = append(out, step{Same, i, j, a[i]})
			i, j = i+1, j+1
		case j == m || i < n && lcs[i+1][j] >= lcs[i][j+1]:
			out = append(out, step{Deleted, i, j, a[i]})
			i++
		default:
			out = append(out, step{Inserted, i, j, b[j]})
			j++
		}
	}
	return out
}
