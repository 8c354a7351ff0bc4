//go:build !linux

package cli

import (
	"os"
	"runtime"
	"testing"
)

// makeUnremovable makes the files under dir impossible to delete, as a folder of someone
// else's on a shared drive would be.
func makeUnremovable(t *testing.T, dir string) {
	t.Helper()
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("folder permissions do not stop a removal here")
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
}
