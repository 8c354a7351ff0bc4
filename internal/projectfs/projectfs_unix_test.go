//go:build unix

package projectfs

import (
	"io/fs"
	"path/filepath"
	"syscall"
	"testing"
)

func TestOnlyRegularFiles(t *testing.T) {
	root, _ := project(t)
	fifo := filepath.Join(root, "themes", "assets", "f.css")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	// Opening a pipe with no writer would block for ever; it must be refused at once.
	_, err := fs.ReadFile(New(root), "themes/assets/f.css")
	refused(t, err, "themes/assets/f.css", "tubería con nombre")
	_, err = fs.Stat(New(root), "themes/assets/f.css")
	refused(t, err, "themes/assets/f.css", "tubería con nombre")
}

// TestDevice: a device inside the project (made with mknod, which needs root) is refused
// like a link to one.
func TestDevice(t *testing.T) {
	root, _ := project(t)
	zero := filepath.Join(root, "themes", "assets", "z.css")
	if err := syscall.Mknod(zero, syscall.S_IFCHR|0o644, int(1<<8|5)); err != nil {
		t.Skipf("cannot make a device here (needs root): %v", err)
	}
	_, err := fs.ReadFile(New(root), "themes/assets/z.css")
	refused(t, err, "themes/assets/z.css", "un dispositivo")
}
