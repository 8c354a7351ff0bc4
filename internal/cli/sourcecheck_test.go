package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The commands of the catalogue: renaming a command or a flag is one change here.
var (
	checkArgs   = func(src string) []string { return []string{"check", "--src", src} }
	buildArgs   = func(src, out string) []string { return []string{"build", "--src", src, "--out", out} }
	publishArgs = func(src string) []string {
		return []string{"publish", "--src", src, "--decreto", "10", "--fecha", "2025-03-04"}
	}
)

// badInput is one mistake in a project, made by setup in the project folder dir; want is the
// start of the message, with its position.
type badInput struct {
	name  string
	setup func(t *testing.T, dir string)
	want  string
}

func replace(file, old, new string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) { edit(t, filepath.Join(dir, file), old, new) }
}

func write(file, body string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(file))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// linkOut replaces file (or makes it) with a symbolic link to a file outside the project,
// holding what a link out of the project must never publish.
func linkOut(file string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		secret := filepath.Join(filepath.Dir(dir), "secreto.txt")
		if err := os.WriteFile(secret, []byte("# Secreto\n\nroot:x:0:0:clave\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		link(t, secret, filepath.Join(dir, filepath.FromSlash(file)))
	}
}

func link(t *testing.T, target, p string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	os.Remove(p)
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

func themeLine(file, line, with string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join("../../themes/default", file))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), line) {
			t.Fatalf("themes/default/%s has no %q", file, line)
		}
		write("themes/"+file, strings.Replace(string(b), line, with, 1))(t, dir)
	}
}

