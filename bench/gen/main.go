// Command gen writes a synthetic procedure project for benchmarks: N manual sections of about
// 300 words each (in chapters of ten numbered steps, some with checklist items), and the same
// sections as N Markdown pages of a Hugo site, so both tools build the same text.
//
//	go run ./bench/gen -n 1000 -out /tmp/pauta-bench/1000
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	n := flag.Int("n", 100, "number of sections")
	out := flag.String("out", "", "folder to write (created; must not exist)")
	words := flag.Int("words", 300, "words per section")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gen: -out is required")
		os.Exit(2)
	}
	if err := write(*out, *n, *words); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// vocabulary is a set of words from the domain, so stemming and search see realistic text.
var vocabulary = strings.Fields(`el la los las de del en con por para que se un una al usuario
usuarios técnico técnicos soporte remoto remota sesión sesiones acceso accesos equipo equipos
municipalidad dirección unidad procedimiento procedimientos autorización autenticación
identidad verificar verifica verificación registro registra registrar solicitud solicita
problema problemas resolver resuelve diagnóstico diagnosticar conexión conectar datos
seguridad política políticas confidencial información archivo archivos red servidor
instalación instalar configurar configuración respaldo respaldos contraseña cambio cambios
informe informes auditoría control revisión revisa mantener mantiene comunicación clara
profesional cierre cerrar finaliza resumen acciones realizadas emergencia visita presencial
alternativa alternativas departamento personal funcionario funcionarios jefatura plazo día
días hora horas firma firmar documento documentos oficio memorándum decreto ley artículo
reglamento norma normas aplica aplicar deberá deberán podrá cuando donde cada todo toda
todos todas nuevo nueva anterior siguiente primero segundo tercero correo teléfono anexo`)

// Package-level read-only data above; the generator's state lives in main's locals.

func sentence(r *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = vocabulary[r.IntN(len(vocabulary))]
	}
	s := strings.Join(w, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func paragraph(r *rand.Rand, words int) string {
	var parts []string
	for words > 0 {
		k := min(words, 8+r.IntN(12))
		parts = append(parts, sentence(r, k))
		words -= k
	}
	return strings.Join(parts, " ")
}

// markdownBody is a section's text as people write it: two or three paragraphs, some words
// in bold, now and then a link, so both tools parse real Markdown and not only plain prose.
func markdownBody(r *rand.Rand, words, section int) string {
	n := 2 + r.IntN(2)
	paras := make([]string, n)
	for i := range paras {
		p := paragraph(r, words/n)
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

func write(out string, n, words int) error {
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s exists", out)
	}
	r := rand.New(rand.NewPCG(uint64(n), 2387))
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
	type page struct{ title, body string }
	var pages []page
	for c := 0; c*10 < n; c++ {
		fmt.Fprintf(&y, "    - id: capitulo-%d\n      title: Capítulo %d\n      numbered: true\n      label: paso\n      sections:\n", c+1, c+1)
		for s := c * 10; s < min(n, c*10+10); s++ {
			title := strings.TrimSuffix(sentence(r, 3), ".")
			body := wrap(markdownBody(r, words-20, s))
			item := paragraph(r, 20)
			fmt.Fprintf(&y, "        - id: seccion-%d\n          title: %s\n          text: %s\n          list: letters\n          items:\n            - id: item-%d\n              text: %s\n",
				s+1, yamlQuote(title), yamlBlock("|-", body, "            "), s+1, yamlBlock(">-", wrap(item), "                "))
			if s%50 == 0 {
				fmt.Fprintf(&y, "          checks:\n            - id: verificacion-%d\n              phase: antes\n              text: %s\n              from: [item-%d]\n",
					s+1, yamlQuote(strings.TrimSuffix(sentence(r, 8), ".")), s+1)
			}
			pages = append(pages, page{title: title, body: body + "\n\n- " + item + "\n"})
		}
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
	if err := os.MkdirAll(filepath.Join(out, "hugo", "content"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "procedure.yaml"), []byte(y.String()), 0o644); err != nil {
		return err
	}
	// The same text as a plain Hugo site: one page per section, minimal templates.
	files := map[string]string{
		"hugo/hugo.toml":                    "baseURL = 'https://example.org/'\nlanguageCode = 'es'\ntitle = 'Manual sintético'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n",
		"hugo/layouts/_default/single.html": "<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n",
		"hugo/layouts/_default/list.html":   "<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n",
	}
	for i, p := range pages {
		files[fmt.Sprintf("hugo/content/seccion-%05d.md", i+1)] = fmt.Sprintf("---\ntitle: %s\nweight: %d\n---\n\n%s", yamlQuote(p.title), i+1, p.body)
	}
	for name, body := range files {
		full := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			return err
		}
	}
	return nil
}
