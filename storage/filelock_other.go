//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package storage

import "errors"

// fileLock is a no-op where flock is missing: restore refuses to run there
// (stop the server and copy the file by hand).
type fileLock struct{}

var errLocked = errors.New("locked")

func lockFile(path string, exclusive bool) (*fileLock, error) {
	if exclusive {
		return nil, errors.New("restore needs flock (Linux, macOS, BSD): stop every iagbot and copy the file by hand")
	}
	return &fileLock{}, nil
}

func (l *fileLock) release() error { return nil }
