package pdfdoc

import "os"

// GlyphCoverage parses a TrueType file and reports whether it has a glyph for a character.
func GlyphCoverage(path string) (func(rune) bool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := parseFace(path, b)
	if err != nil {
		return nil, err
	}
	return func(r rune) bool { _, ok := f.glyph(r); return ok }, nil
}
