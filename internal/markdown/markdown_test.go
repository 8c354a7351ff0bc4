package markdown

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/requinoa/pauta/internal/procedure"
)

// checkSimple fails when the fast path for plain prose takes src and renders it otherwise
// than goldmark does.
func checkSimple(t *testing.T, r *Renderer, src string) bool {
	t.Helper()
	if !isSimple(src) {
		return false
	}
	slow := r.goldmark(src)
	if slow.err != nil {
		t.Fatal(slow.err)
	}
	if got, want := simpleHTML(src), string(slow.html); got != want {
		t.Errorf("HTML of %q:\n fast path %q\n goldmark  %q", src, got, want)
	}
	if got, want := r.Plain(src), slow.plain; got != want {
		t.Errorf("plain text of %q:\n fast path %q\n goldmark  %q", src, got, want)
	}
	return true
}

func TestSimpleParagraphsMatchGoldmark(t *testing.T) {
	tests := []struct {
		src    string
		simple bool
	}{
		{"El técnico verifica la identidad del usuario.", true},
		{"Primer párrafo.\n\nSegundo párrafo, con \"comillas\" y 'apóstrofos' (y paréntesis).", true},
		{"¿Está conforme? ¡Sí! Nº 18.695, 100 % / 2024; a-b: c.", true},
		{"La Ley N° 19.628 — protección de datos · «vida privada».", true},
		{"Texto con **negrita**.", true},
		{"**Importante:** el técnico cierra la sesión.", true},
		{"Dos **palabras fuertes** y **otra**, al final **123**", true},
		{"Comillas **\"dentro\"** no", false},
		{"Pegado**negrita** no", false},
		{"Abierta **sin cierre", false},
		{"Espacio ** antes** no", false},
		{"Espacio **antes ** no", false},
		{"Seguida **de**letra", false},
		{"Tres ***estrellas*** no", false},
		{"Con **puntuación.**final", false},
		{"Con **puntuación.**.", false},
		{"Con **puntuación.** bien", true},
		{"Un *énfasis* simple", false},
		{"Texto con *énfasis* o _énfasis_.", false},
		{"Un [enlace](https://example.org).", false},
		{"Visite www.requinoa.cl para más.", false},
		{"Escriba a soporte@requinoa.cl.", false},
		{"Vea https://requinoa.cl hoy.", false},
		{"1. Una lista", false},
		{"- Una lista", false},
		{"# Título", false},
		{"Línea uno\nlínea dos", true},
		{"Párrafo de\ndos líneas.\n\nY otro de\ntres\nlíneas.", true},
		{"Uno\n**dos** tres y **cuatro**\ncinco **seis**", true},
		{"Negrita **que cruza\nla línea** aquí", true},
		{"Abre al final **\nno", false},
		{"Cierra al inicio **no\n** así", false},
		{"Línea uno\n- lista", false},
		{"Línea uno\n1. lista", false},
		{"Línea uno\n===", false},
		{"Línea uno\n---", false},
		{"Línea uno\n> cita", false},
		{"Línea uno\n# título", false},
		{"Espacio final \nno", false},
		{"Dos espacios  \nno", false},
		{"Sangría\n    no", false},
		{"Sangría\n no", false},
		{"Tabulador\n\tno", false},
		{"Retorno\r\nno", false},
		{"Línea\n\n\nno", false},
		{"Tres\n\n\npárrafos", false},
		{" Sangría", false},
		{"Final con espacios  ", false},
		{"a < b & c > d", false},
		{"Código `x`", false},
		{"Barra \\ invertida", false},
		{"Tabla | de | columnas", false},
		{"&amp; entidad", false},
		{"", false},
	}
	r := New(false)
	for _, tt := range tests {
		if got := checkSimple(t, r, tt.src); got != tt.simple {
			t.Errorf("isSimple(%q) took it: %v, want %v", tt.src, got, tt.simple)
		}
	}
}

