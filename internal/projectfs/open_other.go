//go:build !unix

package projectfs

const openFlags = 0
