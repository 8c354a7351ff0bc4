package akn

import (
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// elem is an XML element under construction. The document is built as a tree and written in
// one pass, so attribute order and indentation are fixed and the same model always gives the
// same bytes; encoding/xml's struct marshalling would need a Go type per AKN element.
type elem struct {
	name  string
	attrs []attr
	kids  []*elem
	text  string // set only on text nodes, whose name is ""
	// more produces further children while the element is written, each written and let go
	// as it comes: a long manual's sections are never a tree in memory at once.
	more func(emit func(*elem))
}

// xmlWriter is where a document is written: a bytes.Buffer or a bufio.Writer.
type xmlWriter interface {
	io.Writer
	io.ByteWriter
	io.StringWriter
	WriteRune(r rune) (int, error)
}

type attr struct{ name, value string }

// el makes an element with attributes given as name, value pairs.
func el(name string, attrs ...string) *elem {
	e := &elem{name: name}
	for i := 0; i+1 < len(attrs); i += 2 {
		e.attrs = append(e.attrs, attr{attrs[i], attrs[i+1]})
	}
	return e
}

// add appends children and returns e, so trees read top-down.
func (e *elem) add(kids ...*elem) *elem {
	for _, k := range kids {
		if k != nil {
			e.kids = append(e.kids, k)
		}
	}
	return e
}

// addText appends a text node.
func (e *elem) addText(s string) *elem {
	e.kids = append(e.kids, &elem{text: s})
	return e
}

// textEl is an element holding only text: <p>…</p>.
func textEl(name, text string, attrs ...string) *elem { return el(name, attrs...).addText(text) }

// inline reports whether e's children are written on one line: elements that hold text, where
// white space added between children would become part of the text.
func (e *elem) inline() bool {
	switch e.name {
	case "p", "heading", "num", "signature":
		return true
	}
	for _, k := range e.kids {
		if k.name == "" {
			return true
		}
	}
	return false
}

// write serialises e indented by two spaces per level, one element per line except inside
// mixed content.
func (e *elem) write(b xmlWriter, depth int, inline bool) {
	if e.name == "" {
		escape(b, e.text, false)
		return
	}
	if !inline {
		b.WriteString(strings.Repeat("  ", depth))
	}
	b.WriteByte('<')
	b.WriteString(e.name)
	for _, a := range e.attrs {
		b.WriteByte(' ')
		b.WriteString(a.name)
		b.WriteString(`="`)
		escape(b, a.value, true)
		b.WriteByte('"')
	}
	switch {
	case len(e.kids) == 0 && e.more == nil:
		b.WriteString("/>")
	case inline || e.inline():
		b.WriteByte('>')
		for _, k := range e.kids {
			k.write(b, 0, true)
		}
		b.WriteString("</" + e.name + ">")
	default:
		b.WriteString(">\n")
		for _, k := range e.kids {
			k.write(b, depth+1, false)
		}
		if e.more != nil {
			e.more(func(k *elem) { k.write(b, depth+1, false) })
		}
		b.WriteString(strings.Repeat("  ", depth) + "</" + e.name + ">")
	}
	if !inline {
		b.WriteByte('\n')
	}
}

// escape writes s as XML character data, or as an attribute value in double quotes. Quotes in
// text stay as typed, so the XML reads like the decree. A character XML 1.0 does not allow
// (a control character) becomes U+FFFD.
func escape(b xmlWriter, s string, attr bool) {
	// Runs of characters that need nothing go out in one write.
	start := 0
	for i, r := range s {
		var rep string
		switch {
		case r == '&':
			rep = "&amp;"
		case r == '<':
			rep = "&lt;"
		case r == '>':
			rep = "&gt;"
		case attr && r == '"':
			rep = "&quot;"
		case attr && (r == '\n' || r == '\r' || r == '\t'):
			// Attribute normalisation would turn them into spaces.
			rep = "&#x" + strings.ToUpper(strconv.FormatInt(int64(r), 16)) + ";"
		case r == utf8.RuneError || !xmlChar(r):
			rep = string(utf8.RuneError)
		default:
			continue
		}
		b.WriteString(s[start:i])
		b.WriteString(rep)
		start = i + utf8.RuneLen(r)
		if r == utf8.RuneError {
			// An invalid byte decodes as RuneError of width 1, a real U+FFFD as 3.
			_, n := utf8.DecodeRuneInString(s[i:])
			start = i + n
		}
	}
	b.WriteString(s[start:])
}

// xmlChar reports whether r may appear in an XML 1.0 document.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