// badInputs is the catalogue of mistakes that check must find as build does.
var badInputs = []badInput{
	// Characters no output can show, in any text.
	{"tab in organization.name", replace("procedure.yaml", "name: Municipalidad de Ejemplo", `name: "Municipalidad\tde Ejemplo"`),
		"procedure.yaml:3:9: organization.name lleva un tabulador (U+0009) en el carácter 14"},
	{"NUL in organization.name", replace("procedure.yaml", "name: Municipalidad de Ejemplo", `name: "Municipalidad\0de Ejemplo"`),
		"procedure.yaml:3:9: organization.name lleva un carácter nulo (U+0000)"},
	{"SOH in the checklist title", replace("procedure.yaml", "title: Lista de prueba", `title: "Lista\x01de prueba"`),
		"procedure.yaml:53:10: checklist.title lleva un carácter de control (U+0001)"},
	{"ESC in a section title", replace("procedure.yaml", "title: Objetivo", `title: "Obje\etivo"`),
		`procedure.yaml:29:14: manual.sections[1].title lleva un carácter de escape (U+001B)`},
	{"DEL in the decree subject", replace("procedure.yaml", "subject: APRUEBA PROCEDIMIENTO DE PRUEBA.", `subject: "APRUEBA\x7f PROCEDIMIENTO"`),
		"procedure.yaml:9:12: decree.subject lleva un carácter de control (U+007F)"},
	{"NEL in a check", replace("procedure.yaml", "text: Se hizo algo", `text: "Se hizo\Nalgo"`),
		"procedure.yaml:49:21: manual.sections[2].sections[1].checks[1].text lleva un separador de línea (U+0085)"},
	{"form feed in a section text", replace("procedure.yaml", "text: Probar.", `text: "Pro\fbar."`),
		"procedure.yaml:30:13: manual.sections[1].text lleva un salto de página (U+000C)"},
	{"line break in a signature title", replace("procedure.yaml", "title: Técnico", "title: |-\n        Técnico\n        de soporte"),
		"procedure.yaml:59:14: checklist.signatures[1].title lleva un salto de línea (U+000A)"},
	{"C1 control in a field label", replace("procedure.yaml", "label: Fecha", `label: "Fe\x9bcha"`),
		"procedure.yaml:44:22: manual.sections[2].sections[1].fields[1].label lleva un carácter de control (U+009B)"},
	{"character the PDF fonts lack", replace("procedure.yaml", "      title: Objetivo", "      title: Objetivo 漢"),
		`procedure.yaml:29:14: el carácter '漢' (U+6F22) no se puede imprimir: la fuente de los PDF no lo tiene`},

	// Markdown headings whose anchor is taken on their page.
	{"heading named as its section", replace("procedure.yaml", "text: Probar.", "text: |-\n        ## Objetivo\n\n        Probar."),
		`procedure.yaml:30:13: el encabezado «Objetivo» de la sección "objetivo" tendría el id "objetivo", que ya es el de la sección "objetivo" (línea 28)`},
	{"heading named as another section", replace("procedure.yaml", "text: Probar.", "text: |-\n        ## Primero\n\n        Probar."),
		`procedure.yaml:30:13: el encabezado «Primero» de la sección "objetivo" tendría el id "primero", que ya es el de la sección "primero" (línea 39)`},
	{"heading the decree page uses", replace("procedure.yaml", "text: Probar.", "text: |-\n        ## Considerando\n\n        Probar."),
		`procedure.yaml:30:13: el encabezado «Considerando» de la sección "objetivo" tendría el id "considerando", que el sitio usa para sí`},
	{"one heading in two texts", func(t *testing.T, dir string) {
		replace("procedure.yaml", "text: Probar.", "text: |-\n        ## Notas\n\n        Probar.")(t, dir)
		replace("procedure.yaml", "text: Hacer algo.", `text: "Hacer algo.\n\n## Notas"`)(t, dir)
	}, `procedure.yaml:44:21: el encabezado «Notas» del ítem "primero-a" tendría el id "notas", que ya es el del encabezado «Notas» de la sección "objetivo" (línea 30)`},

	// Markdown goldmark must not parse.
	{"a page too big for Markdown", write("content/ayuda.md", "# Ayuda\n\n"+strings.Repeat("Texto de ayuda. ", 17000)),
		"content/ayuda.md:1:1: el texto pesa 266 KB, más de los 256 KB que admite un texto en Markdown"},
	{"failing links in a page", write("content/ayuda.md", "# Ayuda\n\n"+strings.Repeat("[a](<", 40000)),
		"content/ayuda.md:3:5003: el párrafo que empieza en la línea 3 tiene demasiados enlaces"},
	{"brackets in a page", write("content/ayuda.md", "# Ayuda\n\nTexto\n"+strings.Repeat("[", 1<<20)),
		"content/ayuda.md:1:1: el texto pesa 1025 KB"},
	{"unclosed brackets in a page", write("content/ayuda.md", "# Ayuda\n\nTexto "+strings.Repeat("[", 40)),
		"content/ayuda.md:3:39: el texto abre más de 32 corchetes «[» sin cerrarlos"},
	{"a list indented too deep in a page", write("content/ayuda.md", "# Ayuda\n\n- a\n"+strings.Repeat(" ", 130)+"- b\n"),
		"content/ayuda.md:4:1: la línea está sangrada más de 128 espacios"},
	{"nested quotes in a section text", replace("procedure.yaml", "text: Probar.", "text: \""+strings.Repeat(">", 40)+" Probar.\""),
		"procedure.yaml:30:13: el texto anida más de 32 citas o listas en una línea (línea 1, columna 33 del texto)"},

	// Files that are not the project's.
	{"page linked out of the project", linkOut("content/ayuda.md"),
		"content/ayuda.md: es un enlace simbólico que lleva fuera del proyecto"},
	{"new page linked out", func(t *testing.T, dir string) {
		linkOut("content/publicar.md")(t, dir)
		replace("procedure.yaml", "    file: content/ayuda.md", "    file: content/ayuda.md\n  - id: publicar\n    file: content/publicar.md")(t, dir)
	}, "content/publicar.md: es un enlace simbólico que lleva fuera del proyecto"},
	{"procedure.yaml linked out", linkOut("procedure.yaml"),
		"procedure.yaml: es un enlace simbólico que lleva fuera del proyecto"},
	{"content folder linked out", func(t *testing.T, dir string) {
		other := filepath.Join(filepath.Dir(dir), "otro")
		write("ayuda.md", "# Ayuda\n")(t, other)
		if err := os.RemoveAll(filepath.Join(dir, "content")); err != nil {
			t.Fatal(err)
		}
		link(t, other, filepath.Join(dir, "content"))
	}, "content/ayuda.md: es un enlace simbólico que lleva fuera del proyecto"},
	{"theme asset linked out", linkOut("themes/assets/x.txt"),
		"themes/assets/x.txt: es un enlace simbólico que lleva fuera del proyecto"},
	{"theme template linked out", linkOut("themes/page.html"),
		"themes/page.html: es un enlace simbólico que lleva fuera del proyecto"},
	{"theme asset linked to /dev/zero", func(t *testing.T, dir string) {
		link(t, "/dev/zero", filepath.Join(dir, "themes", "assets", "z.css"))
	}, "themes/assets/z.css: es un enlace simbólico que lleva fuera del proyecto, a /dev/zero"},
	{"named pipe in the theme", func(t *testing.T, dir string) {
		p := filepath.Join(dir, "themes", "assets", "f.css")
		write("themes/assets/.keep", "")(t, dir)
		if err := mkfifo(p); err != nil {
			t.Fatal(err)
		}
	}, "themes/assets/f.css: no es un archivo común sino una tubería con nombre (FIFO)"},
	{"named pipe as a page", func(t *testing.T, dir string) {
		p := filepath.Join(dir, "content", "ayuda.md")
		os.Remove(p)
		if err := mkfifo(p); err != nil {
			t.Fatal(err)
		}
	}, "content/ayuda.md: no es un archivo común sino una tubería con nombre (FIFO)"},
	{"theme asset too big", func(t *testing.T, dir string) {
		write("themes/assets/video.css", "")(t, dir)
		// A sparse file: its size is refused before a byte of it is read.
		if err := os.Truncate(filepath.Join(dir, "themes", "assets", "video.css"), 33<<20); err != nil {
			t.Fatal(err)
		}
	}, "themes/assets/video.css: pesa más de 32 MB"},

	// Theme overrides that cannot render.
	{"template that does not parse", themeLine("page.html", "{{.Page.Title}}", "{{.Page.Title"),
		"themes/page.html:3:1: la plantilla del tema no se puede usar: "},
	{"template calling an unknown function", themeLine("page.html", "{{.Page.Title}}", "{{titulo .Page.Title}}"),
		`themes/page.html:3:1: la plantilla del tema no se puede usar: function "titulo" not defined`},
	{"template reading an unknown field", themeLine("page.html", "{{.Page.Title}}", "{{.Page.Titulo}}"),
		`themes/page.html:3:`},
	{"template including an unknown template", themeLine("page.html", "{{.Page.Title}}", `{{template "nada" .}}`),
		`themes/page.html:3:`},
	{"layout that does not parse", themeLine("layout.html", "{{template \"content\" .}}", "{{template \"content\" .}"),
		"themes/layout.html:"},
}

