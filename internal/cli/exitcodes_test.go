package cli

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestExitCodes walks every mistake a user can make on the command line or in the source and
// checks what they see: exit code 1 for the source or a refused operation, 2 for the command
// line or a folder pauta cannot or will not write, a Spanish message saying what to do, and
// never an "error interno", which is kept for bugs.
func TestExitCodes(t *testing.T) {
	type setup func(t *testing.T, dir string) []string
	args := func(a ...string) setup { return func(*testing.T, string) []string { return a } }
	// inProject runs a command on the test project: the flags given come last, as typed.
	inProject := func(command string, flags ...string) setup {
		return func(_ *testing.T, dir string) []string { return append([]string{command, "--fuente", dir}, flags...) }
	}
	tests := []struct {
		name string
		args setup
		code int
		want string // in stdout or stderr
	}{
		// The command line.
		{"unknown flag", inProject("construir", "--bogus"), ExitUsage, "opción desconocida «--bogus»"},
		{"mistyped flag", inProject("construir", "--salda", "x"), ExitUsage, "opción desconocida «--salda»; ¿quiso decir «--salida»?"},
		{"mistyped English flag", inProject("build", "--ouy", "x"), ExitUsage, "¿quiso decir «--salida»?"},
		{"unknown shorthand", inProject("lista", "-z"), ExitUsage, "opción desconocida «-z»"},
		{"flag needs a value", inProject("lista", "--copias"), ExitUsage, "falta el valor de «--copias» (número de copias"},
		{"-o needs a value", inProject("lista", "-o"), ExitUsage, "falta el valor de «--salida»"},
		{"not a number", inProject("lista", "--copies", "abc"), ExitUsage, "«abc» no es un valor válido para «--copias»: escriba un número entero"},
		{"unknown command", args("buidl"), ExitUsage, "comando desconocido «buidl»; ¿quiso decir «build»?"},
		{"mistyped Spanish command", args("contruir"), ExitUsage, "¿quiso decir «construir»?"},
		{"unknown command before flags", inProject("buidl"), ExitUsage, "comando desconocido «buidl»"},
		{"help for an unknown command", args("ayuda", "publsh"), ExitUsage, "comando desconocido «publsh»; ¿quiso decir «publish»?"},
		{"unexpected argument", inProject("revisar", "otro"), ExitUsage, `argumento inesperado "otro"`},
		{"source folder missing", func(t *testing.T, _ string) []string {
			return []string{"revisar", "--fuente", filepath.Join(t.TempDir(), "no-existe")}
		}, ExitUsage, "no existe — indique la carpeta del proyecto"},
		{"source is a file", func(_ *testing.T, dir string) []string {
			return []string{"construir", "--src", filepath.Join(dir, "procedure.yaml")}
		}, ExitUsage, "es un archivo, no una carpeta"},
		{"unknown paper", inProject("lista", "--papel", "a5"), ExitUsage, `papel "a5" desconocido: use carta, oficio, a4`},
		{"no copies", inProject("lista", "--copias", "0"), ExitUsage, "--copias 0 fuera de rango: use de 1 a"},
		{"negative folio", inProject("lista", "--folio-inicial", "-1"), ExitUsage, "--folio-inicial -1 no válido"},
		{"port not a number", inProject("servir", "--direccion", "127.0.0.1:notaport"), ExitUsage, `el puerto "notaport" no es un número`},
		{"address without port", inProject("servir", "--addr", "127.0.0.1"), ExitUsage, "no es una dirección con puerto"},
		{"address not local", inProject("servir", "--addr", "192.0.2.1:8080"), ExitUsage, `"192.0.2.1" no es una dirección local`},
		{"port in use", func(t *testing.T, dir string) []string {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { ln.Close() })
			return []string{"servir", "--fuente", dir, "--direccion", ln.Addr().String()}
		}, ExitUsage, "el puerto ya está en uso"},
		{"bad date", inProject("publicar", "--decreto", "11", "--fecha", "2025-13-01"), ExitUsage, `--fecha "2025-13-01" no es una fecha AAAA-MM-DD válida`},
		{"no decree", inProject("publicar", "--fecha", "2025-04-01"), ExitUsage, "falta --decreto"},
		{"verify a missing file", inProject("verificar", "no-existe.pdf"), ExitUsage, "no es un código de versión (XXXX-XXXX) ni un archivo legible"},
		{"verify nothing", inProject("verificar"), ExitUsage, "indique un código de versión"},
		{"compare an unknown version", inProject("comparar", "2020-1", "borrador"), ExitUsage, `no hay una versión publicada "2020-1"; las versiones son: borrador`},
		{"compare one version", inProject("comparar", "borrador"), ExitUsage, "indique dos versiones"},
		{"init over a project", func(_ *testing.T, dir string) []string { return []string{"iniciar", dir} }, ExitUsage, "no está vacía (tiene content, procedure.yaml)"},

		// Folders pauta cannot or will not write.
		{"checklist into a missing folder", func(t *testing.T, dir string) []string {
			return []string{"lista", "--fuente", dir, "-o", filepath.Join(t.TempDir(), "falta", "lista.pdf")}
		}, ExitUsage, "no existe la carpeta"},
		{"checklist under a file", func(_ *testing.T, dir string) []string {
			return []string{"lista", "--fuente", dir, "-o", filepath.Join(dir, "procedure.yaml", "lista.pdf")}
		}, ExitUsage, "no existe la carpeta"},
		{"output is a file", func(_ *testing.T, dir string) []string {
			return []string{"construir", "--fuente", dir, "--salida", filepath.Join(dir, "procedure.yaml")}
		}, ExitUsage, "no fue escrita por pauta (es un archivo)"},
		{"output under a file", func(_ *testing.T, dir string) []string {
			return []string{"construir", "--fuente", dir, "--salida", filepath.Join(dir, "procedure.yaml", "public")}
		}, ExitUsage, "una parte de la ruta es un archivo, no una carpeta"},
		{"output of the user's own", func(_ *testing.T, dir string) []string {
			return []string{"construir", "--fuente", dir, "--salida", filepath.Join(dir, "content")}
		}, ExitUsage, "no fue escrita por pauta y no se reemplaza: elija otra con --salida"},
		{"previous output cannot be removed", func(t *testing.T, dir string) []string {
			out := filepath.Join(t.TempDir(), "public")
			if code, _, stderr := run(t, "construir", "--fuente", dir, "--salida", out); code != ExitOK {
				t.Fatalf("first build: %d %s", code, stderr)
			}
			makeUnremovable(t, filepath.Join(out, "assets"))
			return []string{"construir", "--fuente", dir, "--salida", out}
		}, ExitUsage, "pero no se pudo borrar la salida anterior"},
		{"procedure.yaml is a folder", func(t *testing.T, _ string) []string {
			dir := t.TempDir()
			if err := os.Mkdir(filepath.Join(dir, "procedure.yaml"), 0o755); err != nil {
				t.Fatal(err)
			}
			return []string{"revisar", "--fuente", dir}
		}, ExitUsage, "procedure.yaml: es una carpeta, no un archivo"},

		// The source, and refused operations.
		{"no procedure.yaml", func(t *testing.T, _ string) []string { return []string{"revisar", "--fuente", t.TempDir()} },
			ExitSource, "procedure.yaml: no existe — ejecute pauta en la carpeta del proyecto o indíquela con --fuente"},
		{"yaml syntax", func(t *testing.T, dir string) []string {
			edit(t, filepath.Join(dir, "procedure.yaml"), "      text: La Ley N° 18.695.\n", "      text: La Ley N° 18.695.\n    extra: x\n")
			return []string{"revisar", "--fuente", dir}
		}, ExitSource, "procedure.yaml:11:1: YAML no válido: se esperaba otro elemento de la lista, que empiece con «- »"},
		{"theme template does not parse", func(t *testing.T, dir string) []string {
			writeFile(t, filepath.Join(dir, "themes", "page.html"), "{{define \"content\"}}{{ .Foo \n{{end}}")
			return []string{"construir", "--fuente", dir, "--salida", filepath.Join(t.TempDir(), "public")}
		}, ExitSource, "themes/page.html:2:1: la plantilla del tema no se puede usar"},
		{"theme template fails", func(t *testing.T, dir string) []string {
			writeFile(t, filepath.Join(dir, "themes", "page.html"), "{{define \"content\"}}{{ .Foo }}{{end}}")
			return []string{"construir", "--fuente", dir, "--salida", filepath.Join(t.TempDir(), "public")}
		}, ExitSource, "themes/page.html:1:23: la plantilla del tema no se puede usar"},
		{"publish under another decree", inProject("publicar", "--decreto", "5", "--fecha", "2020-01-01"), ExitSource,
			"no con el N° 5 del 2020-01-01 — escriba en decree: el número y la fecha"},
		{"unknown version code", inProject("verificar", "ABCD-1234"), ExitSource, "el código ABCD-1234 no corresponde a ninguna versión publicada"},
		{"PDF without a version code", func(t *testing.T, dir string) []string {
			pdf := filepath.Join(t.TempDir(), "otro.pdf")
			writeFile(t, pdf, "%PDF-1.4\n1 0 obj << /Keywords (nada) >> endobj\n%%EOF\n")
			return []string{"verificar", "--fuente", dir, pdf}
		}, ExitSource, "no lleva un código de versión de pauta"},

		// What works, in both languages.
		{"version", args("--version"), ExitOK, "Go: " + runtime.Version()},
		{"help", args("help", "build"), ExitOK, "Uso:\n  pauta construir [opciones]"},
		{"ayuda", args("ayuda"), ExitOK, "Comandos:"},
		{"check", inProject("check"), ExitOK, "procedure.yaml: sin errores"},
		{"English flags and -o", func(t *testing.T, dir string) []string {
			return []string{"checklist", "--src", dir, "--paper", "oficio", "--copies", "2", "--folio-start", "7", "--fillable",
				"-o", filepath.Join(t.TempDir(), "lista.pdf")}
		}, ExitOK, "2 listas de verificación (folios 7 a 8)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := newProject(t)
			a := tt.args(t, dir)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel() // stops the watcher of a serve that could not listen
			var out, errOut bytes.Buffer
			code := Main(ctx, a, strings.NewReader(""), &out, &errOut)
			all := out.String() + errOut.String()
			if code != tt.code {
				t.Errorf("pauta %s: exit code %d, want %d\n%s", strings.Join(a, " "), code, tt.code, all)
			}
			if !strings.Contains(all, tt.want) {
				t.Errorf("pauta %s: output does not contain %q:\n%s", strings.Join(a, " "), tt.want, all)
			}
			for _, english := range []string{"error interno", "Usage:", "Flags:", "unknown", "flag needs", "invalid argument", "no such file"} {
				if strings.Contains(all, english) {
					t.Errorf("pauta %s: output says %q:\n%s", strings.Join(a, " "), english, all)
				}
			}
		})
	}
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
