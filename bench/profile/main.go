// Command profile builds a project in-process, several times, and writes Go profiles of it:
// where a build spends its CPU (-cpu), what it allocates (-allocs), and what it holds at a
// given moment of the last build (-heap with -heapat). Read them with go tool pprof.
//
//	go run ./bench/gen -n 1000 -out /tmp/p1000
//	go run ./bench/profile -src /tmp/p1000 -n 10 -cpu /tmp/cpu.out
//	go tool pprof -top -cum /tmp/cpu.out
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/requinoa/pauta/internal/gcbudget"
	"github.com/requinoa/pauta/internal/site"
)

func main() {
	src := flag.String("src", ".", "project folder")
	n := flag.Int("n", 5, "builds")
	cpu := flag.String("cpu", "", "write a CPU profile of all the builds here")
	allocs := flag.String("allocs", "", "write an allocation profile here")
	heap := flag.String("heap", "", "write what the heap holds, -heapat into the last build, here")
	heapAt := flag.Duration("heapat", 200*time.Millisecond, "when to take -heap")
	flag.Parse()
	gcbudget.Apply(gcbudget.Default) // as the pauta command does
	if err := run(*src, *n, *cpu, *allocs, *heap, *heapAt); err != nil {
		fmt.Fprintln(os.Stderr, "profile:", err)
		os.Exit(1)
	}
}

func run(src string, n int, cpu, allocs, heap string, heapAt time.Duration) error {
	out, err := os.MkdirTemp("", "pauta-profile-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(out)
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	for i := range n {
		if i == n-1 && heap != "" {
			time.AfterFunc(heapAt, func() {
				if err := writeProfile("heap", heap); err != nil {
					fmt.Fprintln(os.Stderr, "profile:", err)
				}
			})
		}
		start := time.Now()
		if _, err := site.Build(context.Background(), os.DirFS(src), filepath.Join(out, "public"), site.Options{}); err != nil {
			return err
		}
		fmt.Println(time.Since(start).Round(time.Microsecond))
	}
	if allocs != "" {
		return writeProfile("allocs", allocs)
	}
	return nil
}

func writeProfile(name, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return pprof.Lookup(name).WriteTo(f, 0)
}
