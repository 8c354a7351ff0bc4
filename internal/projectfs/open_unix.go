//go:build unix

package projectfs

import "syscall"

// openFlags keep Open from waiting on a named pipe and from following a link put in place
// of a file after it was checked.
const openFlags = syscall.O_NONBLOCK | syscall.O_NOFOLLOW
