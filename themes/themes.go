// Package themes holds the default theme, embedded in the binary: the page templates and the
// CSS and JavaScript every built site ships. A project's own themes/ folder overrides its files
// one by one (see internal/theme).
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var defaultFiles embed.FS

// Default returns the default theme's files, rooted at the theme folder.
func Default() fs.FS {
	sub, err := fs.Sub(defaultFiles, "default")
	if err != nil {
		panic(err) // the embedded folder always exists
	}
	return sub
}
