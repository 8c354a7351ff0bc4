package cli

import (
	"errors"

	"golang.org/x/sys/windows"
)

// inUse reports a file or folder another program holds open: on Windows a PDF open in a
// viewer, or an Explorer window inside the output folder, stops its replacement.
func inUse(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_LOCK_VIOLATION)
}

func addrInUse(err error) bool { return errors.Is(err, windows.WSAEADDRINUSE) }
