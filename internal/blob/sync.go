package blob

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncer makes written files durable in groups: every Put waiting at the
// moment shares one syncfs(2) of the file system, instead of each paying a
// file fsync and a directory fsync (two journal commits on ext4) of its own.
type syncer struct {
	dir      *os.File
	requests chan chan error
}

func newSyncer(dir string) (*syncer, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	s := &syncer{dir: f, requests: make(chan chan error)}
	go s.loop()
	return s, nil
}

// wait returns once everything written before the call is on disk.
func (s *syncer) wait() error {
	done := make(chan error, 1)
	s.requests <- done
	return <-done
}

func (s *syncer) loop() {
	for first := range s.requests {
		batch := []chan error{first}
	gather:
		for {
			select {
			case r := <-s.requests:
				batch = append(batch, r)
			default:
				break gather
			}
		}
		err := unix.Syncfs(int(s.dir.Fd()))
		for _, r := range batch {
			r <- err
		}
	}
}
