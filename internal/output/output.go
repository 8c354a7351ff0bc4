// Package output writes a built site to its folder atomically: everything goes into a fresh
// folder beside the target, which then takes the target's place in one step. A failed or killed
// build leaves the earlier output as it was, and nothing stale survives from an earlier build.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Marker is the file that identifies a folder pauta wrote, so a mistaken --out never replaces a
// folder of the user's own.
const Marker = ".pauta-output"

// stagingPrefix names the temporary folders beside the target; leftovers of a killed build are
// removed by the next one.
const stagingPrefix = ".pauta-staging-"

// Files is a built site: slash-separated relative paths and their contents.
type Files map[string][]byte

// Paths returns the file names in sorted order, so every walk over a site is deterministic.
func (f Files) Paths() []string {
	paths := make([]string, 0, len(f))
	for p := range f {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// ErrNotOurs is returned when the target holds files pauta did not write.
var ErrNotOurs = errors.New("la carpeta no fue escrita por pauta")

// Write replaces the folder target with files. The target's parent must exist or be creatable.
func Write(target string, files Files) error {
	target = filepath.Clean(target)
	if err := checkReplaceable(target); err != nil {
		return err
	}
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", parent, err)
	}
	removeLeftovers(parent, filepath.Base(target))
	staging, err := os.MkdirTemp(parent, stagingPrefix+filepath.Base(target)+"-")
	if err != nil {
		return fmt.Errorf("creating staging folder: %w", err)
	}
	// Until the swap, the staging folder is ours to remove on any failure.
	done := false
	defer func() {
		if !done {
			os.RemoveAll(staging)
		}
	}()
	if err := os.Chmod(staging, 0o755); err != nil {
		return fmt.Errorf("staging folder: %w", err)
	}
	if err := writeAll(staging, files); err != nil {
		return err
	}
	// Flush before the swap: after a power cut the target must not name half-written files.
	if err := SyncTree(staging); err != nil {
		return fmt.Errorf("flushing %s: %w", staging, err)
	}
	if err := swap(staging, target); err != nil {
		return fmt.Errorf("replacing %s: %w", target, err)
	}
	done = true
	// After the swap the staging path holds the previous output (or nothing).
	if err := os.RemoveAll(staging); err != nil {
		return fmt.Errorf("removing previous output: %w", err)
	}
	return syncDir(parent)
}

func checkReplaceable(target string) error {
	info, err := os.Stat(target)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%s: %w (it is a file)", target, ErrNotOurs)
	}
	entries, err := os.ReadDir(target)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(target, Marker)); err != nil {
		return fmt.Errorf("%s: %w", target, ErrNotOurs)
	}
	return nil
}

func writeAll(root string, files Files) error {
	for _, p := range files.Paths() {
		if !fs.ValidPath(p) || strings.Contains(p, "\\") {
			return fmt.Errorf("invalid output path %q", p)
		}
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return fmt.Errorf("writing %s: %w", p, err)
		}
		if err := writeFile(full, files[p]); err != nil {
			return fmt.Errorf("writing %s: %w", p, err)
		}
	}
	return writeFile(filepath.Join(root, Marker), []byte("This folder is written by pauta build and replaced whole on every build.\n"))
}

func writeFile(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// removeLeftovers deletes staging folders of earlier builds that were killed before their swap.
func removeLeftovers(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), stagingPrefix+base+"-") {
			os.RemoveAll(filepath.Join(parent, e.Name()))
		}
	}
}
