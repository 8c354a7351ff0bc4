package registro

import (
	"bytes"
	"encoding/hex"
	"regexp"
	"strconv"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// printedVersion matches the version line every sheet prints in its header and footer.
var printedVersion = regexp.MustCompile(`Versión ([0-9A-Z]{4}-[0-9A-Z]{4})`)

// printedCode is the version code printed on the first page, read from its text through
// the fonts' ToUnicode maps, which pdfdoc writes so the text can be searched; "" when it
// cannot be read. It is the code a person sees on the paper, to compare with the one in the
// document information.
func printedCode(xt *model.XRefTable) string {
	if xt.PageCount < 1 {
		return ""
	}
	pd, _, inh, err := xt.PageDict(1, false)
	if err != nil || pd == nil {
		return ""
	}
	res := pd["Resources"]
	if res == nil && inh != nil && inh.Resources != nil {
		res = inh.Resources
	}
	rd, err := xt.DereferenceDict(res)
	if err != nil || rd == nil {
		return ""
	}
	fd, err := xt.DereferenceDict(rd["Font"])
	if err != nil || fd == nil {
		return ""
	}
	// A font's map is decoded the first time the page selects it: the version line comes
	// in the header, before most fonts are used, and decoding every map of every file was a
	// tenth of the register's time.
	maps := map[string]map[byte]string{}
	font := func(name string) map[byte]string {
		if m, ok := maps[name]; ok {
			return m
		}
		maps[name] = nil
		f, err := xt.DereferenceDict(fd[name])
		if err != nil || f == nil {
			return nil
		}
		sd, _, err := xt.DereferenceStreamDict(f["ToUnicode"])
		if err != nil || sd == nil || sd.Decode() != nil {
			return nil
		}
		maps[name] = readCMap(sd.Content)
		return maps[name]
	}
	content, err := xt.PageContent(pd, 1)
	if err != nil {
		return ""
	}
	var code string
	seen := 0
	pageText(content, font, func(text []byte) bool {
		// Only what came since the last look, and a line's worth before it in case the
		// version was split across text objects, so a page is scanned once.
		from := max(0, seen-32)
		seen = len(text)
		if m := printedVersion.FindSubmatch(text[from:]); m != nil {
			code = string(m[1])
			return true
		}
		return false
	})
	return code
}

// readCMap reads the one-byte bfchar entries pdfdoc writes: pairs <XX> <UUUU…> between
// beginbfchar and endbfchar. A regular expression over every map of every file was most of
// the time spent reading the printed version.
func readCMap(b []byte) map[byte]string {
	m := map[byte]string{}
	for {
		i := bytes.Index(b, []byte("beginbfchar"))
		if i < 0 {
			return m
		}
		b = b[i+len("beginbfchar"):]
		end := bytes.Index(b, []byte("endbfchar"))
		if end < 0 {
			end = len(b)
		}
		section := b[:end]
		b = b[end:]
		for {
			code, rest, ok := hexToken(section)
			if !ok {
				break
			}
			u, rest2, ok := hexToken(rest)
			if !ok {
				break
			}
			section = rest2
			if len(code) != 1 || len(u)%2 != 0 {
				continue
			}
			units := make([]uint16, len(u)/2)
			for i := range units {
				units[i] = uint16(u[2*i])<<8 | uint16(u[2*i+1])
			}
			m[code[0]] = string(utf16.Decode(units))
		}
	}
}

// hexToken decodes the next <…> hex string of b and returns what follows it.
func hexToken(b []byte) ([]byte, []byte, bool) {
	i := bytes.IndexByte(b, '<')
	if i < 0 {
		return nil, nil, false
	}
	j := bytes.IndexByte(b[i:], '>')
	if j < 0 {
		return nil, nil, false
	}
	raw := b[i+1 : i+j]
	out := make([]byte, hex.DecodedLen(len(raw)))
	n, err := hex.Decode(out, raw)
	if err != nil {
		return nil, b[i+j+1:], true
	}
	return out[:n], b[i+j+1:], true
}

// pageText reads the text a content stream shows: its literal strings, through the map of
// the font selected when each is shown. After each text object it passes found the text so
// far, and stops when found says it has what it looks for. Enough for pdfdoc's own pages,
// not a general extractor.
func pageText(c []byte, fonts func(name string) map[byte]string, found func(text []byte) bool) {
	var out bytes.Buffer
	var font map[byte]string
	var lastName string
	for i := 0; i < len(c); i++ {
		switch c[i] {
		case '/':
			j := i + 1
			for j < len(c) && !nameEnd(c[j]) {
				j++
			}
			lastName = string(c[i+1 : j])
			i = j - 1
		case 'T':
			if i+1 < len(c) && c[i+1] == 'f' {
				font = fonts(lastName)
			}
		case '(':
			depth := 1
			j := i + 1
			for ; j < len(c) && depth > 0; j++ {
				ch := c[j]
				switch ch {
				case '\\':
					j++
					if j >= len(c) {
						break
					}
					e := c[j]
					switch {
					case e >= '0' && e <= '7':
						k := j
						for k < len(c) && k < j+3 && c[k] >= '0' && c[k] <= '7' {
							k++
						}
						n, _ := strconv.ParseUint(string(c[j:k]), 8, 8)
						ch = byte(n)
						j = k - 1
					case e == 'n':
						ch = '\n'
					case e == 'r':
						ch = '\r'
					case e == 't':
						ch = '\t'
					default:
						ch = e
					}
				case '(':
					depth++
				case ')':
					depth--
					if depth == 0 {
						continue
					}
				}
				if s, ok := font[ch]; ok {
					out.WriteString(s)
				}
			}
			i = j - 1
		case 'E':
			if i+1 < len(c) && c[i+1] == 'T' {
				out.WriteByte('\n')
				if found(out.Bytes()) {
					return
				}
			}
		}
	}
	found(out.Bytes())
}

// nameEnd reports whether b ends a name in a content stream.
func nameEnd(b byte) bool {
	switch b {
	case ' ', '\n', '\r', '\t', '/', '[', ']', '(', ')', '<', '>':
		return true
	}
	return false
}
