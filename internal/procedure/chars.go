package procedure

import (
	"reflect"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

var markdownType = reflect.TypeOf(Markdown(""))

// controlChar finds the first character of s that no output can show: a control character
// (C0, DEL, C1) or a Unicode line separator. Markdown keeps its line breaks and tabs, which
// are part of its syntax; every other text is one line, printed as it is in a PDF, where
// such a character cannot be drawn. It returns the character and its position in s
// (1-based, counted in characters).
func controlChar(s string, markdown bool) (r rune, at int, found bool) {
	at = 0
	for i := 0; i < len(s); {
		c := s[i]
		at++
		if c < utf8.RuneSelf {
			i++
			if c >= 0x20 && c != 0x7f || markdown && (c == '\n' || c == '\t') {
				continue
			}
			return rune(c), at, true
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r >= 0x80 && r <= 0x9f || r == 0x2028 || r == 0x2029 {
			return r, at, true
		}
	}
	return 0, 0, false
}

// charName names a character the way an author would look for it in an editor.
func charName(r rune) string {
	switch r {
	case '\t':
		return "un tabulador"
	case '\n':
		return "un salto de línea"
	case '\r':
		return "un retorno de carro"
	case 0:
		return "un carácter nulo"
	case 0x1b:
		return "un carácter de escape"
	case '\f':
		return "un salto de página"
	case 0x85, 0x2028, 0x2029:
		return "un separador de línea"
	}
	return "un carácter de control"
}

// checkChars records a text that holds a character no output can show: found here, with
// the value's position, instead of by the PDF drawer in the middle of a build.
func (d *decoder) checkChars(n *yaml.Node, s, path string, markdown bool) {
	r, at, found := controlChar(s, markdown)
	if !found {
		return
	}
	hint := "bórrelo o reemplácelo por un espacio"
	if r == '\n' || r == 0x85 || r == 0x2028 || r == 0x2029 {
		hint = "escriba el texto en una sola línea (con >- los saltos de línea se vuelven espacios)"
	}
	d.fail(n, hint, "%s lleva %s (U+%04X) en el carácter %d, que no se puede imprimir", path, charName(r), r, at)
}
