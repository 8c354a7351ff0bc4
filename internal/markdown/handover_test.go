package markdown

import "testing"

// Block hands a text's HTML over to its caller and drops it; asked again, it renders the
// text again, to the same HTML.
func TestBlockHandsHTMLOver(t *testing.T) {
	r := New(false)
	const src = "Un *texto* del manual."
	want, err := r.Block(src)
	if err != nil {
		t.Fatal(err)
	}
	r.mu.Lock()
	kept := r.memo[src].r.html != ""
	r.mu.Unlock()
	if kept {
		t.Error("the HTML is kept after Block returned it")
	}
	if got, err := r.Block(src); err != nil || got != want {
		t.Errorf("asked again: got %q, %v; want %q", got, err, want)
	}
}
