package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// startWriteback asks Linux to start writing f's pages to disk without waiting for them, so
// that the flush in Commit finds them written. It is a hint: the flush is what makes a file
// durable, and an error here only leaves the work to it.
func startWriteback(f *os.File) {
	_ = unix.SyncFileRange(int(f.Fd()), 0, 0, unix.SYNC_FILE_RANGE_WRITE)
}
