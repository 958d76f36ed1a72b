package kb

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
)

// A previous output is the directory a build replaces. A file it already
// holds with the very bytes, mode and owner a build would write is linked
// into the new output instead of written: the inode is kept rather than a
// new one made and the old freed. On ext4 without a journal (this
// machine's /tmp), a new inode is not taken from those freed in the last
// 30 seconds, and skipping them costs every file created a scan past
// them: rebuilding a 7,510-page output right after the last build spent
// about a tenth of its CPU samples there. Nothing is written through a
// linked inode, so sharing it with the previous output (until that is
// removed) changes neither.
type previous struct {
	root string
	// mode, uid and gid are those of a file the build created.
	mode     uint32
	uid, gid uint32
	mu       sync.Mutex
	dirOK    map[string]bool // directories of root checked to be real ones
}

// newPrevious returns dir as a previous output if it is a directory (not
// a link to one), with fresh, a file just created beside it, giving the
// mode and owner new files get; nil if either cannot be read.
func newPrevious(dir, fresh string) *previous {
	if fi, err := os.Lstat(dir); err != nil || !fi.IsDir() {
		return nil
	}
	var st syscall.Stat_t
	if err := syscall.Lstat(fresh, &st); err != nil {
		return nil
	}
	return &previous{root: dir, mode: st.Mode, uid: st.Uid, gid: st.Gid, dirOK: map[string]bool{}}
}

var readBufs sync.Pool

// link links name of the previous output to path and reports whether it
// did: only when the previous file is a regular file with no other link,
// the same mode and owner as a new file, and holding b.
func (p *previous) link(name, path string, b []byte) bool {
	if p == nil || !p.realDir(filepath.Dir(name)) {
		return false
	}
	old := filepath.Join(p.root, filepath.FromSlash(name))
	fd, err := syscall.Open(old, syscall.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if syscall.Fstat(fd, &st) != nil || st.Mode != p.mode || st.Uid != p.uid || st.Gid != p.gid ||
		st.Nlink != 1 || st.Size != int64(len(b)) {
		return false
	}
	bp, _ := readBufs.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	defer readBufs.Put(bp)
	buf := slices.Grow((*bp)[:0], len(b)+1)[:len(b)+1] // one byte more, to see the end
	*bp = buf
	n := 0
	for n < len(buf) {
		k, err := syscall.Read(fd, buf[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return false
		}
		if k == 0 {
			break
		}
		n += k
	}
	if n != len(b) || !bytes.Equal(buf[:n], b) {
		return false
	}
	return syscall.Link(old, path) == nil
}

// realDir reports whether every directory from the previous output's
// root down to the slash-separated dir is a directory, not a symbolic
// link, so that a linked file lies inside it.
func (p *previous) realDir(dir string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.realDirLocked(dir)
}

func (p *previous) realDirLocked(dir string) bool {
	if ok, seen := p.dirOK[dir]; seen {
		return ok
	}
	ok := true
	if dir != "." {
		ok = p.realDirLocked(filepath.Dir(dir))
		if ok {
			fi, err := os.Lstat(filepath.Join(p.root, filepath.FromSlash(dir)))
			ok = err == nil && fi.IsDir()
		}
	}
	p.dirOK[dir] = ok
	return ok
}
