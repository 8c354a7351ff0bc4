// Package slug turns Spanish text into the ASCII identifiers pauta writes everywhere an id is
// made from words: heading anchors, suggested ids, form field names, Akoma Ntoso URIs.
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Make folds s into lowercase ASCII letters and digits, accents removed, runs of anything else
// turned into single hyphens: "Inicio de Sesión en AnyDesk" → "inicio-de-sesion-en-anydesk".
// It returns "" when s has no letter or digit it can keep.
func Make(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r): // the accent of a decomposed letter
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	return b.String()
}
