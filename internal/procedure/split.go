package procedure

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"sync"

	"gopkg.in/yaml.v3"
)

// Parsing YAML is most of loading a long manual, and yaml.v3 parses on one core. Nearly all
// of the file is the list of the manual's sections, whose items start on lines of their own
// at one indentation; parseSplit cuts that list at item boundaries, parses the pieces side by
// side and splices them back, with every line number as in the whole file.
//
// A cut can only fall where a new item starts in valid YAML: block scalars are indented
// deeper than the item's dash, and a quoted or flow value cut in two leaves one piece
// unterminated, which fails to parse. Whenever anything is unusual the caller parses the whole
// file instead, which also gives every error its real position. A fuzz test holds the result
// equal to parsing the whole file.

// minSplitItems is the fewest section items worth cutting: below that the whole file parses
// in well under a millisecond.
const minSplitItems = 32

// parseSplit returns the document node of src parsed in pieces, or ok false when src should
// be parsed whole.
func parseSplit(src []byte) (doc *yaml.Node, ok bool) {
	return parseInPieces(src, runtime.GOMAXPROCS(0), parseLifted)
}

// parseInPieces parses src cut in that many pieces, each with parse.
func parseInPieces(src []byte, pieces int, parse func([]byte) (*yaml.Node, error)) (doc *yaml.Node, ok bool) {
	if pieces < 2 {
		return nil, false
	}
	list, ok := sectionList(src)
	if !ok || len(list.items) < minSplitItems {
		return nil, false
	}
	pieces = min(pieces, len(list.items)/(minSplitItems/2), 8)
	// Cut at the items nearest to equal shares of the list's bytes; the first share stays with
	// the rest of the file.
	cuts := []int{}
	size := list.end - list.items[0]
	for k := 1; k < pieces; k++ {
		want := list.items[0] + size*k/pieces
		for _, at := range list.items {
			if at >= want {
				if len(cuts) == 0 || at > cuts[len(cuts)-1] {
					cuts = append(cuts, at)
				}
				break
			}
		}
	}
	if len(cuts) == 0 {
		return nil, false
	}
	bounds := append(cuts, list.end)

	// The head: everything but the cut pieces, which are replaced by nothing.
	head := make([]byte, 0, cuts[0]+len(src)-list.end)
	head = append(head, src[:cuts[0]]...)
	head = append(head, src[list.end:]...)
	headLines := bytes.Count(src[:cuts[0]], []byte("\n"))
	removedLines := bytes.Count(src[cuts[0]:list.end], []byte("\n"))

	nodes := make([]*yaml.Node, len(bounds))
	errs := make([]error, len(bounds))
	var wg sync.WaitGroup
	for i := range bounds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i == 0 {
				nodes[0], errs[0] = parse(head)
				return
			}
			nodes[i], errs[i] = parse(src[bounds[i-1]:bounds[i]])
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, false
		}
	}

	doc = nodes[0]
	shiftLines(doc, headLines+1, removedLines)
	seq := sectionsNode(doc)
	if seq == nil || seq.Line != list.line {
		return nil, false
	}
	for i := 1; i < len(bounds); i++ {
		piece := nodes[i]
		if len(piece.Content) != 1 || piece.Content[0].Kind != yaml.SequenceNode {
			return nil, false
		}
		shiftLines(piece, 1, bytes.Count(src[:bounds[i-1]], []byte("\n")))
		seq.Content = append(seq.Content, piece.Content[0].Content...)
	}
	return doc, true
}

// parseOne parses a single YAML document.
func parseOne(b []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, errors.New("more than one document")
	}
	if doc.Kind != yaml.DocumentNode {
		return nil, errors.New("not a document")
	}
	return &doc, nil
}

// shiftLines adds by to the line of every node at or after line from.
func shiftLines(n *yaml.Node, from, by int) {
	if n.Line >= from {
		n.Line += by
	}
	for _, c := range n.Content {
		shiftLines(c, from, by)
	}
}

// sectionsNode is the sequence node of manual.sections in a parsed document.
func sectionsNode(doc *yaml.Node) *yaml.Node {
	if len(doc.Content) != 1 {
		return nil
	}
	manual := mappingValue(doc.Content[0], "manual")
	if manual == nil {
		return nil
	}
	seq := mappingValue(manual, "sections")
	if seq == nil || seq.Kind != yaml.SequenceNode {
		return nil
	}
	return seq
}

func mappingValue(m *yaml.Node, key string) *yaml.Node {
	if m.Kind != yaml.MappingNode {
		return nil
	}
	var found *yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			if found != nil {
				return nil // a duplicate key: leave it to the whole parse and the validator
			}
			found = m.Content[i+1]
		}
	}
	return found
}

// listLines is where the manual's section list is in the source.
type listLines struct {
	line  int   // 1-based line of the list's first item, as yaml.v3 numbers the sequence node
	items []int // byte offsets of the lines where items start
	end   int   // byte offset where the list ends
}

// sectionList finds the items of manual.sections by their lines: "manual:" at the start of a
// line, its key "sections:" one level in, then lines starting with "- " at the indentation of
// the first item, until a line less indented, or as indented but not an item.
func sectionList(src []byte) (listLines, bool) {
	var list listLines
	const (
		findManual = iota
		findSections
		findFirstItem
		inList
	)
	state := findManual
	childIndent := -1 // indentation of manual's keys
	itemIndent := -1
	lineNo := 0
	for off := 0; off < len(src); {
		next := bytes.IndexByte(src[off:], '\n')
		if next < 0 {
			next = len(src)
		} else {
			next += off + 1
		}
		line := src[off:next]
		lineNo++
		text := bytes.TrimRight(line, "\r\n")
		indent := 0
		for indent < len(text) && text[indent] == ' ' {
			indent++
		}
		body := text[indent:]
		blank := len(body) == 0 || body[0] == '#'
		if bytes.ContainsRune(text, '\t') && !blank {
			return list, false // tabs: let the whole parse report or accept them
		}
		switch state {
		case findManual:
			if indent == 0 && isKeyLine(body, "manual") {
				state = findSections
			}
		case findSections:
			if blank {
				break
			}
			if indent == 0 {
				return list, false
			}
			if childIndent < 0 {
				childIndent = indent
			}
			if indent == childIndent && isKeyLine(body, "sections") {
				state = findFirstItem
			}
		case findFirstItem:
			if blank {
				break
			}
			if indent < childIndent || !bytes.HasPrefix(body, []byte("- ")) {
				return list, false
			}
			itemIndent = indent
			list.line = lineNo
			list.items = append(list.items, off)
			state = inList
		case inList:
			if blank {
				break
			}
			if indent < itemIndent || indent == itemIndent && !bytes.HasPrefix(body, []byte("- ")) {
				list.end = off
				return list, true
			}
			if indent == itemIndent {
				list.items = append(list.items, off)
			}
		}
		off = next
	}
	if state != inList {
		return list, false
	}
	list.end = len(src)
	return list, true
}

// isKeyLine reports whether a line's text (without indentation) is "key:" with no value on
// the line, perhaps followed by a comment.
func isKeyLine(body []byte, key string) bool {
	rest, ok := bytes.CutPrefix(body, []byte(key+":"))
	if !ok {
		return false
	}
	rest = bytes.TrimLeft(rest, " ")
	return len(rest) == 0 || rest[0] == '#'
}
