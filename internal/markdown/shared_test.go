package markdown

import "testing"

// A renderer shared by two outputs keeps a text's HTML for the second, and drops it after.
func TestSharedByKeepsHTMLForEachTaker(t *testing.T) {
	for _, takers := range []int{1, 2, 3} {
		r := New(false).SharedBy(takers)
		const src = "Un *texto* del manual."
		want, err := r.Block(src)
		if err != nil {
			t.Fatal(err)
		}
		for i := 2; i <= takers+1; i++ {
			e := r.memo[src].r
			r.mu.Lock()
			kept := e.html != ""
			r.mu.Unlock()
			if kept != (i <= takers) {
				t.Errorf("SharedBy(%d): before take %d, HTML kept = %v", takers, i, kept)
			}
			got, err := r.Block(src)
			if err != nil || got != want {
				t.Errorf("SharedBy(%d): take %d gave %q, %v; want %q", takers, i, got, err, want)
			}
		}
	}
}
