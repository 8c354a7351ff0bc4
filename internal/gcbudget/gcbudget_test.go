package gcbudget

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// settings are the collector's GOGC percent (all ones when off) and memory limit, as the
// runtime has them.
func settings() (percent, limit uint64) {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64(), s[1].Value.Uint64()
}

func restore(t *testing.T) {
	t.Cleanup(func() {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	})
}

func TestSmallHeapStaysUnderTheBudget(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	restore(t)
	Apply(64 << 20)
	runtime.GC()
	runtime.GC()
	time.Sleep(20 * time.Millisecond) // cleanups run after the collection, on their own goroutine
	if percent, limit := settings(); percent != math.MaxUint64 || limit != 64<<20 {
		t.Errorf("GOGC %d, limit %d: want collection off under a 64 MiB limit", percent, limit)
	}
}

func TestLargeLiveHeapGetsTheProportionalCollector(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	restore(t)
	const budget = 16 << 20
	Apply(budget)
	live := make([][]byte, 0, 12)
	for range 12 { // 12 MiB alive, over half the budget
		live = append(live, make([]byte, 1<<20))
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		runtime.GC()
		percent, limit := settings()
		if percent == largeHeapGOGC && limit == math.MaxInt64 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("GOGC %d, limit %d with %d MiB alive: the proportional collector did not take over", percent, limit, len(live))
		}
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(live)
}

func TestEnvironmentWins(t *testing.T) {
	t.Setenv("GOGC", "50")
	restore(t)
	Apply(32 << 20)
	if percent, _ := settings(); percent != 100 {
		t.Errorf("GOGC %d: Apply changed the collector although GOGC was set", percent)
	}
}
