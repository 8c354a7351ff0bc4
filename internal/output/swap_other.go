//go:build !linux

package output

import (
	"io/fs"
	"os"
	"path/filepath"
)

func swap(staging, target string) error { return swapByRenames(staging, target) }

// SyncTree flushes every file and folder under dir.
func SyncTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		return f.Sync()
	})
}
