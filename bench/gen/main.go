// Command gen writes a synthetic procedure project for benchmarks: N manual sections of about
// 300 words each (in chapters of ten numbered steps, some with checklist items), and the same
// sections as a Hugo site of N pages with a reader's navigation, so both tools build the same
// text. With -from it writes only the Hugo site, from a pauta project's own manual and pages
// (the seed).
//
// The words are drawn from a lexicon of -lexicon distinct words with a Zipf-like frequency:
// the domain's words (articles and prepositions first) take the top ranks, and Spanish-like
// words made from syllables and endings follow, so stemming, the search index and Pagefind
// see a vocabulary of thousands of words as in real prose. gen prints the distinct and total
// word counts of what it wrote.
//
//	go run ./bench/gen -n 1000 -out /tmp/pauta-bench/1000
//	go run ./bench/gen -from . -out /tmp/pauta-bench/seed
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/requinoa/pauta/internal/procedure"
)

func main() {
	n := flag.Int("n", 100, "number of sections")
	out := flag.String("out", "", "folder to write (created; must not exist)")
	words := flag.Int("words", 300, "words per section")
	lexicon := flag.Int("lexicon", 20000, "distinct words the text is drawn from")
	from := flag.String("from", "", "write only the Hugo site, from this pauta project's text")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gen: -out is required")
		os.Exit(2)
	}
	var err error
	if *from != "" {
		err = writeFrom(*from, *out)
	} else {
		err = write(*out, *n, *words, newLexicon(*lexicon))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// domain is the top of the lexicon, most frequent first: words of the procedure's domain, so
// the commonest words are real Spanish.
var domain = strings.Fields(`de la el en que los se del las por un con una para al usuario
técnico soporte sesión acceso equipo remoto municipalidad dirección unidad procedimiento
autorización autenticación identidad verificar verifica verificación registro registra registrar
solicitud solicita problema problemas resolver resuelve diagnóstico diagnosticar conexión
conectar datos seguridad política políticas confidencial información archivo archivos red
servidor instalación instalar configurar configuración respaldo respaldos contraseña cambio
cambios informe informes auditoría control revisión revisa mantener mantiene comunicación clara
profesional cierre cerrar finaliza resumen acciones realizadas emergencia visita presencial
alternativa alternativas departamento personal funcionario funcionarios jefatura plazo día
días hora horas firma firmar documento documentos oficio memorándum decreto ley artículo
reglamento norma normas aplica aplicar deberá deberán podrá cuando donde cada todo toda todos
todas nuevo nueva anterior siguiente primero segundo tercero correo teléfono anexo usuarios
técnicos remota sesiones accesos equipos procedimientos`)

// Syllables and endings of the made-up words: Spanish onsets, vowels and codas (one word in
// five gets one accented vowel), and the endings of Spanish nouns, adjectives, verbs and adverbs, so stemmers
// find suffixes to strip.
var (
	onsets  = strings.Fields(`b c d f g l m n p r s t v ch ll br cr dr pl tr gr fl bl j z qu ñ x x x x x`)
	vowels  = strings.Fields(`a e i o u a e o a e i o`)
	accent  = strings.NewReplacer("a", "á", "e", "é", "i", "í", "o", "ó", "u", "ú")
	codas   = strings.Fields(`x x x x x x n s r l`)
	endings = strings.Fields(`x x x x ción ciones mente ado ada ados adas ar er ir idad idades
		oso osa ista miento mientos able ible ando iendo aba ía ante entes ura eza ero era`)
)

// lexicon is the words by rank, and the cumulative Zipf-Mandelbrot weights of the ranks.
type lexicon struct {
	words []string
	cum   []float64
}

// newLexicon makes size distinct words, deterministically. Rank k weighs 1/(k+2.7), as word
// frequencies in prose do (Mandelbrot's offset flattens the very top).
func newLexicon(size int) *lexicon {
	r := rand.New(rand.NewPCG(2387, 14))
	pick := func(l []string) string {
		s := l[r.IntN(len(l))]
		if s == "x" {
			return ""
		}
		return s
	}
	seen := map[string]bool{}
	var words []string
	add := func(w string) {
		if !seen[w] && len(words) < size {
			seen[w] = true
			words = append(words, w)
		}
	}
	for _, w := range domain {
		add(w)
	}
	for len(words) < size {
		var b strings.Builder
		stress := -1
		syllables := 1 + r.IntN(3)
		if r.IntN(5) == 0 {
			stress = r.IntN(syllables)
		}
		for i := range syllables {
			b.WriteString(pick(onsets))
			if v := pick(vowels); i == stress {
				b.WriteString(accent.Replace(v))
			} else {
				b.WriteString(v)
			}
			if r.IntN(3) == 0 {
				b.WriteString(pick(codas))
			}
		}
		if stress < 0 {
			b.WriteString(pick(endings))
		}
		if w := b.String(); utf8.RuneCountInString(w) >= 3 {
			add(w)
		}
	}
	cum := make([]float64, len(words))
	total := 0.0
	for k := range words {
		total += 1 / (float64(k) + 2.7)
		cum[k] = total
	}
	return &lexicon{words: words, cum: cum}
}

// word draws one word by its weight.
func (l *lexicon) word(r *rand.Rand) string {
	x := r.Float64() * l.cum[len(l.cum)-1]
	return l.words[min(sort.SearchFloat64s(l.cum, x), len(l.words)-1)]
}

// text draws sentences and paragraphs from a lexicon.
type text struct {
	r   *rand.Rand
	lex *lexicon
}

func (t text) sentence(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = t.lex.word(t.r)
	}
	s := strings.Join(w, " ")
	first, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(first)) + s[size:] + "."
}

