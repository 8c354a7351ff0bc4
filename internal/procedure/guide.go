package procedure

import _ "embed"

// guide is the format's reference for the people who write procedure.yaml, in Spanish and
// without Go: this package's doc comment is the developers' specification, and a test loads
// every example of both so neither can drift from what Load accepts.
//
//go:embed formato.md
var guide []byte

// GuideFile is the name under which «pauta init» writes the guide into a new project.
const GuideFile = "FORMATO.md"

// Guide returns the format guide, in Markdown.
func Guide() []byte { return append([]byte(nil), guide...) }