// TestCheckFindsWhatBuildRefuses runs every mistake of the catalogue through check and build
// (and publish, which must refuse it too): each command exits 1 with the same positioned
// message, and the site built before stays as it was, byte for byte.
func TestCheckFindsWhatBuildRefuses(t *testing.T) {
	for _, tc := range badInputs {
		t.Run(tc.name, func(t *testing.T) {
			dir := newProject(t)
			out := filepath.Join(t.TempDir(), "public")
			if code, _, stderr := run(t, buildArgs(dir, out)...); code != ExitOK {
				t.Fatalf("first build failed (%d): %s", code, stderr)
			}
			before := tree(t, out)
			tc.setup(t, dir)
			for _, cmd := range []struct {
				name string
				args []string
			}{{"check", checkArgs(dir)}, {"build", buildArgs(dir, out)}, {"publish", publishArgs(dir)}} {
				code, stdout, stderr := run(t, cmd.args...)
				if code != ExitSource {
					t.Errorf("%s: exit code %d, want %d\nstdout: %s\nstderr: %s", cmd.name, code, ExitSource, stdout, stderr)
					continue
				}
				if !strings.HasPrefix(stderr, tc.want) {
					t.Errorf("%s: stderr:\n%s\nwant it to start with:\n%s", cmd.name, stderr, tc.want)
				}
				if strings.Contains(stderr+stdout, "root:x:0:0") {
					t.Errorf("%s: printed the file outside the project", cmd.name)
				}
			}
			if after := tree(t, out); after != before {
				t.Errorf("output changed after a refused build:\nbefore:\n%s\nafter:\n%s", before, after)
			}
			if _, err := os.Stat(filepath.Join(dir, "content", "versiones", "2025-10")); err == nil {
				t.Error("publish published a refused project")
			}
		})
	}
}
