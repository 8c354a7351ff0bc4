package output

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func writeBytes(b []byte) func(io.Writer) error {
	return func(w io.Writer) error { _, err := w.Write(b); return err }
}

// A regular file is replaced whole and keeps its mode; a write that fails leaves it as it
// was; nothing but the file is left in its folder.
func TestWriteFileRegular(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "lista.pdf")
	if err := WriteFile(name, writeBytes([]byte("nuevo"))); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(name); info.Mode().Perm() != 0o644 {
		t.Errorf("new file mode %v, want 0644", info.Mode())
	}
	if err := os.Chmod(name, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(name, writeBytes([]byte("otro"))); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(name); string(b) != "otro" {
		t.Errorf("content %q", b)
	}
	if info, _ := os.Stat(name); info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v after the rewrite, want the user's 0640", info.Mode())
	}
	failed := errors.New("falló")
	err := WriteFile(name, func(w io.Writer) error { io.WriteString(w, "medio"); return failed })
	if !errors.Is(err, failed) {
		t.Fatalf("err %v", err)
	}
	if b, _ := os.ReadFile(name); string(b) != "otro" {
		t.Errorf("after a failed write: %q, want the file as it was", b)
	}
	assertOnly(t, dir, "lista.pdf")
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, " ") != strings.Join(names, " ") {
		t.Errorf("%s holds %q, want %q", dir, got, names)
	}
}

// A symbolic link is followed: the file it leads to gets the bytes, the link stays.
func TestWriteFileThroughLink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "lotes", "lote-1.pdf")
	if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(real, []byte("viejo"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "lista.pdf")
	if err := os.Symlink(filepath.Join("lotes", "lote-1.pdf"), link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	dangling := filepath.Join(dir, "nueva.pdf")
	if err := os.Symlink(filepath.Join(dir, "lotes", "lote-2.pdf"), dangling); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ link, real string }{{link, real}, {dangling, filepath.Join(dir, "lotes", "lote-2.pdf")}} {
		if err := WriteFile(tt.link, writeBytes([]byte("nuevo"))); err != nil {
			t.Fatal(err)
		}
		if info, err := os.Lstat(tt.link); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s is no longer a link", tt.link)
		}
		if b, _ := os.ReadFile(tt.real); string(b) != "nuevo" {
			t.Errorf("%s holds %q, want the new bytes", tt.real, b)
		}
	}
	assertOnly(t, filepath.Join(dir, "lotes"), "lote-1.pdf", "lote-2.pdf")
}

// /dev/stdout reaches the process's standard output, be it a pipe or a file a shell appends
// to (what was there before stays).
func TestWriteFileStdout(t *testing.T) {
	if os.Getenv("PAUTA_FILE_HELPER") != "" {
		t.Skip("helper process")
	}
	if _, err := os.Stat("/dev/stdout"); err != nil {
		t.Skipf("no /dev/stdout here: %v", err)
	}
	// As root a rename into /dev succeeds: a broken WriteFile would replace the machine's
	// /dev/stdout. /dev/fd/1 takes the same path, and no rename can reach it (/dev/fd leads
	// into /proc).
	name := "/dev/stdout"
	if os.Geteuid() == 0 {
		name = "/dev/fd/1"
	}
	helper := func(stdout io.Writer) error {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriteFile$")
		cmd.Env = append(os.Environ(), "PAUTA_FILE_HELPER="+name, "PAUTA_FILE_BYTES=%PDF-salida")
		cmd.Stdout = stdout
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("%v: %s", err, stderr.String())
		}
		return nil
	}
	var pipe bytes.Buffer // exec gives the process a pipe
	if err := helper(&pipe); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(pipe.String(), "%PDF-salida") {
		t.Errorf("through a pipe: %q", pipe.String())
	}
	log := filepath.Join(t.TempDir(), "registro")
	if err := os.WriteFile(log, []byte("antes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(log, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	err = helper(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(log); !strings.HasPrefix(string(b), "antes\n%PDF-salida") {
		t.Errorf("appended to a file: %q", b)
	}
}

