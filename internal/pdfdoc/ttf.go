package pdfdoc

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// face is a parsed TrueType font: what layout needs (the glyph of each character and its
// advance) and what embedding needs (the tables a PDF viewer draws a CIDFontType2 from).
// A face is never modified after parsing, so one parse serves every document.
type face struct {
	name       string // PostScript name
	unitsPerEm int
	ascent     int // font units
	descent    int // font units, negative
	capHeight  int
	bbox       [4]int
	glyphs     [0x10000]uint16 // glyph of each BMP character; 0 is "no glyph"
	advance    []uint16        // per glyph, font units
	latinAdv   [256]uint16     // advance of each Latin-1 character's glyph, for measuring
	tables     map[string][]byte
	loca       []uint32 // numGlyphs+1 offsets into glyf
}

func u16(b []byte, off int) int { return int(binary.BigEndian.Uint16(b[off:])) }
func i16(b []byte, off int) int { return int(int16(binary.BigEndian.Uint16(b[off:]))) }
func u32(b []byte, off int) uint32 {
	return binary.BigEndian.Uint32(b[off:])
}

// parseFace reads the tables pauta uses. The vendored fonts are subset without hinting, so
// there is no cvt, fpgm or prep to carry along, but they are kept when present.
func parseFace(name string, ttf []byte) (f *face, err error) {
	defer func() {
		// A truncated table would index past its end: report it as a broken font file.
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("font %s: malformed TrueType file (%v)", name, r)
		}
	}()
	if len(ttf) < 12 || u32(ttf, 0) != 0x00010000 {
		return nil, fmt.Errorf("font %s: not a TrueType (glyf) font", name)
	}
	f = &face{name: name, tables: map[string][]byte{}}
	n := u16(ttf, 4)
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		tag := string(ttf[rec : rec+4])
		off, length := int(u32(ttf, rec+8)), int(u32(ttf, rec+12))
		if off+length > len(ttf) {
			return nil, fmt.Errorf("font %s: table %q outside the file", name, tag)
		}
		f.tables[tag] = ttf[off : off+length]
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap"} {
		if f.tables[tag] == nil {
			return nil, fmt.Errorf("font %s: no %q table", name, tag)
		}
	}
	head := f.tables["head"]
	f.unitsPerEm = u16(head, 18)
	f.bbox = [4]int{i16(head, 36), i16(head, 38), i16(head, 40), i16(head, 42)}
	longLoca := i16(head, 50) == 1
	hhea := f.tables["hhea"]
	f.ascent, f.descent = i16(hhea, 4), i16(hhea, 6)
	f.capHeight = f.ascent
	if os2 := f.tables["OS/2"]; len(os2) >= 90 {
		f.capHeight = i16(os2, 88)
	}
	numGlyphs := u16(f.tables["maxp"], 4)
	numMetrics := u16(hhea, 34)
	hmtx := f.tables["hmtx"]
	f.advance = make([]uint16, numGlyphs)
	for g := range f.advance {
		m := min(g, numMetrics-1)
		f.advance[g] = uint16(u16(hmtx, 4*m))
	}
	loca := f.tables["loca"]
	f.loca = make([]uint32, numGlyphs+1)
	for g := range f.loca {
		if longLoca {
			f.loca[g] = u32(loca, 4*g)
		} else {
			f.loca[g] = uint32(u16(loca, 2*g)) * 2
		}
	}
	if err := f.readCmap(); err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	for r := range f.latinAdv {
		f.latinAdv[r] = f.advance[f.glyphs[r]]
	}
	return f, nil
}

// readCmap fills glyphs from the Unicode BMP subtable (format 4).
func (f *face) readCmap() error {
	cmap := f.tables["cmap"]
	for i := 0; i < u16(cmap, 2); i++ {
		rec := 4 + 8*i
		platform, encoding, off := u16(cmap, rec), u16(cmap, rec+2), int(u32(cmap, rec+4))
		if !(platform == 3 && encoding == 1 || platform == 0 && encoding <= 3) || u16(cmap, off) != 4 {
			continue
		}
		t := cmap[off:]
		segs := u16(t, 6) / 2
		ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
		for s := 0; s < segs; s++ {
			end, start := u16(t, ends+2*s), u16(t, starts+2*s)
			delta, rangeOff := u16(t, deltas+2*s), u16(t, ranges+2*s)
			for c := start; c <= end && c < 0xFFFF; c++ {
				var g int
				if rangeOff == 0 {
					g = (c + delta) & 0xFFFF
				} else {
					at := ranges + 2*s + rangeOff + 2*(c-start)
					if g = u16(t, at); g != 0 {
						g = (g + delta) & 0xFFFF
					}
				}
				if g < len(f.advance) {
					f.glyphs[c] = uint16(g)
				}
			}
		}
		return nil
	}
	return errors.New("no Unicode BMP cmap (format 4)")
}

