//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package storage

import (
	"errors"
	"os"
	"syscall"
)

// fileLock is an advisory lock (flock) on a file next to the SQLite database. Every
// process that opens the database holds it shared for as long as it does; a restore
// takes it exclusive, so it cannot start while a server (or any iagbot command) has
// the database open, and nothing opens the database while it runs. The kernel
// releases it when the process ends, however it ends: a crashed server leaves no stale
// lock behind.
type fileLock struct{ f *os.File }

// errLocked is returned when the lock is held in a conflicting mode.
var errLocked = errors.New("locked")

func lockFile(path string, exclusive bool) (*fileLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	if err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errLocked
		}
		return nil, err
	}
	return &fileLock{f: f}, nil
}

func (l *fileLock) release() error {
	if l == nil {
		return nil
	}
	return l.f.Close()
}
