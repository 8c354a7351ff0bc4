// Package markdown is the one place that configures goldmark: every Markdown text of a
// procedure is rendered here, to HTML for the site and to plain text for PDFs and the search
// index, so all outputs read the same text the same way.
package markdown

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// Renderer turns Markdown into HTML or plain text. It remembers what goldmark rendered, so
// one renderer shared by every output of a build parses each text once; it is safe for
// concurrent use.
type Renderer struct {
	md goldmark.Markdown

	mu   sync.Mutex
	memo map[string]*memoEntry
}

// memoEntry is one text's rendering, done once: the outputs of a build walk the manual in
// the same order at the same time, and would otherwise all parse the same text at once.
type memoEntry struct {
	once sync.Once
	r    *rendered
}

// rendered is one text in both forms: an output that needs the HTML usually needs the plain
// text too (the page and its search index), so one parse gives both.
type rendered struct {
	html  template.HTML
	plain string
	err   error
}

// New returns a renderer. With allowHTML, raw HTML in the source reaches the page; without it
// goldmark drops it, which is the safe default for text written by many hands.
func New(allowHTML bool) *Renderer {
	opts := []goldmark.Option{
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	}
	if allowHTML {
		opts = append(opts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	return &Renderer{md: goldmark.New(opts...), memo: map[string]*memoEntry{}}
}

// For is r, or a new renderer when r is nil: outputs take a shared renderer when a build has
// one and make their own when rendered alone.
func For(r *Renderer, allowHTML bool) *Renderer {
	if r != nil {
		return r
	}
	return New(allowHTML)
}

// render returns what goldmark makes of src, once per text; plain prose never gets here.
func (r *Renderer) render(src string) *rendered {
	return r.memoized(src, func() *rendered { return r.goldmark(src) })
}

// memoized returns what render returns for src, calling it once per text. A text is either
// plain prose, whose plain text is all that is kept (Block renders its HTML again, cheaper
// than keeping it), or goes through goldmark, so one memo serves both.
func (r *Renderer) memoized(src string, render func() *rendered) *rendered {
	r.mu.Lock()
	e := r.memo[src]
	if e == nil {
		e = &memoEntry{}
		r.memo[src] = e
	}
	r.mu.Unlock()
	e.once.Do(func() { e.r = render() })
	return e.r
}

// goldmark parses src once and renders it to HTML and to plain text.
func (r *Renderer) goldmark(src string) *rendered {
	source := []byte(src)
	doc := r.md.Parser().Parse(text.NewReader(source), parser.WithContext(newContext()))
	e := &rendered{plain: strings.TrimSpace(plain(doc, source, len(source)+16))}
	var buf bytes.Buffer
	if err := r.md.Renderer().Render(&buf, source, doc); err != nil {
		e.err = fmt.Errorf("markdown: %w", err)
	}
	e.html = template.HTML(buf.String())
	return e
}

// Block renders a text as HTML blocks (paragraphs, lists, headings).
func (r *Renderer) Block(src string) (template.HTML, error) {
	// Plain prose is cheaper to render again than to keep: a long manual's would double in
	// memory.
	if isSimple(src) {
		return template.HTML(simpleHTML(src)), nil
	}
	e := r.render(src)
	return e.html, e.err
}

// Inline renders a one-paragraph text without its <p> wrapper, for list items and table cells.
func (r *Renderer) Inline(src string) (template.HTML, error) {
	h, err := r.Block(src)
	if err != nil {
		return "", err
	}
	s := strings.TrimSpace(string(h))
	if strings.HasPrefix(s, "<p>") && strings.HasSuffix(s, "</p>") && strings.Count(s, "<p>") == 1 {
		s = s[len("<p>") : len(s)-len("</p>")]
	}
	return template.HTML(s), nil
}

// Heading is a heading of a Markdown page, with the id goldmark gave it.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Section is the plain text of a Markdown page between two headings.
type Section struct {
	Heading Heading // zero for the text before the first heading
	Text    string
}

// Sections splits a Markdown page at its headings, as plain text, for the search index.
func (r *Renderer) Sections(src string) []Section {
	source := []byte(src)
	doc := r.md.Parser().Parse(text.NewReader(source), parser.WithContext(newContext()))
	var out []Section
	cur := &Section{}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			if cur.Heading.Text != "" || strings.TrimSpace(cur.Text) != "" {
				out = append(out, *cur)
			}
			id, _ := h.AttributeString("id")
			idStr, _ := id.([]byte)
			cur = &Section{Heading: Heading{Level: h.Level, ID: string(idStr), Text: plain(h, source, 0)}}
			continue
		}
		if cur.Text != "" {
			cur.Text += "\n"
		}
		cur.Text += plain(n, source, 0)
	}
	if cur.Heading.Text != "" || strings.TrimSpace(cur.Text) != "" {
		out = append(out, *cur)
	}
	return out
}

