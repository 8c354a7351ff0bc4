package procedure

import (
	"testing"
	"time"
)

// TestDateBefore: a date is not before itself (a version published the same day as the one in
// force is ordered by decree number, not by date), and every field counts, year first.
func TestDateBefore(t *testing.T) {
	d := func(y, m, day int) Date { return Date{Year: y, Month: time.Month(m), Day: day} }
	tests := []struct {
		a, b Date
		want bool
	}{
		{d(2025, 12, 5), d(2025, 12, 5), false},
		{d(2025, 12, 4), d(2025, 12, 5), true},
		{d(2025, 12, 5), d(2025, 12, 4), false},
		{d(2025, 11, 30), d(2025, 12, 1), true},
		{d(2025, 12, 1), d(2025, 11, 30), false},
		{d(2024, 12, 31), d(2025, 1, 1), true},
		{d(2025, 1, 1), d(2024, 12, 31), false},
		{d(999, 1, 1), d(1000, 1, 1), true},
	}
	for _, tt := range tests {
		if got := tt.a.Before(tt.b); got != tt.want {
			t.Errorf("%s.Before(%s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
