//go:build unix

package cli

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// pauta checklist -o into a FIFO or a device writes to it and leaves it what it is.
func TestChecklistIntoSpecialFiles(t *testing.T) {
	dir := newProject(t)

	fifo := filepath.Join(t.TempDir(), "tubo")
	if err := unix.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	mustRun(t, ExitOK, "checklist", "--src", dir, "-o", fifo)
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("%s is no longer a FIFO", fifo) // checked first: its reader would wait for ever
	}
	if b := <-got; !strings.HasPrefix(b, "%PDF-") || !strings.Contains(b, "%%EOF") {
		t.Errorf("the FIFO's reader got %d bytes, not a whole PDF", len(b))
	}

	dev := nullDevice(t)
	mustRun(t, ExitOK, "checklist", "--src", dir, "-o", dev)
	if info, err := os.Lstat(dev); err != nil || info.Mode()&os.ModeCharDevice == 0 {
		t.Errorf("%s is no longer a character device", dev)
	}
}

// nullDevice returns a null device the test may write to without risk to the machine: as
// root a rename into /dev succeeds, so a broken pauta would replace the machine's /dev/null,
// and root gets one of its own in the test's folder instead.
func nullDevice(t *testing.T) string {
	t.Helper()
	if os.Geteuid() != 0 {
		return os.DevNull
	}
	if runtime.GOOS != "linux" {
		t.Skip("as root: the test makes its own null device on Linux only")
	}
	dev := filepath.Join(t.TempDir(), "null")
	if err := unix.Mknod(dev, unix.S_IFCHR|0o666, int(unix.Mkdev(1, 3))); err != nil {
		t.Skipf("as root, and no device can be made here: %v", err)
	}
	f, err := os.OpenFile(dev, os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("as root, and a device made here cannot be opened (nodev?): %v", err)
	}
	f.Close()
	return dev
}
