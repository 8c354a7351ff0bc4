package search

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string // Fold of each word; numbers prefixed with #
	}{
		{"Inicio de Sesión en AnyDesk", []string{"inicio", "de", "sesion", "en", "anydesk"}},
		{"AUTENTICACIÓN", []string{"autenticacion"}},
		{"Policía Local, Juzgado", []string{"policia", "local", "juzgado"}},
		{"Ley N° 18.695 de 1988", []string{"ley", "n", "#18695", "de", "#1988"}},
		{"Ley 18695", []string{"ley", "#18695"}},
		{"Auditoría N°128", []string{"auditoria", "n", "#128"}},
		{"Memo Nº521", []string{"memo", "no", "#521"}},
		{"N° 521", []string{"n", "#521"}},
		{"de fecha 01.08.2024", []string{"de", "fecha", "#1", "#8", "#2024"}},
		{"1.234.567 pesos", []string{"#1234567", "pesos"}},
		{"1234.567", []string{"#1234", "#567"}},
		{"18.", []string{"#18"}},
		{"versión 2.0", []string{"version", "#2", "#0"}},
		{"paso 3b", []string{"paso", "#3", "b"}},
		{"D.F.L N°1", []string{"d", "f", "l", "n", "#1"}},
		{"«Solo si la conexión falla»", []string{"solo", "si", "la", "conexion", "falla"}},
		{"el código A1B2-C3D4", []string{"el", "codigo", "a", "#1", "b", "#2", "c", "#3", "d", "#4"}},
		{"pingüino, año, ﬁn", []string{"pinguino", "ano", "fin"}},
		{"e\u0301xito", []string{"exito"}}, // decomposed accent
		{"", nil},
		{"— ¿? ¡!", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, w := range Words(tt.in) {
			if w.Number {
				got = append(got, "#"+w.Fold)
			} else {
				got = append(got, w.Fold)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWordsKeepAccentsInLower(t *testing.T) {
	ws := Words("Verificación ÚNICA")
	if ws[0].Lower != "verificación" || ws[1].Lower != "única" || ws[1].Fold != "unica" {
		t.Errorf("Words = %+v", ws)
	}
}

func TestTerms(t *testing.T) {
	an := NewAnalyzer()
	tests := []struct {
		word  string
		terms string // space-separated; "" for none
		query string // QueryTerms, when different from terms
	}{
		// The stemmer strips accented endings only; every spelling must give a shared term.
		{"autenticación", "autenticacion autent", ""},
		{"autenticacion", "autenticacion autent", ""},
		{"autorización", "autorizacion autoriz", ""},
		{"autorizado", "autoriz", ""},
		{"instalación", "instalacion instal", ""},
		{"instalar", "instal", ""},
		{"distribución", "distribucion distribu", ""},
		{"tecnología", "tecnologi tecnolog", ""},
		{"tecnologia", "tecnologi tecnolog", ""},
		{"policía", "polici polic", "polici"},
		{"auditoría", "auditori auditor", "auditori"},
		{"técnico", "tecnic tecn", ""},
		{"físico", "fisic", ""},               // too short to lose -ic
		{"emergencias", "emergent emerg", ""}, // -encia becomes -ente, which meets the verb
		{"políticas", "polit", ""},
		{"año", "ano", ""},
		{"ID", "id", ""},
		{"521", "521", ""},
		// Stop words and single letters give nothing.
		{"de", "", ""},
		{"Sí", "", ""},
		{"más", "", ""},
		{"b", "", ""},
	}
	for _, tt := range tests {
		w := Words(tt.word)[0]
		got := strings.Join(an.Terms(w), " ")
		if got != tt.terms {
			t.Errorf("Terms(%q) = %q, want %q", tt.word, got, tt.terms)
		}
		wantQ := tt.query
		if wantQ == "" {
			wantQ = tt.terms
		}
		if got := strings.Join(an.QueryTerms(w), " "); got != wantQ {
			t.Errorf("QueryTerms(%q) = %q, want %q", tt.word, got, wantQ)
		}
	}
}

// A verb in -icar and its noun in -ación share a term, however they are spelled; so do an
// adjective in -ible or -able and its noun in -idad.
func TestVerbMeetsNoun(t *testing.T) {
	an := NewAnalyzer()
	for _, pair := range [][2]string{
		{"verificar", "verificación"}, {"verificada", "verificacion"}, {"identificar", "identificación"},
		{"notificado", "notificaciones"}, {"autenticar", "autenticación"}, {"autorizar", "autorización"},
		{"instalado", "instalación"}, {"modificar", "modificacion"}, {"certificado", "certificación"},
		{"disponible", "disponibilidad"}, {"compatible", "compatibilidad"}, {"responsable", "responsabilidad"},
	} {
		a, b := an.Terms(Words(pair[0])[0]), an.QueryTerms(Words(pair[1])[0])
		if !slices.ContainsFunc(a, func(t string) bool { return slices.Contains(b, t) }) {
			t.Errorf("%s %q and %s %q share no term", pair[0], a, pair[1], b)
		}
	}
}

// Every word of the manual gives the same query terms with and without its accents, and
// its query terms meet its index terms: that is what makes unaccented queries find it.
func TestQueryTermsMeetIndexTerms(t *testing.T) {
	an := NewAnalyzer()
	ix := seedIndex(t)
	seen := map[string]bool{}
	for _, e := range ix.Entries {
		for _, w := range Words(e.Heading + "\n" + e.Text) {
			if seen[w.Lower] {
				continue
			}
			seen[w.Lower] = true
			idx := an.Terms(w)
			q := an.QueryTerms(w)
			folded := an.QueryTerms(Words(w.Fold)[0])
			if !reflect.DeepEqual(q, folded) {
				t.Errorf("%q: query terms %q, without accents %q", w.Lower, q, folded)
			}
			if idx == nil {
				continue
			}
			meet := false
			for _, x := range q {
				for _, y := range idx {
					meet = meet || x == y
				}
			}
			if !meet {
				t.Errorf("%q: query terms %q do not meet index terms %q", w.Lower, q, idx)
			}
		}
	}
}

func TestStemShortAndForeignWords(t *testing.T) {
	for in, want := range map[string]string{
		"él":         "él", // two letters: whole
		"id":         "id",
		"ατομα":      "ατομα", // not Latin: whole
		"casas":      "cas",
		"haciéndola": "hac", // pronoun, then gerund
	} {
		if got := Stem(in); got != want {
			t.Errorf("Stem(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		k, d int
	}{
		{"objetibo", "objetivo", 2, 1},
		{"emergensia", "emergencia", 2, 1},
		{"autorisacion", "autorizacion", 1, 1},
		{"procedmiento", "procedimiento", 1, 1},
		{"acceso", "aceso", 1, 1},
		{"sesion", "sesoin", 1, 1}, // swap
		{"casa", "perro", 1, 2},    // beyond k: k+1
		{"abc", "abcdef", 2, 3},
		{"", "", 1, 0},
	}
	for _, tt := range tests {
		if got := editDistance([]rune(tt.a), []rune(tt.b), tt.k); got != tt.d {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.k, got, tt.d)
		}
	}
}

// Terms are sorted as JavaScript compares strings, so the browser's binary search finds them.
func TestCompareUTF16(t *testing.T) {
	words := []string{"a", "ab", "b", "é", "ñ", "\uffef", "𝔞", "\ue000", "\ud7ff", "z𝔞", "z\uffff", ""}
	for _, a := range words {
		for _, b := range words {
			want := slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
			if got := compareUTF16(a, b); got != want {
				t.Errorf("compareUTF16(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}
