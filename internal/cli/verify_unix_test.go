//go:build unix

package cli

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestVerifyFIFO: opening a FIFO waits for a writer for ever; verify refuses it without opening it.
func TestVerifyFIFO(t *testing.T) {
	dir := newProject(t)
	fifo := filepath.Join(t.TempDir(), "tubo.pdf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	code, _, stderr := run(t, "verify", "--src", dir, fifo)
	if code != ExitUsage || !strings.Contains(stderr, "tubo.pdf no es un archivo común") {
		t.Errorf("exit %d, want %d; stderr:\n%s", code, ExitUsage, stderr)
	}
}
