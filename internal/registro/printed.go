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
	maps := map[string]map[byte]string{}
	for name, ref := range fd {
		f, err := xt.DereferenceDict(ref)
		if err != nil || f == nil {
			continue
		}
		sd, _, err := xt.DereferenceStreamDict(f["ToUnicode"])
		if err != nil || sd == nil || sd.Decode() != nil {
			continue
		}
		maps[name] = readCMap(sd.Content)
	}
	content, err := xt.PageContent(pd, 1)
	if err != nil {
		return ""
	}
	if m := printedVersion.FindStringSubmatch(pageText(content, maps)); m != nil {
		return m[1]
	}
	return ""
}

var bfchar = regexp.MustCompile(`<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]+)>`)

// readCMap reads the one-byte bfchar entries pdfdoc writes.
func readCMap(b []byte) map[byte]string {
	m := map[byte]string{}
	for _, e := range bfchar.FindAllSubmatch(b, -1) {
		code, err1 := hex.DecodeString(string(e[1]))
		u, err2 := hex.DecodeString(string(e[2]))
		if err1 != nil || err2 != nil || len(u)%2 != 0 {
			continue
		}
		units := make([]uint16, len(u)/2)
		for i := range units {
			units[i] = uint16(u[2*i])<<8 | uint16(u[2*i+1])
		}
		m[code[0]] = string(utf16.Decode(units))
	}
	return m
}

// pageText is the text a content stream shows: its literal strings, through the map of the
// font selected when each is shown. Enough for pdfdoc's own pages, not a general extractor.
func pageText(c []byte, maps map[string]map[byte]string) string {
	var out bytes.Buffer
	var font map[byte]string
	var lastName string
	for i := 0; i < len(c); i++ {
		switch c[i] {
		case '/':
			j := i + 1
			for j < len(c) && !bytes.ContainsRune([]byte(" \n\r\t/[]()<>"), rune(c[j])) {
				j++
			}
			lastName = string(c[i+1 : j])
			i = j - 1
		case 'T':
			if i+1 < len(c) && c[i+1] == 'f' {
				font = maps[lastName]
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
			}
		}
	}
	return out.String()
}
