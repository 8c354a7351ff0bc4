package cli

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// makeUnremovable makes a file under dir impossible to delete, as a folder of someone else's
// on a shared drive would be. Permissions stop anyone but root; root (CI containers) is
// stopped by the immutable attribute.
func makeUnremovable(t *testing.T, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		t.Fatalf("nothing to protect in %s: %v", dir, err)
	}
	name := filepath.Join(dir, entries[0].Name())
	if err := setImmutable(name, true); err != nil {
		t.Skipf("cannot make %s immutable (%v): as root, nothing else stops a removal", name, err)
	}
	// The build moves the previous output aside; find the file wherever it went, to clear it.
	root := filepath.Dir(filepath.Dir(dir))
	t.Cleanup(func() {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && d.Name() == entries[0].Name() {
				setImmutable(p, false)
			}
			return nil
		})
	})
}

// fsImmutable is FS_IMMUTABLE_FL of <linux/fs.h>, which x/sys/unix does not name.
const fsImmutable = 0x10

func setImmutable(name string, on bool) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	flags, err := unix.IoctlGetUint32(int(f.Fd()), unix.FS_IOC_GETFLAGS)
	if err != nil {
		return err
	}
	if on {
		flags |= fsImmutable
	} else {
		flags &^= fsImmutable
	}
	return unix.IoctlSetPointerInt(int(f.Fd()), unix.FS_IOC_SETFLAGS, int(flags))
}