// glyph returns the glyph for r and whether the font has one.
func (f *face) glyph(r rune) (uint16, bool) {
	if r < 0 || r > 0xFFFF {
		return 0, false
	}
	g := f.glyphs[r]
	return g, g != 0
}

// subset returns a TrueType file with the outlines of the used glyphs only; glyph numbers are
// kept, so text written with them needs no remapping. Composite glyphs (most accented
// letters) pull in their components.
func (f *face) subset(used map[uint16]bool) []byte {
	keep := map[uint16]bool{0: true}
	var add func(g uint16)
	add = func(g uint16) {
		if keep[g] || int(g) >= len(f.advance) {
			return
		}
		keep[g] = true
		for _, c := range f.components(g) {
			add(c)
		}
	}
	for g := range used {
		add(g)
	}
	glyf := f.tables["glyf"]
	var newGlyf []byte
	newLoca := make([]byte, 4*(len(f.advance)+1))
	for g := range f.advance {
		binary.BigEndian.PutUint32(newLoca[4*g:], uint32(len(newGlyf)))
		if keep[uint16(g)] {
			newGlyf = append(newGlyf, glyf[f.loca[g]:f.loca[g+1]]...)
			for len(newGlyf)%4 != 0 {
				newGlyf = append(newGlyf, 0)
			}
		}
	}
	binary.BigEndian.PutUint32(newLoca[4*len(f.advance):], uint32(len(newGlyf)))
	head := append([]byte(nil), f.tables["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1) // long loca offsets
	tables := map[string][]byte{
		"head": head, "hhea": f.tables["hhea"], "maxp": f.tables["maxp"], "hmtx": f.tables["hmtx"],
		"loca": newLoca, "glyf": newGlyf,
	}
	for _, tag := range []string{"cvt ", "fpgm", "prep"} {
		if t := f.tables[tag]; t != nil {
			tables[tag] = t
		}
	}
	return assemble(tables)
}

// components lists the glyphs a composite glyph is built from.
func (f *face) components(g uint16) []uint16 {
	data := f.tables["glyf"][f.loca[g]:f.loca[g+1]]
	if len(data) < 10 || i16(data, 0) >= 0 {
		return nil
	}
	var out []uint16
	const (
		argsAreWords   = 0x0001
		haveScale      = 0x0008
		moreComponents = 0x0020
		haveXYScale    = 0x0040
		have2x2        = 0x0080
	)
	for at := 10; at+4 <= len(data); {
		flags := u16(data, at)
		out = append(out, uint16(u16(data, at+2)))
		at += 4
		if flags&argsAreWords != 0 {
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&haveScale != 0:
			at += 2
		case flags&haveXYScale != 0:
			at += 4
		case flags&have2x2 != 0:
			at += 8
		}
		if flags&moreComponents == 0 {
			break
		}
	}
	return out
}

// assemble writes a TrueType file from its tables, sorted by tag as the format asks, with
// their checksums and the head table's checksum adjustment.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for tag := range tables {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	n := len(tags)
	entrySelector := 0
	for 1<<(entrySelector+1) <= n {
		entrySelector++
	}
	searchRange := 16 << entrySelector
	out := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(out[0:], 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(searchRange))
	binary.BigEndian.PutUint16(out[8:], uint16(entrySelector))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-searchRange))
	headAt := 0
	for i, tag := range tags {
		t := tables[tag]
		rec := 12 + 16*i
		copy(out[rec:], tag)
		binary.BigEndian.PutUint32(out[rec+4:], checksum(t))
		binary.BigEndian.PutUint32(out[rec+8:], uint32(len(out)))
		binary.BigEndian.PutUint32(out[rec+12:], uint32(len(t)))
		if tag == "head" {
			headAt = len(out)
		}
		out = append(out, t...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var word [4]byte
		copy(word[:], b[i:])
		sum += binary.BigEndian.Uint32(word[:])
	}
	return sum
}
