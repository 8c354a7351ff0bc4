package procedure

import (
	"errors"
	"strings"
	"testing"
)

// TestControlCharacters holds that a character no PDF can draw is refused at load time,
// pointing at the value, in any text: a one-line text takes no line break or tab, a Markdown
// text takes both (its syntax needs them) but nothing else.
func TestControlCharacters(t *testing.T) {
	base := minimal(t)
	for _, tc := range []struct {
		name, from, to string
		want           string // "" when the text loads
	}{
		{"tab in the organization", "name: Municipalidad de Ejemplo", `name: "Municipalidad\tde Ejemplo"`,
			"procedure.yaml:3:9: organization.name lleva un tabulador (U+0009) en el carácter 14"},
		{"newline in a check", "text: Se hizo algo", `text: "Se hizo\nalgo"`,
			"manual.sections[2].sections[1].checks[1].text lleva un salto de línea (U+000A) en el carácter 8"},
		{"NUL", "name: Municipalidad de Ejemplo", `name: "Municipalidad\0de Ejemplo"`, "un carácter nulo (U+0000)"},
		{"SOH", "name: Municipalidad de Ejemplo", `name: "Municipalidad\x01de Ejemplo"`, "(U+0001)"},
		{"ESC", "name: Municipalidad de Ejemplo", `name: "Municipalidad\ede Ejemplo"`, "un carácter de escape (U+001B)"},
		{"DEL", "name: Municipalidad de Ejemplo", `name: "Municipalidad\x7fde Ejemplo"`, "(U+007F)"},
		{"NEL", "name: Municipalidad de Ejemplo", `name: "Municipalidad\Nde Ejemplo"`, "un separador de línea (U+0085)"},
		{"C1 CSI", "name: Municipalidad de Ejemplo", `name: "Municipalidad\x9bde Ejemplo"`, "(U+009B)"},
		{"form feed", "name: Municipalidad de Ejemplo", `name: "Municipalidad\fde Ejemplo"`, "un salto de página (U+000C)"},
		{"line separator", "name: Municipalidad de Ejemplo", `name: "Municipalidad\Lde Ejemplo"`, "(U+2028)"},
		{"form feed in Markdown", "text: Probar.", `text: "Probar\f."`, "manual.sections[1].text lleva un salto de página"},
		{"escape in a decree paragraph", "text: La Ley N° 18.695.", `text: "La Ley\e N° 18.695."`, "decree.vistos[1].text lleva un carácter de escape"},
		{"Markdown keeps tabs and line breaks", "text: Probar.", `text: "Probar\n\n\tcódigo\tcon tabulador"`, ""},
		{"a distribution line", "role: ALCALDE", "role: ALCALDE\n  distribution:\n    - \"Control\\tInterno\"", "decree.distribution[1] lleva un tabulador"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(base, tc.from, tc.to, 1)
			if src == base {
				t.Fatalf("%q is not in the minimal project", tc.from)
			}
			_, err := Load(project(src), DefaultFile)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error = %v, want an ErrorList", err)
			}
			if len(list) != 1 || !strings.Contains(list[0].Error(), tc.want) || list[0].Pos.Line == 0 {
				t.Fatalf("errors:\n%v\nwant one positioned error with %q", err, tc.want)
			}
		})
	}
}

func TestControlChar(t *testing.T) {
	for _, tc := range []struct {
		s        string
		markdown bool
		r        rune
		at       int
	}{
		{"ñandú", false, 0, 0},
		{"ñandú\t", false, '\t', 6},
		{"a\nb", true, 0, 0},
		{"a\nb\r", true, '\r', 4},
		{"é\u0085", true, 0x85, 2},
		{"é\u00a0x", false, 0, 0}, // a no-break space prints
		{"\u2029", true, 0x2029, 1},
	} {
		r, at, found := controlChar(tc.s, tc.markdown)
		if found != (tc.r != 0) || r != tc.r || at != tc.at {
			t.Errorf("controlChar(%q, %v) = %U, %d, %v; want %U, %d", tc.s, tc.markdown, r, at, found, tc.r, tc.at)
		}
	}
}
