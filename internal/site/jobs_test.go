package site

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

func TestRunLongestFirstCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var ran atomic.Int32
	jobs := []job{{cost: 1, run: func() error { ran.Add(1); return nil }}, {cost: 2, run: func() error { ran.Add(1); return nil }}}
	if err := runLongestFirst(ctx, jobs); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if n := ran.Load(); n != 0 {
		t.Errorf("%d jobs ran after the build was cancelled", n)
	}
}

func TestRunLongestFirstErrors(t *testing.T) {
	errA, errB := errors.New("a"), errors.New("b")
	jobs := []job{{cost: 1, run: func() error { return nil }}, {cost: 3, run: func() error { return errA }}}
	err := runLongestFirst(context.Background(), jobs)
	if !errors.Is(err, errA) {
		t.Fatalf("error %v, want %v", err, errA)
	}
	// Every job that ran reports its error; none is lost to the one that failed first.
	jobs = []job{{cost: 1, run: func() error { return errA }}, {cost: 1, run: func() error { return errB }}}
	err = runLongestFirst(context.Background(), jobs)
	if !errors.Is(err, errA) && !errors.Is(err, errB) {
		t.Fatalf("error %v, want a or b", err)
	}
	if err := runLongestFirst(context.Background(), []job{{run: func() error { return nil }}}); err != nil {
		t.Errorf("one job that succeeds: %v", err)
	}
}
