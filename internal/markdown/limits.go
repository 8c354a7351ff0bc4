package markdown

import (
	"fmt"
	"strings"
)

// Limits that keep goldmark within time and memory. Its parser is fast on any text a person
// writes, but some shapes cost it far more than their size: each link that fails to close
// ("[a](" with no ")") rescans its paragraph, so a few hundred kilobytes of them take
// seconds; each unclosed "[" or nested ">" holds state for the rest of the paragraph. A text
// is refused, with the place to fix, before goldmark sees it.
const (
	// MaxTextSize bounds one text: a manual's texts are a few kilobytes, its pages tens.
	MaxTextSize = 256 << 10
	// MaxNesting bounds brackets open at once in a paragraph, and quotes and lists opened on
	// one line: a real text nests two or three.
	MaxNesting = 32
	// MaxIndent bounds a line's indentation, in spaces (a tab counts four): lists nest by
	// indentation, and what each nested list costs grows with the depth.
	MaxIndent = 4 * MaxNesting
	// The work of a text is, over its paragraphs, the sum of the squares of what goldmark
	// matches within one paragraph: links ("]("), brackets ("[") and emphasis marks ("*",
	// "_", "~"). What a paragraph of failing links, brackets or marks costs grows with that
	// square. The bounds admit a table of a thousand links, or a thousand paragraphs of thirty.
	maxLinkWork     = 1000 * 1000
	maxBracketWork  = 4000 * 4000
	maxEmphasisWork = 4000 * 4000
)

// paragraphWork counts what one paragraph holds, and what the paragraphs before it held.
type paragraphWork struct {
	n, done, limit int
}

// add counts one more; it reports false when the text is over its limit.
func (w *paragraphWork) add() bool {
	w.n++
	return w.done+w.n*w.n <= w.limit
}

func (w *paragraphWork) end() { w.done, w.n = w.done+w.n*w.n, 0 }

// Problem is where and why a text was refused; Line and Col count from 1 in the text.
type Problem struct {
	Line, Col int
	Msg, Hint string
}

// Check reports the first place where src exceeds what goldmark is let to parse, or nil.
func Check(src string) *Problem {
	if len(src) > MaxTextSize {
		return &Problem{Line: 1, Col: 1,
			Msg:  fmt.Sprintf("el texto pesa %d KB, más de los %d KB que admite un texto en Markdown", (len(src)+1023)>>10, MaxTextSize>>10),
			Hint: "divídalo en varias secciones o páginas"}
	}
	links := paragraphWork{limit: maxLinkWork}
	brackets := paragraphWork{limit: maxBracketWork}
	emphasis := paragraphWork{limit: maxEmphasisWork}
	depth, blockLine := 0, 1
	tooMany := func(line, col int, what string) *Problem {
		return &Problem{Line: line, Col: col,
			Msg:  fmt.Sprintf("el párrafo que empieza en la línea %d tiene demasiados %s para un solo texto", blockLine, what),
			Hint: "separe el texto en párrafos con líneas en blanco, o en varias secciones o páginas"}
	}
	fence := ""
	line := 0
	for rest := src; rest != "" || line == 0; {
		line++
		var text string
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			text, rest = rest[:i], rest[i+1:]
		} else {
			text, rest = rest, ""
		}
		trimmed := strings.TrimLeft(text, " ")
		// A fenced code block is text, whatever brackets it holds.
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
			continue
		}
		if strings.TrimSpace(text) == "" {
			links.end()
			brackets.end()
			emphasis.end()
			depth, blockLine = 0, line+1
			continue
		}
		if indent(text) > MaxIndent {
			return &Problem{Line: line, Col: 1,
				Msg:  fmt.Sprintf("la línea está sangrada más de %d espacios", MaxIndent),
				Hint: "use menos niveles de listas anidadas"}
		}
		if col, over := containers(text, MaxNesting); over {
			return &Problem{Line: line, Col: col,
				Msg:  fmt.Sprintf("el texto anida más de %d citas o listas en una línea", MaxNesting),
				Hint: "use menos niveles de «>» o de listas"}
		}
		for i := 0; i < len(text); i++ {
			switch text[i] {
			case '\\':
				i++
			case '*', '_', '~':
				if !emphasis.add() {
					return tooMany(line, col(text, i), "signos de énfasis «*», «_» o «~»")
				}
			case '[':
				if !brackets.add() {
					return tooMany(line, col(text, i), "corchetes «[»")
				}
				if depth++; depth > MaxNesting {
					return &Problem{Line: line, Col: col(text, i),
						Msg:  fmt.Sprintf("el texto abre más de %d corchetes «[» sin cerrarlos", MaxNesting),
						Hint: "cierre cada «[» con «]», o escriba \\[ para un corchete que no abre un enlace"}
				}
			case ']':
				if depth > 0 {
					depth--
				}
				if i+1 < len(text) && text[i+1] == '(' && !links.add() {
					p := tooMany(line, col(text, i), "enlaces «[…](…)»")
					p.Hint += "; revise que cada enlace cierre su «)»"
					return p
				}
			}
		}
	}
	return nil
}

// containers counts the quote and list markers that open a line; past limit, it returns
// the column of the first marker too many.
func containers(line string, limit int) (column int, over bool) {
	i, n := 0, 0
	for {
		for i < len(line) && line[i] == ' ' {
			i++
		}
		if i >= len(line) {
			return 0, false
		}
		at := i
		switch c := line[i]; {
		case c == '>':
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && line[i+1] == ' ':
			i += 2
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && line[j+1] == ' ' {
				i = j + 2
			} else {
				return 0, false
			}
		default:
			return 0, false
		}
		if n++; n > limit {
			return col(line, at), true
		}
	}
}

// indent is the width of a line's leading spaces and tabs.
func indent(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case ' ':
			n++
		case '\t':
			n += 4 - n%4
		default:
			return n
		}
	}
	return n
}

// col is the column, counted in characters from 1, of byte i of line.
func col(line string, i int) int {
	return len([]rune(line[:i])) + 1
}