func (t text) paragraph(words int) string {
	var parts []string
	for words > 0 {
		k := min(words, 8+t.r.IntN(12))
		parts = append(parts, t.sentence(k))
		words -= k
	}
	return strings.Join(parts, " ")
}

// markdownBody is a section's text as people write it: two or three paragraphs, some words
// in bold, now and then a link, so both tools parse real Markdown and not only plain prose.
func (t text) markdownBody(words, section int) string {
	r := t.r
	n := 2 + r.IntN(2)
	paras := make([]string, n)
	for i := range paras {
		p := t.paragraph(words / n)
		if r.IntN(3) == 0 {
			w := strings.Fields(p)
			k := 1 + r.IntN(len(w)-3)
			w[k] = "**" + w[k] + " " + w[k+1] + "**"
			w = append(w[:k+1], w[k+2:]...)
			p = strings.Join(w, " ")
		}
		paras[i] = p
	}
	if section%10 == 0 {
		paras[n-1] += fmt.Sprintf(" Ver [la norma %d](https://www.ejemplo.cl/normas/%d).", section, section)
	}
	return strings.Join(paras, "\n\n")
}

// yamlQuote writes s as a YAML double-quoted scalar, line breaks escaped (a raw blank line
// inside quotes would fold).
func yamlQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

// wrapWidth is where the seed's source breaks its lines.
const wrapWidth = 96

// wrap breaks each paragraph of md into lines of at most wrapWidth bytes, at spaces, as an
// editor does.
func wrap(md string) string {
	paras := strings.Split(md, "\n\n")
	for i, p := range paras {
		var b strings.Builder
		line := 0
		for j, w := range strings.Fields(p) {
			switch {
			case j == 0:
			case line+1+len(w) > wrapWidth:
				b.WriteByte('\n')
				line = 0
			default:
				b.WriteByte(' ')
				line++
			}
			b.WriteString(w)
			line += len(w)
		}
		paras[i] = b.String()
	}
	return strings.Join(paras, "\n\n")
}

// yamlBlock writes text as a YAML block scalar whose lines are indented by indent, the way the
// source format's documentation and the seed write long texts: a literal block (|-) keeps
// the lines and paragraphs of Markdown as they are, a folded one (>-) joins the lines of a
// one-paragraph text.
func yamlBlock(style, text, indent string) string {
	return style + "\n" + indent + strings.ReplaceAll(strings.ReplaceAll(text, "\n", "\n"+indent), "\n"+indent+"\n", "\n\n")
}

// wordCount counts the words of texts as a reader would (letters only, lower case).
type wordCount struct {
	total    int
	distinct map[string]bool
}

func (c *wordCount) add(s string) {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		c.total++
		c.distinct[strings.ToLower(w)] = true
	}
}

