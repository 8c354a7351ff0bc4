//go:build unix

package output

import (
	"io/fs"
	"syscall"
)

// otherNames reports whether the file has names besides this one: a hard link someone made
// to a file of the output, which the next output must not share.
func otherNames(info fs.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return ok && st.Nlink > 1
}