// TestHelperWriteFile is the process the tests of WriteFile run: it writes PAUTA_FILE_BYTES to
// PAUTA_FILE_HELPER, and with PAUTA_FILE_HANG it says so and waits to be killed half-way.
func TestHelperWriteFile(t *testing.T) {
	name := os.Getenv("PAUTA_FILE_HELPER")
	if name == "" {
		t.Skip("run by the WriteFile tests only")
	}
	err := WriteFile(name, func(w io.Writer) error {
		if _, err := io.WriteString(w, os.Getenv("PAUTA_FILE_BYTES")); err != nil {
			return err
		}
		if os.Getenv("PAUTA_FILE_HANG") != "" {
			fmt.Fprintln(os.Stderr, "writing")
			select {}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A missing folder or a folder given as the file is told apart, and nothing is created.
func TestWriteFileBadPath(t *testing.T) {
	dir := t.TempDir()
	if err := WriteFile(filepath.Join(dir, "no", "existe", "lista.pdf"), writeBytes(nil)); !errors.Is(err, ErrNoFolder) {
		t.Errorf("missing folder: %v, want ErrNoFolder", err)
	}
	if err := WriteFile(dir, writeBytes(nil)); !errors.Is(err, ErrIsFolder) {
		t.Errorf("a folder: %v, want ErrIsFolder", err)
	}
	assertOnly(t, dir)
}

// A run killed half-way leaves its temporary file; the next run in that folder removes it,
// and leaves alone the temporary file of a run still going and the user's own files.
func TestWriteFileRemovesLeftovers(t *testing.T) {
	if os.Getenv("PAUTA_FILE_HELPER") != "" {
		t.Skip("helper process")
	}
	dir := t.TempDir()
	name := filepath.Join(dir, "lote.pdf")
	if err := os.WriteFile(name, []byte("lote anterior"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriteFile$")
	cmd.Env = append(os.Environ(), "PAUTA_FILE_HELPER="+name, "PAUTA_FILE_BYTES=%PDF-medio", "PAUTA_FILE_HANG=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if line, err := bufio.NewReader(stderr).ReadString('\n'); err != nil || line != "writing\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("helper: %q %v", line, err)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if b, _ := os.ReadFile(name); string(b) != "lote anterior" {
		t.Errorf("after the kill lote.pdf holds %q, want it as it was", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Fatalf("after the kill: %d files, want lote.pdf and the dead run's temporary file", len(entries))
	}
	// A run still going: this test's parent process, alive for as long as the test runs.
	live := filepath.Join(dir, ".otro.pdf"+tempInfix+strconv.Itoa(os.Getppid())+"-42")
	mine := filepath.Join(dir, ".notas.txt")
	for _, f := range []string{live, mine} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := WriteFile(name, writeBytes([]byte("%PDF-nuevo"))); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, dir, ".notas.txt", filepath.Base(live), "lote.pdf")
	// Untouched for a day, a temporary file goes even if its process cannot be told dead.
	old := time.Now().Add(-tempMaxAge - time.Hour)
	if err := os.Chtimes(live, old, old); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(name, writeBytes([]byte("%PDF-nuevo"))); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, dir, ".notas.txt", "lote.pdf")
}

func TestTempOwner(t *testing.T) {
	tests := []struct {
		name string
		pid  int
		ok   bool
	}{
		{".lista.pdf.pauta-tmp-4242-123456", 4242, true},
		{".a.pauta-tmp-b.pdf.pauta-tmp-7-1", 7, true},
		{"lista.pdf.pauta-tmp-4242-123456", 0, false},
		{".lista.pdf.pauta-tmp-4242", 0, false},
		{".lista.pdf.pauta-tmp-x-1", 0, false},
		{".lista.pdf.pauta-tmp-0-1", 0, false},
		{".lista.pdf.123456", 0, false},
	}
	for _, tt := range tests {
		if pid, ok := tempOwner(tt.name); pid != tt.pid || ok != tt.ok {
			t.Errorf("tempOwner(%q) = %d, %v; want %d, %v", tt.name, pid, ok, tt.pid, tt.ok)
		}
	}
}