func write(out string, n, words int, lex *lexicon) error {
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s exists", out)
	}
	t := text{r: rand.New(rand.NewPCG(uint64(n), 2387)), lex: lex}
	count := wordCount{distinct: map[string]bool{}}
	var y strings.Builder
	y.WriteString(`pauta: 1
organization:
  name: Municipalidad de Prueba
  unit: Departamento de Informática
decree:
  kind: DECRETO ALCALDICIO
  number: 1000
  date: 2025-01-15
  place: PRUEBA
  subject: APRUEBA PROCEDIMIENTO SINTÉTICO DE PRUEBA.
  opening: "Esta Alcaldía decretó hoy lo siguiente:"
  vistos:
    - id: ley-18695
      text: La Ley N° 18.695, Orgánica Constitucional de Municipalidades.
  considerando:
    - id: necesidad
      text: La necesidad de medir el tiempo de construcción.
  resolutions:
    - id: aprueba
      text: APRUÉBASE el procedimiento sintético.
  closing: ANÓTESE, COMUNÍQUESE Y ARCHÍVESE.-
  signatories:
    - id: secretaria
      name: NOMBRE SECRETARIA
      role: SECRETARIA MUNICIPAL
    - id: alcalde
      name: NOMBRE ALCALDE
      role: ALCALDE
manual:
  title: Manual sintético
  sections:
`)
	site := hugoSite{title: "Manual sintético"}
	for c := 0; c*10 < n; c++ {
		title := fmt.Sprintf("Capítulo %d", c+1)
		fmt.Fprintf(&y, "    - id: capitulo-%d\n      title: %s\n      numbered: true\n      label: paso\n      sections:\n", c+1, title)
		ch := hugoChapter{title: title}
		for s := c * 10; s < min(n, c*10+10); s++ {
			title := strings.TrimSuffix(t.sentence(3), ".")
			body := wrap(t.markdownBody(words-20, s))
			item := t.paragraph(20)
			fmt.Fprintf(&y, "        - id: seccion-%d\n          title: %s\n          text: %s\n          list: letters\n          items:\n            - id: item-%d\n              text: %s\n",
				s+1, yamlQuote(title), yamlBlock("|-", body, "            "), s+1, yamlBlock(">-", wrap(item), "                "))
			if s%50 == 0 {
				fmt.Fprintf(&y, "          checks:\n            - id: verificacion-%d\n              phase: antes\n              text: %s\n              from: [item-%d]\n",
					s+1, yamlQuote(strings.TrimSuffix(t.sentence(8), ".")), s+1)
			}
			count.add(title + " " + body + " " + item)
			ch.pages = append(ch.pages, hugoPage{title: title, body: body + "\n\n- " + item + "\n"})
		}
		site.chapters = append(site.chapters, ch)
	}
	y.WriteString(`checklist:
  code: PR-01
  title: Lista de verificación sintética
  phases:
    - id: antes
      title: Antes de empezar
  signatures:
    - id: tecnico
      title: Técnico
    - id: usuario
      title: Usuario
`)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "procedure.yaml"), []byte(y.String()), 0o644); err != nil {
		return err
	}
	if err := site.write(filepath.Join(out, "hugo")); err != nil {
		return err
	}
	fmt.Printf("%d sections, %d words, %d distinct\n", n, count.total, len(count.distinct))
	return nil
}

// writeFrom writes the Hugo site of a pauta project: a chapter for each top-level section of
// its manual, a page for each section under it (its own sub-sections as headings), a page for
// the decree's text and one for each further page, as pauta's site has.
func writeFrom(src, out string) error {
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s exists", out)
	}
	p, err := procedure.Load(os.DirFS(src), procedure.DefaultFile)
	if err != nil {
		return err
	}
	site := hugoSite{title: p.Manual.Title}
	for _, top := range p.Manual.Sections {
		ch := hugoChapter{title: top.Title, text: sectionText(top, 0, false)}
		for _, s := range top.Sections {
			ch.pages = append(ch.pages, hugoPage{title: s.Title, body: sectionText(s, 0, true)})
		}
		site.chapters = append(site.chapters, ch)
	}
	var d strings.Builder
	for _, part := range []struct {
		title string
		paras []*procedure.Paragraph
	}{{"VISTOS", p.Decree.Vistos}, {"CONSIDERANDO", p.Decree.Considerando}, {"DECRETO", p.Decree.Resolutions}} {
		fmt.Fprintf(&d, "## %s\n\n", part.title)
		for _, para := range part.paras {
			fmt.Fprintf(&d, "%s\n\n", para.Text)
		}
	}
	site.pages = append(site.pages, hugoPage{title: "Decreto", body: d.String()})
	for _, pg := range p.Pages {
		site.pages = append(site.pages, hugoPage{title: pg.Title, body: string(pg.Body)})
	}
	return site.write(filepath.Join(out, "hugo"))
}

