package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// The item the kill test applies for, its form and its five required materials.
const killItem = "320102-SCJG-XK-001"

func killForm() map[string]any {
	return map[string]any{"applicant": "玄武小馆餐饮有限公司", "credit_code": "91350100M000100Y43", "legal_rep": "张三",
		"legal_rep_id": "11010519491231002X", "mobile": "13812345678", "premises": "南京市玄武区北京东路1号", "region": "320102",
		"format": "catering", "scope": "热食类食品制售", "area": 120, "online": false,
		"staff": []map[string]any{{"name": "张三", "id_number": "11010519491231002X"}}}
}

// serveProcess runs `shenpi serve` as a process of its own and returns its
// address once it listens.
func serveProcess(t *testing.T, dir string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "serve", "--data", dir, "--addr", "127.0.0.1:0", "--log-format", "text")
	cmd.Env = append(os.Environ(), "SHENPI_TEST_COMMAND=1", "SHENPI_CHECKPOINT_EVERY=0")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		if _, addr, ok := strings.Cut(lines.Text(), "Shenpi is listening on http://"); ok {
			go io.Copy(io.Discard, out)
			return cmd, "http://" + addr
		}
	}
	cmd.Wait()
	t.Fatalf("serve did not start: %s", stderr.String())
	return nil, ""
}

// submission is one application of the kill test: its files, its key, and
// whether the server acknowledged it.
type submission struct {
	key   string
	files [][]byte
	acked bool
}

// submitter sends applications with Idempotency-Keys as a careful client does:
// an upload or submission without an answer is retried with the same key.
type submitter struct {
	token string
	http  *http.Client
}

// call sends one request with its key; err is a failure to get an answer.
func (c submitter) call(base, key, path, contentType string, body []byte) (int, []byte, error) {
	req, _ := http.NewRequest("POST", base+path, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Idempotency-Key", key)
	res, err := c.http.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, err
}

// submit uploads the submission's files and submits it, each call under a key
// derived from its own; it reports the case's status, or an error when some call
// went unanswered.
func (c submitter) submit(base string, s *submission) (int, []byte, error) {
	var refs []map[string]any
	for slot, data := range s.files {
		st, body, err := c.call(base, fmt.Sprintf("%s/upload/%d", s.key, slot),
			fmt.Sprintf("/api/v1/uploads?item=%s&slot=%d&filename=m%d.pdf", killItem, slot, slot), "application/pdf", data)
		if err != nil {
			return 0, nil, err
		}
		var m struct{ SHA256 string }
		if st != 201 || json.Unmarshal(body, &m) != nil {
			return st, body, nil
		}
		refs = append(refs, map[string]any{"slot": slot, "sha256": m.SHA256})
	}
	req, _ := json.Marshal(map[string]any{"item": killItem, "form": killForm(), "materials": refs})
	return c.call(base, s.key, "/api/v1/cases", "application/json", req)
}

// TestKilledServerMakesOneCasePerKey is issue 11's retry finding: a server killed
// with SIGKILL while clients submit with Idempotency-Keys, restarted, and every
// unacknowledged submission retried with its keys, ends with exactly one case per
// key — none lost, none twice.
func TestKilledServerMakesOneCasePerKey(t *testing.T) {
	dir := dataDir(t)
	if r := shenpiProcess(t, "demo", "--data", dir); r.code != 0 {
		t.Fatalf("demo: %d %s", r.code, r.stderr)
	}
	r := shenpiProcess(t, "user", "token", "citizen1", "--data", dir)
	if r.code != 0 {
		t.Fatalf("token: %d %s", r.code, r.stderr)
	}
	c := submitter{token: strings.TrimSpace(r.stdout), http: &http.Client{Timeout: 30 * time.Second}}

	var all []*submission
	for cycle := range 3 {
		server, base := serveProcess(t, dir)
		// Retry what the last cycle left unanswered, then load the server and kill it.
		for _, s := range all {
			if s.acked {
				continue
			}
			st, body, err := c.submit(base, s)
			if err != nil || !answered(st, body) {
				t.Fatalf("retry of %s: %d %s %v", s.key, st, body, err)
			}
			s.acked = true
		}
		all = append(all, loadUntilKilled(t, c, server, base, cycle)...)
	}
	server, base := serveProcess(t, dir)
	for _, s := range all {
		if !s.acked {
			if st, body, err := c.submit(base, s); err != nil || !answered(st, body) {
				t.Fatalf("retry of %s: %d %s %v", s.key, st, body, err)
			}
		}
	}
	server.Process.Kill()
	server.Wait()

	s := openServices(t, "", dir)
	for _, sub := range all {
		sum := sha256.Sum256(sub.files[0])
		sha := hex.EncodeToString(sum[:])
		var n int
		err := s.db.QueryRow(context.Background(), `SELECT COUNT(*) FROM materials WHERE owner LIKE 'case:%' AND sha256 = ?`, sha).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("submission %s made %d cases, want exactly 1", sub.key, n)
		}
	}
	if r := shenpiProcess(t, "verify", "--data", dir); r.code != 0 {
		t.Errorf("verify: %d %s%s", r.code, r.stdout, r.stderr)
	}
}

// answered: a case made now, or made before and answered again (replayed, or
// rebuilt when the kill came between its commit and the storing of its answer).
func answered(status int, body []byte) bool {
	return status == 201 && bytes.Contains(body, []byte(`"number"`))
}

// loadUntilKilled submits from eight clients and kills the server with SIGKILL
// once some submissions are acknowledged; it returns every submission begun.
func loadUntilKilled(t *testing.T, c submitter, server *exec.Cmd, base string, cycle int) []*submission {
	var (
		mu     sync.Mutex
		subs   []*submission
		acked  int
		wg     sync.WaitGroup
		killed = make(chan struct{})
	)
	for client := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ; n++ {
				s := &submission{key: fmt.Sprintf("kill-%d-%d-%d", cycle, client, n)}
				for slot := range 5 {
					s.files = append(s.files, fmt.Appendf(nil, "%%PDF-1.7\n%s slot %d\n%%%%EOF", s.key, slot))
				}
				mu.Lock()
				subs = append(subs, s)
				mu.Unlock()
				st, body, err := c.submit(base, s)
				if err != nil {
					return // the server is gone: s stays unacknowledged
				}
				if st != 201 {
					t.Errorf("submission %s: %d %s", s.key, st, body)
					return
				}
				mu.Lock()
				s.acked = true
				acked++
				if acked == 40 {
					close(killed)
				}
				mu.Unlock()
			}
		}()
	}
	stopped := make(chan struct{})
	go func() { wg.Wait(); close(stopped) }()
	select {
	case <-killed:
	case <-stopped: // every client failed: the test has failed already
	}
	server.Process.Kill()
	server.Wait()
	wg.Wait()
	unacked := 0
	for _, s := range subs {
		if !s.acked {
			unacked++
		}
	}
	t.Logf("cycle %d: %d submissions acknowledged, %d not", cycle, len(subs)-unacked, unacked)
	return subs
}
