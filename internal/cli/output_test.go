package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/requinoa/pauta/internal/output"
)

// What -o and --out do with the path a user gives: each case is what a user types, the exit
// code and message they get, and what is on disk after.
func TestOutputPaths(t *testing.T) {
	dir := newProject(t)
	tmp := t.TempDir()

	t.Run("checklist into a missing folder", func(t *testing.T) {
		code, _, stderr := run(t, "checklist", "--src", dir, "-o", filepath.Join(tmp, "no-existe", "lista.pdf"))
		if code != ExitUsage || !strings.Contains(stderr, "no existe la carpeta "+filepath.Join(tmp, "no-existe")) || strings.Contains(stderr, "error interno") {
			t.Errorf("exit %d, want %d with the missing folder named:\n%s", code, ExitUsage, stderr)
		}
	})
	t.Run("checklist into a folder", func(t *testing.T) {
		code, _, stderr := run(t, "checklist", "--src", dir, "-o", tmp)
		if code != ExitUsage || !strings.Contains(stderr, "es una carpeta, no un archivo") {
			t.Errorf("exit %d, want %d:\n%s", code, ExitUsage, stderr)
		}
	})
	t.Run("checklist through a symbolic link", func(t *testing.T) {
		real := filepath.Join(tmp, "lotes", "lote.pdf")
		if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(real, []byte("viejo"), 0o644); err != nil {
			t.Fatal(err)
		}
		link := filepath.Join(tmp, "lista.pdf")
		if err := os.Symlink(real, link); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
		mustRun(t, ExitOK, "checklist", "--src", dir, "-o", link)
		if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s is no longer a link", link)
		}
		if !strings.HasPrefix(readFile(t, real), "%PDF-") {
			t.Errorf("%s, where the link leads, is not the new PDF", real)
		}
	})

	t.Run("diff over a built site", func(t *testing.T) {
		mustRun(t, ExitOK, "publish", "--src", dir, "--decreto", "10", "--fecha", "2025-03-04")
		site := filepath.Join(tmp, "public")
		mustRun(t, ExitOK, "build", "--src", dir, "--out", site)
		before := tree(t, site)
		code, _, stderr := run(t, "diff", "--src", dir, "2025-10", "borrador", "-o", site)
		if code != ExitUsage || !strings.Contains(stderr, "tiene un sitio construido por pauta, y una comparación nunca lo reemplaza") {
			t.Errorf("exit %d, want %d:\n%s", code, ExitUsage, stderr)
		}
		if after := tree(t, site); after != before {
			t.Errorf("the site changed:\n%s\n→\n%s", before, after)
		}
		cmp := filepath.Join(tmp, "comparacion")
		for range 2 { // a comparison replaces the one before it
			mustRun(t, ExitOK, "diff", "--src", dir, "2025-10", "borrador", "-o", cmp)
		}
	})

	t.Run("build through a symbolic link", func(t *testing.T) {
		real := filepath.Join(tmp, "srv", "manual")
		mustRun(t, ExitOK, "build", "--src", dir, "--out", real)
		link := filepath.Join(tmp, "sitio")
		if err := os.Symlink(real, link); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
		edit(t, filepath.Join(dir, "procedure.yaml"), "text: Probar.", "text: Probar de nuevo.")
		mustRun(t, ExitOK, "build", "--src", dir, "--out", link, "--borrador")
		if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("%s is no longer a link", link)
		}
		if !strings.Contains(readFile(t, filepath.Join(real, "index.html")), "Probar de nuevo.") {
			t.Error("the site the link leads to was not rebuilt")
		}
	})
}

// A build of a folder another build is writing says it waits, and goes on once the other is
// done; one that may not wait is refused with exit 1, and the folder is the other's.
func TestBuildWaitsForAnother(t *testing.T) {
	dir := newProject(t)
	out := filepath.Join(t.TempDir(), "public")
	mustRun(t, ExitOK, "build", "--src", dir, "--out", out)
	before := tree(t, out)
	other, err := output.NewStage(t.Context(), out, output.Site)
	if err != nil {
		t.Fatal(err)
	}

	var stderr bytes.Buffer
	code := Main(output.WithLockWait(t.Context(), 0), []string{"build", "--src", dir, "--out", out}, strings.NewReader(""), &bytes.Buffer{}, &stderr)
	if code != ExitSource || !strings.Contains(stderr.String(), "otra construcción está escribiendo en la carpeta") || !strings.Contains(stderr.String(), "No se modificó nada.") {
		t.Errorf("exit %d, want %d:\n%s", code, ExitSource, stderr.String())
	}
	if after := tree(t, out); after != before {
		t.Error("the refused build changed the folder")
	}

	waitErr := &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- Main(context.Background(), []string{"build", "--src", dir, "--out", out}, strings.NewReader(""), &bytes.Buffer{}, waitErr)
	}()
	for !strings.Contains(waitErr.String(), "pauta: esperando a que termine otra construcción en "+out) {
		select {
		case code := <-done:
			t.Fatalf("the second build did not wait: exit %d\n%s", code, waitErr.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	other.Abort()
	if code := <-done; code != ExitOK {
		t.Fatalf("after the other build: exit %d\n%s", code, waitErr.String())
	}
}
