// Package markdown is the one place that configures goldmark: every Markdown text of a
// procedure is rendered here, to HTML for the site and to plain text for PDFs and the search
// index, so all outputs read the same text the same way.
package markdown

import (
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
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

// rendered is one text in every form: an output that needs the HTML usually needs the plain
// text too (the page and its search index), and the decree PDF its blocks, so one parse gives
// all three.
type rendered struct {
	html        template.HTML
	htmlTaken   bool // Block has returned html, and dropped it
	plain       string
	blocks      []Block
	blocksTaken bool // Blocks has returned blocks, and dropped them
	err         error
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

// render returns what goldmark makes of src, parsing each text once: HTML and plain text
// come from the same parse, so whichever an output asks for first, the other is kept.
func (r *Renderer) render(src string) *rendered {
	r.mu.Lock()
	e := r.memo[src]
	if e == nil {
		e = &memoEntry{}
		r.memo[src] = e
	}
	r.mu.Unlock()
	e.once.Do(func() { e.r = r.goldmark(src) })
	return e.r
}

// goldmark parses src once and renders it to HTML and to plain text.
func (r *Renderer) goldmark(src string) *rendered {
	source := []byte(src)
	doc := r.md.Parser().Parse(text.NewReader(source), parser.WithContext(newContext()))
	e := &rendered{plain: strings.TrimSpace(plain(doc, source, len(source)+16)), blocks: blocks(doc, source)}
	var buf htmlWriter
	buf.Grow(len(source) + len(source)/4)
	if err := r.md.Renderer().Render(&buf, source, doc); err != nil {
		e.err = fmt.Errorf("markdown: %w", err)
	}
	e.html = template.HTML(buf.String())
	return e
}

// htmlWriter collects goldmark's HTML in a strings.Builder, whose String copies nothing. It
// is a goldmark util.BufWriter, so goldmark does not put a bufio.Writer of its own (4 KiB)
// in front of it for every text: a long manual has thousands of texts.
type htmlWriter struct{ strings.Builder }

func (w *htmlWriter) Available() int { return w.Cap() - w.Len() }
func (w *htmlWriter) Buffered() int  { return 0 }
func (w *htmlWriter) Flush() error   { return nil }

var _ util.BufWriter = (*htmlWriter)(nil)

// Block renders a text as HTML blocks (paragraphs, lists, headings).
func (r *Renderer) Block(src string) (template.HTML, error) {
	e := r.render(src)
	// A build asks for a text's HTML once (the pages of the editions of one text share it)
	// and for its plain text many times: the memo hands the HTML over rather than keep a long
	// manual's whole HTML in memory to the end. Asked again, a text is rendered again.
	r.mu.Lock()
	h, taken := e.html, e.htmlTaken
	e.html, e.htmlTaken = "", true
	r.mu.Unlock()
	if taken {
		again := r.goldmark(src)
		return again.html, again.err
	}
	return h, e.err
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
	// Every output asks for the plain text of every text (the index, the decree PDF, the
	// export): it is made once, and shared.
	return r.render(src).plain
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
