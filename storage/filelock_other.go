//go:build !unix

package storage

import "errors"

// fileLock is a no-op where flock does not exist: restore refuses to run there
// (stop the server and copy the file by hand).
type fileLock struct{}

var errLocked = errors.New("locked")

func lockFile(path string, exclusive bool) (*fileLock, error) {
	if exclusive {
		return nil, errors.New("restore needs a Unix system: stop every iagbot and copy the file by hand")
	}
	return &fileLock{}, nil
}

func (l *fileLock) release() error { return nil }
