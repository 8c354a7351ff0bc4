// Package pauta holds the Requínoa procedure as the real example a new project may start
// from on request («pauta init --ejemplo requinoa»): this repository is both the tool and its
// first real project, so the example is always the real, validated text rather than a copy
// that could drift. A new project starts by default from the neutral procedure of
// internal/starter, which names no particular municipality.
package pauta

import (
	"embed"
	"io/fs"
)

//go:embed procedure.yaml content/como-usar.md content/publicar.md
var example embed.FS

// Example returns the example project's files: procedure.yaml and its pages.
func Example() fs.FS { return example }
