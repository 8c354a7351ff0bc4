// Package pauta holds the Requínoa procedure as the example a new project starts from: this
// repository is both the tool and its first real project, so the example is always the real,
// validated text rather than a copy that could drift.
package pauta

import (
	"embed"
	"io/fs"
)

//go:embed procedure.yaml content/como-usar.md content/publicar.md
var example embed.FS

// Example returns the example project's files: procedure.yaml and its pages.
func Example() fs.FS { return example }
