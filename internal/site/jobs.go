package site

import (
	"context"
	"errors"
	"runtime"
	"slices"

	"golang.org/x/sync/errgroup"

	"github.com/requinoa/pauta/internal/procedure"
)

// job is one part of a build (a PDF, the pages, the search index) with its expected cost.
type job struct {
	cost int // microseconds of CPU, roughly: only the order of jobs depends on it
	run  func() error
}

// runLongestFirst runs the jobs on as many workers as the machine has cores, the costliest
// first. A build is CPU-bound: started all at once, its jobs would share the cores evenly
// and the longest (a long manual's decree PDF) would finish last and alone, with the other
// cores idle; started longest first, it runs from the start while the others fill the other
// cores, and the build ends about when the total work divided by the cores is done.
// Fewer jobs under way at once also hold less memory. After a job fails, or ctx is done,
// no job starts; the errors of the jobs that ran come back in the jobs' order, so a build
// reports the same error whichever job failed first.
func runLongestFirst(ctx context.Context, jobs []job) error {
	order := make([]int, len(jobs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return jobs[b].cost - jobs[a].cost })
	errs := make([]error, len(jobs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, i := range order {
		g.Go(func() error {
			if gctx.Err() != nil {
				return nil
			}
			errs[i] = jobs[i].run()
			return errs[i]
		})
	}
	_ = g.Wait() // its error is one of errs
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return ctx.Err()
}

// The costs of the parts of an edition: a fixed part, and a part per KiB of the manual's
// texts. Measured on this project's bench (bench/profile) at 1,000 sections and on the seed;
// they need only be right in order of size.
const (
	costPagesFixed, costPagesPerKB         = 5000, 26
	costSearchFixed, costSearchPerKB       = 5000, 24
	costDecreePDFFixed, costDecreePDFPerKB = 1500, 39
	costAKNFixed, costAKNPerKB             = 500, 13
	costChecklist                          = 2000
	costVersionPages                       = 2000
	costRootFiles                          = 500
)

// manualKB is the size of a manual's texts in KiB, what most parts of a build grow with.
func manualKB(p *procedure.Procedure) int {
	n := 0
	p.Manual.Walk(func(s *procedure.Section) {
		n += len(s.Text)
		for _, it := range s.Items {
			n += len(it.Text)
		}
	})
	return n >> 10
}
