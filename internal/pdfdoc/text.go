package pdfdoc

import (
	"strings"
	"unicode/utf8"
)

// Wrap breaks text into lines no wider than w at the current font, at spaces; a word wider
// than a whole line is cut between letters. Line breaks in text are kept. Widths add up (the
// fonts carry no kerning), so each word is measured once: a long manual has a million words.
func (d *Doc) Wrap(text string, w float64) []string {
	var lines []string
	space := d.GetStringWidth(" ")
	for _, para := range strings.Split(text, "\n") {
		// A line is a slice of the paragraph from its first word to its last, when the words
		// are separated by single spaces (as nearly always); else the words joined.
		start, end := -1, 0
		single := true
		curW := 0.0
		flush := func() {
			if start < 0 {
				return
			}
			if single {
				lines = append(lines, para[start:end])
			} else {
				lines = append(lines, strings.Join(strings.Fields(para[start:end]), " "))
			}
			start, single, curW = -1, true, 0
		}
		empty := true
		for i := 0; i < len(para); {
			// Find the next word.
			for i < len(para) && isSpace(para[i]) {
				i++
			}
			if i >= len(para) {
				break
			}
			j := i
			for j < len(para) && !isSpace(para[j]) {
				j++
			}
			word := para[i:j]
			empty = false
			ww := d.GetStringWidth(word)
			// The tolerance keeps a line measured to fit exactly (a column sized to its
			// text) from breaking over a rounding error.
			if start >= 0 && curW+space+ww <= w+1e-9 {
				if i-end != 1 || para[end] != ' ' {
					single = false
				}
				curW += space + ww
				end = j
				i = j
				continue
			}
			flush()
			for ww > w && utf8.RuneCountInString(word) > 1 {
				cut := d.fit(word, w)
				lines = append(lines, word[:cut])
				word = word[cut:]
				i += cut
				ww = d.GetStringWidth(word)
			}
			start, end, curW = i, j, ww
			i = j
		}
		flush()
		if empty {
			lines = append(lines, "")
		}
	}
	return lines
}

// isSpace is the ASCII white space strings.Fields splits at; source text has no other.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' }

// fit is the byte length of the longest prefix of s (at least one rune) no wider than w.
func (d *Doc) fit(s string, w float64) int {
	end := 0
	for i, r := range s {
		next := i + utf8.RuneLen(r)
		if end > 0 && d.GetStringWidth(s[:next]) > w {
			break
		}
		end = next
	}
	return end
}

// TextRight writes s with its right edge at x, baseline y.
func (d *Doc) TextRight(x, y float64, s string) { d.Text(x-d.GetStringWidth(s), y, s) }

// TextCenter writes s centred on x, baseline y.
func (d *Doc) TextCenter(x, y float64, s string) { d.Text(x-d.GetStringWidth(s)/2, y, s) }

// Justify writes one line of words spread to fill w exactly, baseline y. Each word is its
// own text object: a Type0 font ignores the word-spacing operator, and text extraction still
// sees the gaps as spaces.
func (d *Doc) Justify(x, y, w float64, line string) {
	words := strings.Fields(line)
	if len(words) < 2 {
		d.Text(x, y, line)
		return
	}
	total := 0.0
	for _, word := range words {
		total += d.GetStringWidth(word)
	}
	gap := (w - total) / float64(len(words)-1)
	// A line with very few words would spread into holes; set it ragged instead.
	if gap > 3*d.GetStringWidth(" ") {
		d.Text(x, y, line)
		return
	}
	for _, word := range words {
		d.Text(x, y, word)
		x += d.GetStringWidth(word) + gap
	}
}

// Ascent is the distance from the top of a line of size points to its baseline, mm: set the
// baseline this far below where the line's box starts.
func Ascent(size float64) float64 { return PT(size) * 0.9 }
