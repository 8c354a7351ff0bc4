// Command profile builds a project in-process, several times, and writes Go profiles of it:
// where a build spends its CPU (-cpu), what it allocates (-allocs), what it holds at a given
// moment of the last build (-heap with -heapat), how its memory grows through the last build
// (-memory, a table sampled every 2 ms) and an execution trace of the last build (-trace).
// Read the profiles with go tool pprof and the trace with go tool trace.
//
//	go run ./bench/gen -n 1000 -out /tmp/p1000
//	go run ./bench/profile -src /tmp/p1000 -n 10 -cpu /tmp/cpu.out
//	go tool pprof -top -cum /tmp/cpu.out
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/metrics"
	"runtime/pprof"
	"runtime/trace"
	"time"

	"github.com/requinoa/pauta/internal/gcbudget"
	"github.com/requinoa/pauta/internal/site"
)

// options say which profiles to write, and where.
type options struct {
	src, cpu, allocs, heap, memory, trace string
	builds                                int
	heapAt                                time.Duration
}

func main() {
	var o options
	flag.StringVar(&o.src, "src", ".", "project folder")
	flag.IntVar(&o.builds, "n", 5, "builds")
	flag.StringVar(&o.cpu, "cpu", "", "write a CPU profile of all the builds here")
	flag.StringVar(&o.allocs, "allocs", "", "write an allocation profile here")
	flag.StringVar(&o.heap, "heap", "", "write what the heap holds, -heapat into the last build, here")
	flag.DurationVar(&o.heapAt, "heapat", 200*time.Millisecond, "when to take -heap")
	flag.StringVar(&o.memory, "memory", "", "write the memory of the last build, every 2 ms, here (TSV)")
	flag.StringVar(&o.trace, "trace", "", "write an execution trace of the last build here")
	flag.Parse()
	gcbudget.Apply(gcbudget.Default) // as the pauta command does
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "profile:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	out, err := os.MkdirTemp("", "pauta-profile-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(out)
	if o.cpu != "" {
		f, err := os.Create(o.cpu)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	for i := range o.builds {
		last := i == o.builds-1
		if last && o.heap != "" {
			time.AfterFunc(o.heapAt, func() {
				if err := writeProfile("heap", o.heap); err != nil {
					fmt.Fprintln(os.Stderr, "profile:", err)
				}
			})
		}
		stop := func() error { return nil }
		if last {
			if stop, err = watchLast(o); err != nil {
				return err
			}
		}
		start := time.Now()
		_, err := site.Build(context.Background(), os.DirFS(o.src), filepath.Join(out, "public"), site.Options{})
		took := time.Since(start)
		if serr := stop(); err == nil {
			err = serr
		}
		if err != nil {
			return err
		}
		fmt.Println(took.Round(time.Microsecond))
	}
	if o.allocs != "" {
		return writeProfile("allocs", o.allocs)
	}
	return nil
}

// watchLast starts the trace and the memory table of the last build; stop ends them.
func watchLast(o options) (stop func() error, err error) {
	var closers []func() error
	stop = func() error {
		var first error
		for i := len(closers) - 1; i >= 0; i-- {
			if err := closers[i](); err != nil && first == nil {
				first = err
			}
		}
		return first
	}
	if o.trace != "" {
		f, err := os.Create(o.trace)
		if err != nil {
			return nil, err
		}
		if err := trace.Start(f); err != nil {
			f.Close()
			return nil, err
		}
		closers = append(closers, func() error { trace.Stop(); return f.Close() })
	}
	if o.memory != "" {
		f, err := os.Create(o.memory)
		if err != nil {
			stop()
			return nil, err
		}
		done := make(chan struct{})
		finished := make(chan struct{})
		go sampleMemory(bufio.NewWriter(f), done, finished)
		closers = append(closers, func() error {
			close(done)
			<-finished
			return f.Close()
		})
	}
	return stop, nil
}

// sampleMemory writes, every 2 ms until done, what the heap's objects take, the collector's
// goal, and what the Go runtime holds from the system (its total less what it gave back).
func sampleMemory(w *bufio.Writer, done <-chan struct{}, finished chan<- struct{}) {
	defer close(finished)
	samples := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/gc/heap/goal:bytes"},
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	mib := func(i int) float64 { return float64(samples[i].Value.Uint64()) / (1 << 20) }
	fmt.Fprintln(w, "ms\theap objects MiB\tgoal MiB\theld MiB")
	start := time.Now()
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	for {
		metrics.Read(samples)
		fmt.Fprintf(w, "%d\t%.1f\t%.1f\t%.1f\n", time.Since(start).Milliseconds(), mib(0), mib(1), mib(2)-mib(3))
		select {
		case <-done:
			w.Flush()
			return
		case <-tick.C:
		}
	}
}

func writeProfile(name, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return pprof.Lookup(name).WriteTo(f, 0)
}
