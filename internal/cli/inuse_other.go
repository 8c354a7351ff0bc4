//go:build !windows

package cli

import (
	"errors"
	"syscall"
)

// inUse reports a file or folder the system will not let go of because it is in use.
func inUse(err error) bool { return errors.Is(err, syscall.EBUSY) || errors.Is(err, syscall.ETXTBSY) }

func addrInUse(err error) bool { return errors.Is(err, syscall.EADDRINUSE) }
