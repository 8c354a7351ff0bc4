package output

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// One build per output folder at a time. Two builds into one folder would each sweep the
// other's staging folder and compare their files with an output the other is replacing, so
// every stage holds a lock first: a file beside the target, locked by the operating system
// (flock, LockFileEx). The system drops the lock when its holder dies, however it dies, so a
// killed build never leaves a folder locked. The lock file itself stays: removing it would let
// a build lock a file that a newer build no longer opens.

// lockSuffix names the lock file of a target: ".public.pauta-lock" beside public.
const lockSuffix = ".pauta-lock"

// DefaultLockWait is how long a build waits for another build of the same folder to finish
// before it gives up: long enough for a big site, short enough not to hang a script for ever.
const DefaultLockWait = 5 * time.Minute

// lockPoll is how often a waiting build tries the lock again.
const lockPoll = 50 * time.Millisecond

// ErrBusy is returned when another build kept the output folder for longer than the wait.
var ErrBusy = errors.New("otra construcción está escribiendo en la carpeta")

type lockWaitKey struct{}
type lockNoticeKey struct{}

// WithLockWait sets how long a stage made under ctx waits for another build of its folder; zero
// or less refuses at once.
func WithLockWait(ctx context.Context, wait time.Duration) context.Context {
	return context.WithValue(ctx, lockWaitKey{}, wait)
}

// WithLockNotice sets what a stage made under ctx calls, once, when it must wait for another
// build of target: the command line tells the user why nothing happens.
func WithLockNotice(ctx context.Context, notice func(target string)) context.Context {
	return context.WithValue(ctx, lockNoticeKey{}, notice)
}

// lock is a held lock on one target.
type lock struct{ f *os.File }

// acquire locks target, waiting as ctx says.
func acquire(ctx context.Context, target string) (*lock, error) {
	name := filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+lockSuffix)
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", target, err)
	}
	wait := DefaultLockWait
	if d, ok := ctx.Value(lockWaitKey{}).(time.Duration); ok {
		wait = d
	}
	deadline := time.Now().Add(wait)
	notified := false
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", target, err)
		}
		if ok {
			return &lock{f}, nil
		}
		if !time.Now().Before(deadline) {
			f.Close()
			return nil, fmt.Errorf("%s: %w (se esperó %s); vuelva a intentarlo cuando termine", target, ErrBusy, spanishDuration(wait))
		}
		if !notified {
			notified = true
			if notice, ok := ctx.Value(lockNoticeKey{}).(func(string)); ok && notice != nil {
				notice(target)
			}
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(min(lockPoll, time.Until(deadline))):
		}
	}
}

// release unlocks; closing the file is what drops the lock.
func (l *lock) release() {
	if l != nil && l.f != nil {
		l.f.Close()
		l.f = nil
	}
}

// spanishDuration says d as a person would: "5 min", "30 s".
func spanishDuration(d time.Duration) string {
	if d >= time.Minute && d%time.Minute == 0 {
		return fmt.Sprintf("%d min", d/time.Minute)
	}
	return fmt.Sprintf("%d s", (d+time.Second/2)/time.Second)
}
