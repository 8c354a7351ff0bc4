package markdown

import (
	"fmt"
	"strings"
	"testing"
)

func TestHeadingIDsUnique(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"repeats are numbered", "## Paso\n\n## Paso\n\n## Paso\n", []string{"paso", "paso-2", "paso-3"}},
		{"a numbered title is not taken twice", "## Paso\n\n## Paso 2\n\n## Paso\n", []string{"paso", "paso-2", "paso-3"}},
		{"a repeat before its numbered look-alike", "## Paso\n\n## Paso\n\n## Paso 2\n", []string{"paso", "paso-2", "paso-2-2"}},
		{"the template's ids are never given", "## Contenido\n\n## Top\n", []string{"contenido-2", "top-2"}},
		{"digits first", "## 1. Preparar\n\n## 1. Preparar\n", []string{"s-1-preparar", "s-1-preparar-2"}},
		{"no letters", "## ¿?\n\n## !!\n", []string{"seccion", "seccion-2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range New(false).Sections(tc.src) {
				got = append(got, s.Heading.ID)
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("ids = %v, want %v", got, tc.want)
			}
		})
	}
}

// BenchmarkRepeatedHeadings renders a page of n identical headings: the time per heading
// must stay flat as n doubles (it grew with n when each repeat counted up from 2).
func BenchmarkRepeatedHeadings(b *testing.B) {
	for _, n := range []int{5000, 10000, 20000} {
		src := strings.Repeat("## Paso\n\n", n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				New(false).Sections(src)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/heading")
		})
	}
}