// Plain renders Markdown as plain text: emphasis and links keep their words, list items and
// paragraphs become lines.
func (r *Renderer) Plain(src string) string {
	if strings.IndexByte(src, '\n') < 0 && strings.IndexByte(src, '*') < 0 && isSimple(src) {
		return src // one line of prose is its own plain text
	}
	// Every output asks for the plain text of every text (the index, the decree PDF, the
	// export): it is made once, and shared.
	return r.memoized(src, func() *rendered {
		if isSimple(src) {
			return &rendered{plain: simplePlain(src)}
		}
		return r.goldmark(src)
	}).plain
}

// plain is the plain text of n; size, when known, is about its length, so a string kept in
// the memo is allocated once, without spare capacity.
func plain(n ast.Node, source []byte, size int) string {
	var b strings.Builder
	b.Grow(size)
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch t := n.(type) {
		case *ast.Text:
			if entering {
				b.Write(t.Segment.Value(source))
				if t.SoftLineBreak() {
					b.WriteByte(' ')
				}
				if t.HardLineBreak() {
					b.WriteByte('\n')
				}
			}
		case *ast.String:
			if entering {
				b.Write(t.Value)
			}
		case *ast.CodeSpan:
			if entering {
				for c := t.FirstChild(); c != nil; c = c.NextSibling() {
					if s, ok := c.(*ast.Text); ok {
						b.Write(s.Segment.Value(source))
					}
				}
				return ast.WalkSkipChildren, nil
			}
		case *ast.AutoLink:
			if entering {
				b.Write(t.Label(source))
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			if entering {
				lines := n.Lines()
				for i := 0; i < lines.Len(); i++ {
					seg := lines.At(i)
					b.Write(seg.Value(source))
				}
				return ast.WalkSkipChildren, nil
			}
		case *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.ListItem, *ast.Heading, *ast.TextBlock:
			if !entering && b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
				b.WriteByte('\n')
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// WithoutTitle drops a page's leading "# Title" line when it repeats title: the page template
// prints the title itself, and the search index must count headings over the same text.
func WithoutTitle(md, title string) string {
	lines := strings.SplitN(md, "\n", 2)
	if t, ok := strings.CutPrefix(strings.TrimSpace(lines[0]), "# "); ok && strings.TrimSpace(t) == title {
		if len(lines) == 2 {
			return lines[1]
		}
		return ""
	}
	return md
}

// isSimple reports whether src is nothing but plain prose — paragraphs separated by one blank
// line, each line of them starting with a letter, holding no character Markdown gives a
// meaning to but **strong** words written the plainest way (see strongSpans) — so that
// goldmark would render it as those paragraphs, text unchanged.
// Most texts of a procedure are such prose, and a long manual has thousands of them. Anything
// else (other emphasis, links, lists, indented or hard line breaks, a possible autolink) goes
// through goldmark; a test and a fuzz target hold the two paths equal.
func isSimple(src string) bool {
	if src == "" || strings.Contains(src, "www") || strings.Contains(src, "WWW") || strings.Contains(src, "://") {
		return false
	}
	for p := range strings.SplitSeq(src, "\n\n") {
		if !simpleParagraph(p) {
			return false
		}
	}
	return true
}

func simpleParagraph(p string) bool {
	for line := range strings.SplitSeq(p, "\n") {
		if !simpleLine(line) {
			return false
		}
	}
	return !strings.Contains(p, "*") || strongSpans(p, nil)
}

// simpleLine reports whether one line of a paragraph is plain prose. Its first character
// must be a letter or an opening mark, so that no line can start a list, a heading, a quote
// or a code block, nor underline the line before; it must not end in a space, which would
// make a hard line break.
func simpleLine(line string) bool {
	if line == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(line)
	// A line may open with strong text ("**Importante:** …"); strongSpans checks it.
	if !unicode.IsLetter(first) && !strings.ContainsRune("¿¡(\"'", first) && !strings.HasPrefix(line, "**") {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if unicode.IsSpace(last) {
		return false
	}
	for i := 0; i < len(line); i++ {
		if c := line[i]; c < utf8.RuneSelf {
			if markdownByte[c] && c != '*' {
				return false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(line[i:])
		if r == utf8.RuneError || r == 0x85 || r == 0x2028 || r == 0x2029 {
			return false // invalid UTF-8; line separators
		}
		i += size - 1
	}
	return true
}

// strongSpans reports whether every '*' of p is in a "**strong**" span written the plainest
// way, calling span (when not nil) with the bytes of each span's text. The opening "**"
// starts p or follows a space or a line break, and is followed by a letter or a digit; the
// closing one follows the first "**" after it, ends text that does not end in a space, and
// is followed by the end of p, a space, a line break or . , ; : ) ? ! — after text ending in
// punctuation, by the end, a space or a line break only. By CommonMark's flanking rules each
// opener can only open and each closer only close, so goldmark makes exactly these spans
// strong.
func strongSpans(p string, span func(from, to int)) bool {
	for i := 0; i < len(p); {
		j := strings.IndexByte(p[i:], '*')
		if j < 0 {
			return true
		}
		open := i + j
		if !strings.HasPrefix(p[open:], "**") || open > 0 && p[open-1] != ' ' && p[open-1] != '\n' {
			return false
		}
		from := open + 2
		first, _ := utf8.DecodeRuneInString(p[from:])
		if !unicode.IsLetter(first) && !unicode.IsDigit(first) {
			return false
		}
		k := strings.IndexByte(p[from:], '*')
		if k < 0 {
			return false
		}
		to := from + k
		if !strings.HasPrefix(p[to:], "**") {
			return false
		}
		last, _ := utf8.DecodeLastRuneInString(p[from:to])
		if unicode.IsSpace(last) {
			return false
		}
		after := to + 2
		if after < len(p) {
			next := p[after]
			punctEnd := unicode.IsPunct(last) || unicode.IsSymbol(last)
			if next != ' ' && next != '\n' && (punctEnd || !strings.ContainsRune(".,;:)?!", rune(next))) {
				return false
			}
		}
		if span != nil {
			span(from, to)
		}
		i = after
	}
	return true
}

// markdownByte marks the ASCII bytes simpleParagraph refuses: control characters (line
// breaks, tabs) and every character Markdown or its extensions may give a meaning to.
var markdownByte = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c < 0x20 || c == 0x7f || strings.ContainsRune("\\`*_[]<>&|~@#=+{}$", rune(c))
	}
	return t
}()

// simpleHTML is what goldmark writes for simple paragraphs. Of the characters HTML escapes,
// only the double quote can be in one.
func simpleHTML(src string) string {
	n := len(src) + 5*strings.Count(src, `"`) + 15*strings.Count(src, "**")
	var b strings.Builder
	b.Grow(n + len("<p></p>\n")*(1+strings.Count(src, "\n\n")))
	text := func(s string) {
		for {
			i := strings.IndexByte(s, '"')
			if i < 0 {
				break
			}
			b.WriteString(s[:i])
			b.WriteString("&quot;")
			s = s[i+1:]
		}
		b.WriteString(s)
	}
	for p := range strings.SplitSeq(src, "\n\n") {
		b.WriteString("<p>")
		at := 0
		strongSpans(p, func(from, to int) {
			text(p[at : from-2])
			b.WriteString("<strong>")
			text(p[from:to])
			b.WriteString("</strong>")
			at = to + 2
		})
		text(p[at:])
		b.WriteString("</p>\n")
	}
	return b.String()
}

// simplePlain is the plain text of simple paragraphs: one a line, the line breaks inside a
// paragraph read as spaces, the stars of strong text dropped.
func simplePlain(src string) string {
	var b strings.Builder
	b.Grow(len(src))
	first := true
	for p := range strings.SplitSeq(src, "\n\n") {
		if !first {
			b.WriteByte('\n')
		}
		first = false
		for {
			j := strings.IndexAny(p, "\n*")
			if j < 0 {
				break
			}
			b.WriteString(p[:j])
			if p[j] == '\n' {
				b.WriteByte(' ')
				p = p[j+1:]
			} else {
				p = p[j+2:] // every '*' is in a "**" around strong text
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

// Headings lists every heading of a text, nested ones (in lists and quotes) too, with the ids
// the rendered HTML gives them, so a page can tell when a heading's anchor is taken.
func (r *Renderer) Headings(src string) []Heading {
	if !mayHaveHeading(src) {
		return nil
	}
	source := []byte(src)
	doc := r.md.Parser().Parse(text.NewReader(source), parser.WithContext(newContext()))
	var out []Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		id, _ := h.AttributeString("id")
		idStr, _ := id.([]byte)
		out = append(out, Heading{Level: h.Level, ID: string(idStr), Text: strings.TrimSpace(plain(h, source, 0))})
		return ast.WalkSkipChildren, nil
	})
	return out
}

// mayHaveHeading reports whether src has a line with a '#' or a line of nothing but '=' or
// '-' (a setext underline): a text without either has no heading, and most texts of a
// manual need not be parsed to know it.
func mayHaveHeading(src string) bool {
	if strings.IndexByte(src, '#') >= 0 {
		return true
	}
	for line := range strings.SplitSeq(src, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && (strings.Trim(line, "=") == "" || strings.Trim(line, "- ") == "") {
			return true
		}
	}
	return false
}
