//go:build !linux

package output

func swap(staging, target string) error { return swapByRenames(staging, target) }
