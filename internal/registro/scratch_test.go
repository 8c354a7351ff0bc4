package registro

import (
	"fmt"
	"os"
	"testing"
)

func TestScratch(t *testing.T) {
	for _, n := range []string{"/tmp/reg/f1.pdf", "/tmp/reg/blank2.pdf"} {
		b, _ := os.ReadFile(n)
		d, err := Read(b)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Println(n, d.Code, len(d.Sheets))
		for _, s := range d.Sheets {
			fmt.Println(s.Prefix, s.Folio, len(s.Values), s.Values["fecha"], s.Values["solicitud-recibida-si"], s.Values["observaciones"])
		}
	}
}
