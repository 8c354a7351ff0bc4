package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pauta buscar ranks as the site does and says why: scores, the words found and how.
func TestBuscar(t *testing.T) {
	for _, c := range []struct {
		args  []string
		code  int
		first string   // the first result's line, or a prefix of the output for no result
		has   []string // lines or parts of lines the output must show
	}{
		{[]string{"--max", "1", "terminar", "la", "asistencia"}, 0, "6. Finalización de la Sesión",
			[]string{"encontró: terminar → termino (palabra clave) · asistencia", "(10 más; use --max para verlos)"}},
		{[]string{"--max", "1", "verdad"}, 0, "", []string{"encontró: verdad → efecto (sinónimo)"}},
		{[]string{"que pasa si no hay conexion"}, 0, "Procedimiento de Emergencia",
			[]string{"(liviana)", "conexion → conexión"}},
		{[]string{"--max", "1", "confid"}, 0, "7. Seguridad y Confidencialidad",
			[]string{"encontró: confid → confidencialidad (completada)"}},
		{[]string{"--max", "30", "imprimir el manual"}, 0, "", []string{"Imprimir el manual  [ayuda]"}},
		{[]string{"xyzzy"}, 0, "Versión vigente 2024-2387 (código 3962-1CE9), la que muestra el sitio", []string{"Sin resultados para «xyzzy»."}},
		// «restaurar» is only in the text being prepared (content/publicar.md): the site,
		// which shows the version in force, does not find it; --borrador does.
		{[]string{"restaurar"}, 0, "", []string{"Sin resultados para «restaurar»."}},
		{[]string{"--borrador", "restaurar"}, 0, "Antes de empezar  [ayuda]", nil},
	} {
		code, out, errOut := run(t, append([]string{"buscar", "--src", "../.."}, c.args...)...)
		if code != c.code {
			t.Errorf("buscar %q: exit %d, want %d; %s", c.args, code, c.code, errOut)
			continue
		}
		lines := strings.Split(out, "\n")
		if c.first != "" {
			first := ""
			for _, l := range lines {
				if strings.HasPrefix(l, " 1. ") {
					first = l
				}
			}
			if !strings.HasSuffix(first, c.first) && !strings.HasPrefix(out, c.first) {
				t.Errorf("buscar %q: first result %q, want %q\n%s", c.args, first, c.first, out)
			}
		}
		for _, h := range c.has {
			if !strings.Contains(out, h) {
				t.Errorf("buscar %q: output lacks %q\n%s", c.args, h, out)
			}
		}
	}
	for _, args := range [][]string{{"buscar"}, {"buscar", "--max", "0", "x"}} {
		if code, _, errOut := run(t, append(args, "--src", "../..")...); code != ExitUsage || !strings.Contains(errOut, "pauta: ") {
			t.Errorf("%q: exit %d, %q; want a usage error", args, code, errOut)
		}
	}
	if code, _, errOut := run(t, "buscar", "--src", t.TempDir(), "algo"); code != ExitSource {
		t.Errorf("buscar without procedure.yaml: exit %d, %q", code, errOut)
	}
}

// pauta buscar says which words a result matched through its keywords (search.keywords).
func TestBuscarKeywords(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../../testdata/projects/minimal/procedure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile("../../testdata/projects/minimal/content/ayuda.md")
	if err != nil {
		t.Fatal(err)
	}
	withKeywords := string(src) + "search:\n  keywords:\n    objetivo: [meta final]\n"
	if err := os.WriteFile(filepath.Join(dir, "procedure.yaml"), []byte(withKeywords), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "ayuda.md"), page, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "buscar", "--src", dir, "--max", "1", "meta")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "encontró: meta (palabra clave)") {
		t.Errorf("output lacks the keyword mark:\n%s", out)
	}
}
