package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript run pauta in-process as the "pauta" command of the scripts.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"pauta": func() {
			os.Exit(Main(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
		},
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: what a user types, what they see.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			return copyDir("../../testdata/projects/minimal", filepath.Join(env.WorkDir, "proyecto"))
		},
	})
}

// copyDir copies the project in from into to, a folder that does not exist yet.
func copyDir(from, to string) error { return os.CopyFS(to, os.DirFS(from)) }

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

// tree summarises every file under dir (path and SHA-256), to tell whether anything changed.
func tree(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		rel, _ := filepath.Rel(dir, p)
		lines = append(lines, rel+" "+hex.EncodeToString(sum[:8]))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func newProject(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "proyecto")
	if err := copyDir("../../testdata/projects/minimal", dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func edit(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBadSourceLeavesOutput: for each mistake, build fails with exit code 1 and the positioned
// message, and the site built before is untouched, byte for byte.
func TestBadSourceLeavesOutput(t *testing.T) {
	tests := []struct {
		name, file, old, new string
		want                 string
	}{
		{"unknown key", "procedure.yaml", "      title: Objetivo", "      titel: Objetivo",
			`procedure.yaml:29:7: manual.sections[1]: clave desconocida "titel" — ¿quiso decir "title"?`},
		{"impossible date", "procedure.yaml", "2025-03-04", "2025-02-29",
			`procedure.yaml:7:9: decree.date: "2025-02-29" no es una fecha válida`},
		{"dangling reference", "procedure.yaml", "from: [primero-a]", "from: [segundo-a]",
			`procedure.yaml:50:21: la verificación "hecho" cita "segundo-a", que no existe`},
		{"yaml syntax", "procedure.yaml", "  place: EJEMPLO", "  place: \"EJEMPLO", `procedure.yaml:`},
		{"missing page", "procedure.yaml", "content/ayuda.md", "content/otra.md",
			`procedure.yaml:62:11: no existe el archivo de contenido content/otra.md`},
		{"invalid utf-8 in page", "content/ayuda.md", "Texto", "T\xe9xto", `content/ayuda.md:3:2: el texto no es UTF-8 válido`},
		{"character the PDFs cannot print", "procedure.yaml", "      title: Objetivo", "      title: Objetivo 漢",
			`procedure.yaml:29:14: el carácter '漢' (U+6F22) no se puede imprimir: la fuente de los PDF no lo tiene`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := newProject(t)
			out := filepath.Join(t.TempDir(), "public")
			if code, _, stderr := run(t, "build", "--src", dir, "--out", out); code != ExitOK {
				t.Fatalf("first build failed (%d): %s", code, stderr)
			}
			before := tree(t, out)
			edit(t, filepath.Join(dir, tt.file), tt.old, tt.new)
			code, _, stderr := run(t, "build", "--src", dir, "--out", out)
			if code != ExitSource {
				t.Errorf("exit code %d, want %d (source error)", code, ExitSource)
			}
			if !strings.HasPrefix(stderr, tt.want) {
				t.Errorf("stderr:\n%s\nwant it to start with:\n%s", stderr, tt.want)
			}
			if !strings.Contains(stderr, "no se modificó ningún archivo") {
				t.Errorf("stderr does not say that nothing was written:\n%s", stderr)
			}
			if after := tree(t, out); after != before {
				t.Errorf("output changed after a failed build:\nbefore:\n%s\nafter:\n%s", before, after)
			}
			if code, _, _ := run(t, "check", "--src", dir); code != ExitSource {
				t.Errorf("check: exit code %d, want %d", code, ExitSource)
			}
		})
	}
}

// TestOutIsNotOurs: pointing --out at a folder of the user's own refuses to replace it.
func TestOutIsNotOurs(t *testing.T) {
	dir := newProject(t)
	out := t.TempDir()
	precious := filepath.Join(out, "tesis.docx")
	if err := os.WriteFile(precious, []byte("no borrar"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "build", "--src", dir, "--out", out)
	if code == ExitOK {
		t.Fatal("build replaced a folder pauta did not write")
	}
	if code != ExitUsage || !strings.Contains(stderr, "no fue escrita por pauta") {
		t.Errorf("stderr does not explain the refusal: %s", stderr)
	}
	if b, err := os.ReadFile(precious); err != nil || string(b) != "no borrar" {
		t.Errorf("the user's file was touched: %v %q", err, b)
	}
}
