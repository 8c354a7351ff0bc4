// Package gcbudget sets Go's garbage collector for a command that runs once and exits: no
// collection while the heap fits in a small budget, and a collector keeping the heap within
// a third more than what is alive once it would not.
//
// With its default setting (GOGC=100) Go collects whenever the heap has doubled since the
// last collection, starting at 4 MiB. A build of a small project allocates a few MiB in a
// few tens of milliseconds, and was collected several times, each time taking one of a small
// machine's cores: the collections freed memory the process was about to give back by
// exiting. Under a budget, the collector runs only when the process nears it. When a long
// manual keeps more than half the budget alive, a proportional rule takes over, so a large
// build never collects over and over against a limit it cannot meet: collect when the heap
// has grown by 30 % of what is alive (GOGC=30) rather than Go's doubling. A long build's
// heap is mostly pages and PDFs written and dropped, and what is alive is small beside what
// is allocated, so the tighter rule holds markedly less memory for a little more time
// (figures in the README's Development section).
package gcbudget

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// Default is the budget of a pauta command: a small project builds within it, collecting
// once or not at all; a long manual outgrows it, and the proportional rule takes over.
const Default = 24 << 20

// largeHeapGOGC is the collector's percent once the budget is outgrown.
const largeHeapGOGC = 30

// Apply puts the process under a budget of that many bytes of Go memory. A GOGC or
// GOMEMLIMIT set in the environment is the user's choice, and Apply leaves it alone.
func Apply(budget int64) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(budget)
	watch(budget)
}

// watch looks at the live heap after each collection, and sets the proportional rule when
// more than half the budget is alive: from there, a collection under the budget would free
// less than the heap holds, and ever less.
func watch(budget int64) {
	sentinel := new([16]byte)
	runtime.AddCleanup(sentinel, func(budget int64) {
		live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(live)
		if live[0].Value.Kind() == metrics.KindUint64 && live[0].Value.Uint64() > uint64(budget/2) {
			debug.SetGCPercent(largeHeapGOGC)
			debug.SetMemoryLimit(math.MaxInt64)
			return
		}
		watch(budget)
	}, budget)
}
