package procedure

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Lifting block scalars. The long texts of a procedure are block scalars ("text: |-" and the
// lines under it), and they are nearly all of a long manual's bytes. yaml.v3 reads them a
// character at a time, at about 40 MB/s, and parsing was a fifth of a 1,000-section build.
// liftBlocks takes the content of the plainest block scalars out of the source before
// yaml.v3 sees it, leaving an empty quoted scalar ("") where the indicator was and empty
// lines where the content was, so every line and column keeps its place; restore puts the
// texts back into the parsed tree, as the block scalars yaml.v3 would have made.
//
// Only blocks whose meaning is beyond doubt are lifted: a key alone on its line with the
// indicator |, |-, > or >- and nothing after it; content lines indented alike (literal blocks
// may indent further), no tabs, no lines of spaces alone, no trailing spaces in a folded
// block, nothing YAML reads otherwise than as text. Anything else is left to yaml.v3. A line
// that only looks like a header (inside a quoted text spanning lines) leaves no "" scalar at
// its place, restore finds one block missing, and the source is parsed as it is. A
// fuzz test holds the result equal to parsing the source as it is. A long source is lifted
// piece by piece, on all cores (see parseSplit).

// parseLifted parses one YAML document with its block scalars lifted, or as it is when
// there is nothing to lift or anything is unusual.
func parseLifted(src []byte) (*yaml.Node, error) {
	lifted, blocks := liftBlocks(src)
	if blocks == nil {
		return parseOne(src)
	}
	doc, err := parseOne(lifted)
	if err != nil || !restore(doc, blocks) {
		return parseOne(src)
	}
	return doc, nil
}

// liftedBlock is a block scalar taken out of the source: the column of its indicator, its
// style and its text.
type liftedBlock struct {
	col   int
	style yaml.Style
	value string
}

// liftBlocks returns src with its simple block scalars taken out, and the blocks by the
// line of their indicator. It returns no blocks when there is nothing to lift.
func liftBlocks(src []byte) ([]byte, map[int]liftedBlock) {
	if bytes.IndexByte(src, '\r') >= 0 || bytes.HasPrefix(src, []byte("\uFEFF")) {
		return src, nil
	}
	lines := bytes.SplitAfter(src, []byte("\n"))
	var out []byte
	var blocks map[int]liftedBlock
	copied := 0 // lines[:copied] are in out
	for i := 0; i < len(lines); i++ {
		keyCol, col, style, strip, ok := blockHeader(lines[i])
		if !ok {
			if explicitKey(lines[i]) {
				return src, nil
			}
			continue
		}
		end, value, liftable := blockBody(lines[i+1:], keyCol, style, strip)
		if liftable {
			if out == nil {
				out = make([]byte, 0, len(src)/4)
				blocks = map[int]liftedBlock{}
			}
			for _, l := range lines[copied:i] {
				out = append(out, l...)
			}
			out = append(out, lines[i][:col]...)
			out = append(out, `""`...)
			for range end + 1 {
				out = append(out, '\n')
			}
			copied = i + 1 + end
			blocks[i+1] = liftedBlock{col: col + 1, style: style, value: value}
		}
		// The block's lines are text, never headers, whether lifted or not.
		i += end
	}
	if blocks == nil {
		return src, nil
	}
	for _, l := range lines[copied:] {
		out = append(out, l...)
	}
	return out, blocks
}

// explicitKey reports whether a line holds YAML's explicit key indicator ("? key", on its
// own or after "- "): after a lifted block, yaml.v3 would place the empty value such a key
// may have elsewhere than after the block itself. A procedure never needs one, and a source
// that has one is parsed as it is.
func explicitKey(line []byte) bool {
	text := bytes.TrimLeft(line, " ")
	for bytes.HasPrefix(text, []byte("- ")) {
		text = bytes.TrimLeft(text[2:], " ")
	}
	return len(text) > 0 && text[0] == '?' && (len(text) == 1 || text[1] == ' ' || text[1] == '\n' || text[1] == '\t' || text[1] == '\r')
}

// blockHeader reads a line that may open a block scalar: "key: |", or "- key: |" starting a
// sequence item. keyCol is the key's column, where the block's parent sits; col is the
// indicator's (both from 0). ok is false for any line that opens no block; a line that opens
// one with more than the four plain indicators (an indentation digit, "+", a comment) gives
// style 0, so its lines are skipped but not lifted.
func blockHeader(line []byte) (keyCol, col int, style yaml.Style, strip bool, ok bool) {
	text := bytes.TrimSuffix(line, []byte("\n"))
	i := 0
	for i < len(text) && text[i] == ' ' {
		i++
	}
	if bytes.HasPrefix(text[i:], []byte("- ")) {
		i += 2
		for i < len(text) && text[i] == ' ' {
			i++
		}
	}
	keyCol = i
	for i < len(text) && (text[i] >= 'a' && text[i] <= 'z' || text[i] >= 'A' && text[i] <= 'Z' ||
		text[i] >= '0' && text[i] <= '9' || text[i] == '_') {
		i++
	}
	if i == keyCol || !bytes.HasPrefix(text[i:], []byte(": ")) {
		return 0, 0, 0, false, false
	}
	i += 2
	for i < len(text) && text[i] == ' ' {
		i++
	}
	col = i
	if col >= len(text) || text[col] != '|' && text[col] != '>' {
		return 0, 0, 0, false, false
	}
	switch string(text[col:]) {
	case "|", "|-":
		style = yaml.LiteralStyle
	case ">", ">-":
		style = yaml.FoldedStyle
	}
	return keyCol, col, style, strings.HasSuffix(string(text[col:]), "-"), true
}

// blockBody reads the lines of a block scalar whose key is at column keyCol: end is how many
// lines it takes, value its text when liftable.
func blockBody(lines [][]byte, keyCol int, style yaml.Style, strip bool) (end int, value string, liftable bool) {
	indent := -1 // the content's indentation, from its first line
	last := 0    // lines[:last] hold the content, without the empty lines after it
	size := 0
	for end < len(lines) {
		text := bytes.TrimSuffix(lines[end], []byte("\n"))
		n := 0
		for n < len(text) && text[n] == ' ' {
			n++
		}
		switch {
		case len(text) == 0:
			if indent < 0 {
				style = 0 // leading empty lines: left to yaml.v3
			}
			end++
			continue
		case n == len(text) || text[n] == '\t':
			style = 0 // spaces alone, or a tab: left to yaml.v3
		case indent < 0 && n <= keyCol, indent >= 0 && n < indent:
			if indent >= 0 && n > keyCol {
				style = 0 // between the key and the content: an error for yaml.v3 to report
			}
			return blockValue(lines, last, indent, style, strip, size)
		case indent < 0:
			indent = n
		}
		if style == yaml.FoldedStyle && (n > indent || text[len(text)-1] == ' ') {
			style = 0 // folding around more-indented lines and trailing spaces: left to yaml.v3
		}
		if style != 0 && (!plainText(text[n:]) || len(text) == len(lines[end])) {
			style = 0 // a character YAML reads otherwise, or the last line of a file without its end
		}
		size += len(text) - indent + 1
		end++
		last = end
	}
	return blockValue(lines, last, indent, style, strip, size)
}

// blockValue is the text of a block scalar made of lines[:last], content indented by indent,
// as YAML folds and chomps it; liftable is false when style is 0 or the block is empty.
func blockValue(lines [][]byte, last, indent int, style yaml.Style, strip bool, size int) (end int, value string, liftable bool) {
	end = len(lines)
	// end is where the caller resumes: after the trailing empty lines, which belong to the
	// block.
	for k := last; k < len(lines); k++ {
		if len(bytes.TrimSuffix(lines[k], []byte("\n"))) != 0 {
			end = k
			break
		}
	}
	if style == 0 || last == 0 {
		return end, "", false
	}
	var b strings.Builder
	b.Grow(size)
	empties := 0
	for k, line := range lines[:last] {
		text := bytes.TrimSuffix(line, []byte("\n"))
		if len(text) == 0 {
			empties++
			continue
		}
		if k > 0 {
			switch {
			case style == yaml.LiteralStyle:
				b.WriteString(strings.Repeat("\n", empties+1))
			case empties == 0:
				b.WriteByte(' ')
			default:
				b.WriteString(strings.Repeat("\n", empties))
			}
		}
		empties = 0
		b.Write(text[indent:])
	}
	if !strip {
		b.WriteByte('\n')
	}
	return end, b.String(), true
}

// plainText reports whether YAML reads text as it is: printable characters only, none it
// takes for a line break (U+0085, U+2028, U+2029) or a byte order mark.
func plainText(text []byte) bool {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		if r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r >= 0xfffe && r <= 0xffff || r == utf8.RuneError {
			return false
		}
		i += size
	}
	return true
}

// restore puts the lifted blocks back into a tree parsed from the lifted source. It reports
// false, leaving the tree unusable, unless every block's "" is found where its indicator was,
// as the value of a key of a block mapping: inside a flow collection ([…] or {…}) an
// indicator is an error for yaml.v3, and the source must be parsed as it is to report it.
func restore(doc *yaml.Node, blocks map[int]liftedBlock) bool {
	found := 0
	var walk func(n *yaml.Node) bool
	walk = func(n *yaml.Node) bool {
		for i, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				if !walk(c) {
					return false
				}
				continue
			}
			b, ok := blocks[c.Line]
			if !ok || c.Column != b.col || c.Style != yaml.DoubleQuotedStyle || c.Value != "" || c.Tag != "!!str" {
				continue
			}
			if n.Kind != yaml.MappingNode || n.Style&yaml.FlowStyle != 0 || i%2 == 0 {
				return false
			}
			c.Style, c.Value = b.style, b.value
			found++
		}
		return true
	}
	return walk(doc) && found == len(blocks)
}
