package theme

import "testing"

func TestCompact(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"a.js", "// comment\n  var a = 1; // kept: not a whole line\n\n  var u = \"http://x\";\n", "var a = 1; // kept: not a whole line\nvar u = \"http://x\";\n"},
		{"a.css", "/* theme */\n  a { color: red; }\n/* a */ b { x: y; }\n", "a { color: red; }\n/* a */ b { x: y; }\n"},
		{"a.svg", "  <svg/>\n", "  <svg/>\n"},
	}
	for _, tt := range tests {
		if got := string(compact(tt.name, []byte(tt.in))); got != tt.want {
			t.Errorf("compact(%s):\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}