// TestSimpleParagraphsOnTheSeed runs every Markdown text of the Requínoa source through
// both paths, and checks that most of them take the fast one.
func TestSimpleParagraphsOnTheSeed(t *testing.T) {
	p, err := procedure.Load(os.DirFS("../.."), procedure.DefaultFile)
	if err != nil {
		t.Fatal(err)
	}
	var texts []procedure.Markdown
	var walk func([]*procedure.Section)
	walk = func(ss []*procedure.Section) {
		for _, s := range ss {
			texts = append(texts, s.Text)
			for _, it := range s.Items {
				texts = append(texts, it.Text)
			}
			walk(s.Sections)
		}
	}
	walk(p.Manual.Sections)
	for _, part := range [][]*procedure.Paragraph{p.Decree.Vistos, p.Decree.Considerando, p.Decree.Resolutions} {
		for _, para := range part {
			texts = append(texts, para.Text)
		}
	}
	r := New(p.Markdown.AllowHTML)
	simple := 0
	for _, text := range texts {
		if checkSimple(t, r, string(text)) {
			simple++
		} else if text != "" {
			t.Logf("through goldmark: %q", text)
		}
	}
	if len(texts) < 20 || simple < len(texts)/2 {
		t.Errorf("%d of %d texts took the fast path", simple, len(texts))
	}
}

func FuzzSimpleParagraphs(f *testing.F) {
	for _, s := range []string{"Texto simple.", "Dos.\n\nPárrafos.", "¿Qué? ¡Ya!", "a\u00a0b", "x\u2028y",
		"Con **negrita**, y **más texto**.", "**Nota:** uno\n\nDos **tres**", "a **b** c **d.** e",
		"Línea\n**dos** y\ntres", "a **b\nc** d"} {
		f.Add(s)
	}
	r := New(false)
	f.Fuzz(func(t *testing.T, src string) {
		checkSimple(t, r, src)
	})
}

// TestStrongAgainstGoldmark tries many paragraphs of words, between spaces or line breaks,
// with "**" put at random places — mostly around words, sometimes inside them or beside
// punctuation — and holds the fast path, wherever it applies, to goldmark's rendering.
func TestStrongAgainstGoldmark(t *testing.T) {
	words := []string{"el", "técnico", "sí", "Nº", "12", "Nota:", "fin.", "(a)", "\"x\"", "b,", "¿qué?", "ñ", ")", ".", "e"}
	r := rand.New(rand.NewPCG(1, 2))
	md := New(false)
	taken := 0
	for range 50000 {
		var b strings.Builder
		n := 2 + r.IntN(8)
		for i := range n {
			if i > 0 {
				switch r.IntN(8) {
				case 0:
				case 1:
					b.WriteByte('\n')
				default:
					b.WriteByte(' ')
				}
			}
			w := words[r.IntN(len(words))]
			switch r.IntN(6) {
			case 0:
				w = "**" + w + "**"
			case 1:
				w = "**" + w
			case 2:
				w += "**"
			case 3:
				if len(w) > 1 {
					w = w[:1] + "**" + w[1:]
				}
			}
			b.WriteString(w)
		}
		if checkSimple(t, md, b.String()) && strings.Contains(b.String(), "**") {
			taken++
		}
	}
	if taken < 1000 {
		t.Errorf("only %d paragraphs with strong text took the fast path: the test checks too little", taken)
	}
}

// Outputs ask for a text's plain text and its HTML in any order, from one shared renderer:
// whichever comes first, both are goldmark's.
func TestPlainAndBlockInEitherOrder(t *testing.T) {
	for _, src := range []string{"Un [enlace](https://example.org) y **negrita**.", "Línea uno\nlínea dos", "- a\n- b", "Simple."} {
		want := New(false).goldmark(src)
		first, second := New(false), New(false)
		plain := first.Plain(src)
		html, err := first.Block(src)
		if err != nil {
			t.Fatal(err)
		}
		html2, err := second.Block(src)
		if err != nil {
			t.Fatal(err)
		}
		plain2 := second.Plain(src)
		if plain != want.plain || plain2 != want.plain || html != want.html || html2 != want.html {
			t.Errorf("%q: plain %q / %q, HTML %q / %q; goldmark gives %q and %q", src, plain, plain2, html, html2, want.plain, want.html)
		}
	}
}
