package starter

import (
	"testing"

	"github.com/requinoa/pauta/internal/procedure"
)

// TestStarterLoads: the procedure a new project starts from is valid as written.
func TestStarterLoads(t *testing.T) {
	p, err := procedure.Load(Files(), procedure.DefaultFile)
	if err != nil {
		t.Fatalf("the starter procedure.yaml does not load:\n%v", err)
	}
	if len(p.Pages) == 0 {
		t.Error("the starter has no help pages")
	}
}
