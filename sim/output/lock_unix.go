//go:build unix

package output

import (
	"errors"
	"os"
	"syscall"
)

// lockDir opens dir and takes an exclusive flock on it, waiting for a
// holder to let go. The lock lives as long as the returned file stays open
// (the process's life at most: the kernel drops it when the process dies,
// however it dies) and follows the folder's inode through renames.
func lockDir(dir string) (*os.File, error) {
	return flockDir(dir, syscall.LOCK_EX)
}

// tryLockDir is lockDir without waiting: errLocked when another open file
// holds the lock — in practice a running connact.
func tryLockDir(dir string) (*os.File, error) {
	return flockDir(dir, syscall.LOCK_EX|syscall.LOCK_NB)
}

var errLocked = errors.New("locked by a running connact")

// canTellLive: a free lock means its holder is dead.
const canTellLive = true

func flockDir(dir string, how int) (*os.File, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), how)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		if err == syscall.EWOULDBLOCK {
			return nil, errLocked
		}
		return nil, &os.PathError{Op: "flock", Path: dir, Err: err}
	}
	return f, nil
}
