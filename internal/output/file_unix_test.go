//go:build unix

package output

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"golang.org/x/sys/unix"
)

// A FIFO is written to, never replaced: its reader gets the bytes.
func TestWriteFileFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "tubo")
	if err := unix.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- []byte(err.Error())
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- b
	}()
	want := bytes.Repeat([]byte("%PDF-1.7 "), 20000) // more than a pipe holds at once
	if err := WriteFile(fifo, writeBytes(want)); err != nil {
		t.Fatal(err)
	}
	// Checked first: were the FIFO replaced, its reader would wait for ever.
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("%s is no longer a FIFO: %v", fifo, err)
	}
	if b := <-got; !bytes.Equal(b, want) {
		t.Errorf("the reader got %d bytes, want %d", len(b), len(want))
	}
}

// A device is written to, and stays the device it is. As root a rename into /dev succeeds, so
// a broken WriteFile would replace the machine's /dev/null: root gets a null device of its own
// made in the test's folder instead.
func TestWriteFileDevice(t *testing.T) {
	dev := nullDevice(t)
	if err := WriteFile(dev, writeBytes([]byte("%PDF-"))); err != nil {
		t.Fatalf("writing %s: %v", dev, err)
	}
	if info, err := os.Lstat(dev); err != nil || info.Mode()&os.ModeCharDevice == 0 {
		t.Errorf("%s is no longer a character device: %v", dev, err)
	}
}

// nullDevice returns a null device the test may write to without risk to the machine.
func nullDevice(t *testing.T) string {
	t.Helper()
	if os.Geteuid() != 0 {
		return os.DevNull // not replaceable without root
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
