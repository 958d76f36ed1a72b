//go:build unix

package kb

import (
	"io"
	"io/fs"
	"syscall"
)

// writeFile creates (or truncates) path with mode 0644 and writes b to
// it, as os.WriteFile does, with the open, write and close system calls
// alone. An *os.File for a regular file also costs four fcntl calls and
// a failing epoll_ctl (it is offered to the network poller, which refuses
// it); a build writes one file per problem, thousands of them.
func writeFile(path string, b []byte) error {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: path, Err: err}
	}
	for len(b) > 0 {
		n, err := syscall.Write(fd, b)
		if err == syscall.EINTR {
			continue
		}
		if err == nil && n == 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			syscall.Close(fd)
			return &fs.PathError{Op: "write", Path: path, Err: err}
		}
		b = b[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: path, Err: err}
	}
	return nil
}
