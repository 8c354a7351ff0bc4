package fidelity

import (
	"os"
	"strings"
	"testing"
)

func normalized(fs []Fragment) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Normalized)
	}
	return out
}

func TestFragments(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"sentences", "Primera frase. Segunda frase.\n", []string{"primera frase", "segunda frase"}},
		{"abbreviations stay whole", "Ley N° 18.695 y D.F.L N°1. La providencia del Sr. Administrador.", []string{"ley n 18 695 y d f l n 1", "la providencia del sr administrador"}},
		{"a word ending in sr is no abbreviation", "Vale el Masr. Otra.", []string{"vale el masr", "otra"}},
		{"list markers dropped", "a. Instalación de AnyDesk\n1. Solicitud\n12. Doce\n- guion", []string{"instalacion de anydesk", "solicitud", "doce", "guion"}},
		{"a number with three digits is no marker", "Año 123. Fin", []string{"ano 123", "fin"}},
		{"colons and semicolons end fragments", "VISTOS: uno; dos", []string{"vistos", "uno", "dos"}},
		{"accents and case ignored", "ÚLTIMO Número", []string{"ultimo numero"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := normalized(Fragments(tc.text))
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("Fragments(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestMissing(t *testing.T) {
	want := Fragments("El técnico cierra la sesión. Se evita el acceso.")
	for _, tc := range []struct {
		name    string
		outputs []string
		missing int
	}{
		{"all there, other typography", []string{"<p>el TECNICO cierra\nla sesion</p>", "Se evita el acceso"}, 0},
		{"a word dropped", []string{"El técnico cierra sesión. Se evita el acceso."}, 1},
		{"words reordered", []string{"El técnico la sesión cierra. Se evita el acceso."}, 1},
		{"a word glued to the next is a different word", []string{"El técnico cierra la sesiónSe evita el acceso."}, 2},
		{"nothing", nil, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Missing(want, tc.outputs...); len(got) != tc.missing {
				t.Errorf("Missing = %v, want %d missing", got, tc.missing)
			}
		})
	}
}

func TestHTMLText(t *testing.T) {
	page := `<html><head><style>p{}</style><script>var x = "oculto";</script></head><body><!-- nota --><p>Texto &amp; m&aacute;s</p><template>plantilla</template></body></html>`
	got := strings.Join(strings.Fields(HTMLText(page)), " ")
	if got != "Texto & más" {
		t.Errorf("HTMLText = %q", got)
	}
}

// TestSeedSplitsIntoItsSentences: the copy of the decree in testdata/ is the one the outputs
// are checked against; its sentences keep their boundaries (a list marker or an abbreviation
// mistaken for a sentence end would show up here as a fragment that no output carries).
func TestSeedSplitsIntoItsSentences(t *testing.T) {
	b, err := os.ReadFile("../../../testdata/seed/decreto-2387-requinoa.txt")
	if err != nil {
		t.Fatal(err)
	}
	frags := Fragments(string(b))
	for _, want := range []string{
		"la providencia del sr administrador municipal quien indica que el reglamento citado se encuentra revisado por lo que se debera proceder a la dictacion del decreto alcaldicio correspondiente",
		"dpto de transito y transporte publico",
		"instalacion de anydesk",
	} {
		found := false
		for _, f := range frags {
			found = found || f.Normalized == want
		}
		if !found {
			t.Errorf("no fragment %q", want)
		}
	}
	if missing := Missing(frags, string(b)); len(missing) > 0 {
		t.Errorf("the seed does not carry itself: %v", missing)
	}
}
