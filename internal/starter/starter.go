// Package starter holds the project that «pauta init» writes into a new folder: a small,
// neutral procedure (a generic municipality lending equipment) with help pages that name no
// particular procedure, decree or municipality, so nothing of another body's text ends up in
// a new project by accident. The Requínoa procedure stays available as an example on request
// (package pauta, at the repository root).
//
// The files live in plantilla/ as a project would hold them, so they are edited, loaded and
// built like any other project; the package's tests check that they load and that a site
// built from them names no particular municipality.
package starter

import (
	"embed"
	"io/fs"
)

//go:embed plantilla
var files embed.FS

// Files returns the new project's files: procedure.yaml and its pages under content/.
func Files() fs.FS {
	sub, err := fs.Sub(files, "plantilla")
	if err != nil {
		panic(err) // the embedded folder is fixed at compile time
	}
	return sub
}