// sectionText is a section's Markdown, its items as a list and, when deep, its sub-sections
// under headings one level down.
func sectionText(s *procedure.Section, level int, deep bool) string {
	var b strings.Builder
	if level > 0 {
		fmt.Fprintf(&b, "%s %s\n\n", strings.Repeat("#", level+1), s.Title)
	}
	if s.Text != "" {
		fmt.Fprintf(&b, "%s\n\n", s.Text)
	}
	for _, it := range s.Items {
		fmt.Fprintf(&b, "- %s\n", strings.ReplaceAll(string(it.Text), "\n", "\n  "))
	}
	if len(s.Items) > 0 {
		b.WriteString("\n")
	}
	if deep {
		for _, sub := range s.Sections {
			b.WriteString(sectionText(sub, level+1, true))
		}
	}
	return b.String()
}

// A Hugo site: chapters of pages, then further pages, in reading order.
type (
	hugoSite struct {
		title    string
		chapters []hugoChapter
		pages    []hugoPage
	}
	hugoChapter struct {
		title, text string
		pages       []hugoPage
	}
	hugoPage struct{ title, body string }
)

// hugoFiles is a small theme of the kind a reader expects of a manual: every page has a
// sidebar listing the chapters, the current chapter opened on its pages, and a page links to
// the one before and after it (Hugo's .Next is the page before in weight order, .Prev the one
// after). The sidebar is cached per chapter (partialCached), as a
// careful theme does, so Hugo renders it once per chapter and not once per page; the pages
// are searchable by Pagefind in their main element only.
var hugoFiles = map[string]string{
	"layouts/baseof.html": `<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title><link rel="stylesheet" href="/estilo.css"></head>
<body><header><a href="/">{{ site.Title }}</a></header>
<div class="cuerpo">{{ partialCached "nav.html" . .CurrentSection.RelPermalink }}
<main data-pagefind-body>{{ block "main" . }}{{ end }}</main></div></body></html>
`,
	"layouts/_partials/nav.html": `{{ $cur := .CurrentSection }}<nav aria-label="Capítulos"><ul>
{{ range site.Home.Pages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ if eq . $cur }}<ul>
{{ range .Pages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>{{ end }}</li>
{{ end }}</ul></nav>`,
	"layouts/page.html": `{{ define "main" }}{{ with .Parent }}{{ if not .IsHome }}<p><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}{{ end }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<nav aria-label="Páginas">{{ with .Next }}<a rel="prev" href="{{ .RelPermalink }}">← {{ .Title }}</a>{{ end }}
{{ with .Prev }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }} →</a>{{ end }}</nav>{{ end }}
`,
	"layouts/section.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ol>{{ range .Pages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol>{{ end }}
`,
	"layouts/home.html": `{{ define "main" }}<h1>{{ site.Title }}</h1>
<ol>{{ range .Pages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol>{{ end }}
`,
	"static/estilo.css": `body{font:1rem/1.5 system-ui,sans-serif;margin:0}header{padding:.5rem 1rem;border-bottom:1px solid #ccc}
.cuerpo{display:flex;gap:2rem}nav[aria-label=Capítulos]{flex:0 0 16rem;font-size:.9rem}main{max-width:44rem}
@media (max-width:50rem){.cuerpo{display:block}}
`,
}

func (s hugoSite) write(dir string) error {
	files := map[string]string{
		"hugo.toml": fmt.Sprintf("baseURL = 'https://example.org/'\nlanguageCode = 'es'\ntitle = %s\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n", tomlQuote(s.title)),
	}
	for name, body := range hugoFiles {
		files[name] = body
	}
	weight := 0
	front := func(title string) string {
		weight++
		return fmt.Sprintf("---\ntitle: %s\nweight: %d\n---\n\n", yamlQuote(title), weight)
	}
	for c, ch := range s.chapters {
		dir := fmt.Sprintf("content/capitulo-%03d", c+1)
		files[dir+"/_index.md"] = front(ch.title) + ch.text
		for i, p := range ch.pages {
			files[fmt.Sprintf("%s/seccion-%05d.md", dir, i+1)] = front(p.title) + p.body
		}
	}
	for i, p := range s.pages {
		files[fmt.Sprintf("content/pagina-%02d.md", i+1)] = front(p.title) + p.body
	}
	for name, body := range files {
		full := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func tomlQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
