package keyset_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/blob"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/keyset"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/seal"
	"github.com/shenpi/shenpi/internal/store"
)

var (
	benchCases = flag.Int("keyset.cases", 1_000_000, "cases in the database BenchmarkFirstPages reads")
	benchCache = flag.String("keyset.cache", "", "directory keeping the benchmark's databases between runs (default: the user's cache directory)")
)

// The fixture's shape: one applicant with an issue's 10,000 cases among
// many applicants; a fifth of the cases open with one task each, the rest
// with one closed task; two departments; unclaimed tasks wait for two
// candidates (process_task_holders), and one in a hundred is shared by both
// departments.
const (
	benchApplicants = 100
	benchMineEvery  = 100 // every hundredth case is citizen1's
	benchOpenEvery  = 5
)

// BenchmarkFirstPages reads the first page (and a page after ten thousand
// rows) of the paged lists — my cases, a to-do, a department's open tasks —
// on a SQLite database of -keyset.cases cases, and reports the
// 50th and 99th percentile and the worst read, and the heap after the run.
// The database is built once, by bulk inserts, and kept under -keyset.cache,
// named by its size and a digest of the migrations, so a run after a schema
// change builds a new one:
//
//	go test -run '^$' -bench FirstPages -benchtime 2000x ./internal/keyset/
func BenchmarkFirstPages(b *testing.B) {
	ctx := context.Background()
	db := benchDB(b, *benchCases)
	now := func() time.Time { return time.Date(2026, 11, 29, 2, 0, 0, 0, time.UTC) }
	book, err := deadline.Open(ctx, db, now)
	if err != nil {
		b.Fatal(err)
	}
	files, err := blob.Open(filepath.Join(b.TempDir(), "files"))
	if err != nil {
		b.Fatal(err)
	}
	cw := casework.New(db, files, book, now)
	o := org.New(db, now)
	user := func(name string) org.User {
		u, _, err := o.UserWithHash(ctx, name)
		if err != nil {
			b.Fatal(err)
		}
		return u
	}
	citizen, other := user("citizen1"), user("bench-applicant-7")
	dept, err := o.DepartmentByCode(ctx, "320102-SCJG")
	if err != nil {
		b.Fatal(err)
	}
	procs := process.New(process.Config{DB: db, Org: o, Clocks: book, Now: now})
	// Each list reads a page after a cursor ("" for the first) and gives the next.
	mine := func(u org.User) func(string, int) (string, error) {
		return func(after string, size int) (string, error) {
			c, err := keyset.ParseCursor(after, casework.MineOrderColumns)
			if err != nil {
				return "", err
			}
			p, err := cw.Mine(ctx, u.ID, keyset.Request{Size: size, After: c})
			return p.Next.String(), err
		}
	}
	queue := func(after string, size int) (string, error) {
		p, err := procs.Queue(ctx, "handlera", process.QueueFilter{After: after, Limit: size})
		return p.Next, err
	}
	department := func(after string, size int) (string, error) {
		p, err := procs.DepartmentQueue(ctx, dept.ID, process.QueueFilter{After: after, Limit: size})
		return p.Next, err
	}
	// A cursor deep in each list: after ten thousand rows.
	deep := func(read func(string, int) (string, error)) string {
		after := ""
		for range 100 {
			next, err := read(after, keyset.MaxSize)
			if err != nil {
				b.Fatal(err)
			}
			if next == "" {
				break
			}
			after = next
		}
		return after
	}
	lists := []struct {
		name string
		read func(string, int) (string, error)
	}{
		{"mine-citizen1", mine(citizen)},
		{"mine-other", mine(other)},
		{"todo-handlera", queue},
		{"department-open", department},
	}
	for _, l := range lists {
		for _, at := range []string{"first", "deep"} {
			b.Run(l.name+"-"+at, func(b *testing.B) {
				after := ""
				if at == "deep" {
					after = deep(l.read)
				}
				var took []time.Duration
				b.ReportAllocs()
				for b.Loop() {
					start := time.Now()
					if _, err := l.read(after, keyset.DefaultSize); err != nil {
						b.Fatal(err)
					}
					took = append(took, time.Since(start))
				}
				slices.Sort(took)
				pct := func(p float64) float64 { return float64(took[int(p*float64(len(took)-1))].Microseconds()) / 1000 }
				var ms runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&ms)
				b.ReportMetric(pct(0.5), "p50-ms")
				b.ReportMetric(pct(0.99), "p99-ms")
				b.ReportMetric(pct(1), "max-ms")
				b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MiB")
			})
		}
	}
}

// benchDB opens the cached database of n cases, building it first when
// there is none for this schema.
func benchDB(b *testing.B, n int) *store.DB {
	b.Helper()
	ctx := context.Background()
	dir := *benchCache
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			base = os.TempDir()
		}
		dir = filepath.Join(base, "shenpi-bench")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, fmt.Sprintf("lists-%d-%s.db", n, schemaDigest(b)))
	if _, err := os.Stat(path); err != nil {
		building := path + ".building"
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(building + suffix)
		}
		db, err := store.Open(ctx, building, "", store.WithKeys(seal.ForTests()))
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		fillBench(b, db, n)
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(building, path); err != nil {
			b.Fatal(err)
		}
		b.Logf("built %s in %s", path, time.Since(start).Round(time.Second))
	}
	db, err := store.Open(ctx, path, "", store.WithKeys(seal.ForTests()))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// schemaDigest names the schema by its migrations' names and text.
func schemaDigest(b *testing.B) string {
	b.Helper()
	files, err := filepath.Glob("../store/migrations/*.sql")
	if err != nil || len(files) == 0 {
		b.Fatalf("migrations: %v", err)
	}
	h := sha256.New()
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", filepath.Base(f), len(body))
		h.Write(body)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// fillBench makes the organisation, then n cases, each with a process
// instance and a task, written straight into the tables in batches.
func fillBench(b *testing.B, db *store.DB, n int) {
	ctx := context.Background()
	f := orgtest.Build(b, db, "x")
	applicants := []int64{f.Users["citizen1"].ID}
	for i := 1; i < benchApplicants; i++ {
		u, err := f.Org.CreateUser(ctx, "bench", org.User{Username: fmt.Sprintf("bench-applicant-%d", i), Role: org.RoleApplicant,
			ApplicantKind: org.Citizen, DisplayName: fmt.Sprintf("申请人%d", i), IDNumber: residentID(fmt.Sprintf("11010519800101%03d", i))}, "x")
		if err != nil {
			b.Fatal(err)
		}
		applicants = append(applicants, u.ID)
	}
	now := time.Date(2026, 11, 29, 2, 0, 0, 0, time.UTC)
	if _, err := db.Exec(ctx, `INSERT INTO process_definitions (process_key, version, name, body, status, created_by, created_at, updated_at)
		VALUES ('bench', 1, 'bench', '{}', 'published', 'bench', ?, ?)`, store.Micros(now), store.Micros(now)); err != nil {
		b.Fatal(err)
	}
	depts := []org.Department{f.MarketA, f.MarketB}
	const batch = 200 // rows a statement
	for start := 0; start < n; start += batch {
		end := min(start+batch, n)
		var cases, insts, tasks, holders []string
		var ca, ia, ta, ha []any
		for i := start; i < end; i++ {
			d := depts[i%2]
			number := fmt.Sprintf("%s-%s-%05d", d.RegionCode, now.AddDate(0, 0, -1-i/20000).Format("20060102"), i%20000+1)
			at := store.Micros(now.Add(-time.Duration(n-i) * 7 * time.Second))
			applicant := applicants[1+i%(benchApplicants-1)]
			if i%benchMineEvery == 0 {
				applicant = applicants[0]
			}
			cases = append(cases, "(?, ?, ?, ?, 1, ?, ?, 'online', 'submitted', 'QUERYCOD', '{}', ?, ?)")
			ca = append(ca, number, d.RegionCode, d.ID, "320102-SCJG-001", "食品经营许可", applicant, at, at)
			open := i%benchOpenEvery == 0
			status, closed, assignee, cands := "ended", at+1, "", ""
			if open {
				status, closed = "running", 0
				switch {
				case i%3 == 0:
					assignee = "handlera"
					if d.ID == f.MarketB.ID {
						assignee = "handlerb"
					}
				default:
					cands = "handlera,handlera2"
				}
			}
			insts = append(insts, "(?, ?, 'bench', 1, ?, 1, '{}', ?, ?)")
			ia = append(ia, number, "case:"+number, status, at, at)
			taskStatus := "done"
			if open {
				taskStatus = "open"
			}
			dept := d.Code
			if open && i%100 == 5 {
				dept = f.MarketA.Code + "," + f.MarketB.Code
			}
			due := int64(9223372036854775807) // no clock: last
			if open {
				due = at + int64(20*24*time.Hour/time.Microsecond)
			}
			tasks = append(tasks, "(?, 't1', 'handle', '承办', ?, 'handler', ?, '', ?, ?, 20, ?, ?, ?)")
			ta = append(ta, number, dept, assignee, cands, taskStatus, at, closed, due)
			if open && cands != "" {
				for _, c := range strings.Split(cands, ",") {
					holders = append(holders, "('u', ?, ?, 't1', ?)")
					ha = append(ha, c, number, due)
				}
			}
			if open && strings.Contains(dept, ",") {
				for _, c := range strings.Split(dept, ",") {
					holders = append(holders, "('d', ?, ?, 't1', ?)")
					ha = append(ha, c, number, due)
				}
			}
		}
		err := db.Tx(ctx, func(tx *store.Tx) error {
			if _, err := tx.Exec(ctx, `INSERT INTO cases (number, region_code, department_id, item_code, item_version, item_name, applicant_id,
				channel, status, query_code, form, submitted_at, updated_at) VALUES `+strings.Join(cases, ", "), ca...); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO process_instances (id, stream, process_key, process_version, status, version, state,
				started_at, updated_at) VALUES `+strings.Join(insts, ", "), ia...); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO process_tasks (instance_id, task_id, node, node_name, department, role, assignee,
				acting_for, candidates, status, limit_days, created_at, closed_at, due_at) VALUES `+strings.Join(tasks, ", "), ta...); err != nil {
				return err
			}
			if len(holders) > 0 {
				_, err := tx.Exec(ctx, `INSERT INTO process_task_holders (kind, holder, instance_id, task_id, due_at) VALUES `+strings.Join(holders, ", "), ha...)
				return err
			}
			return nil
		})
		if err != nil {
			b.Fatalf("rows %d–%d: %v", start, end, err)
		}
	}
	if _, err := db.Exec(ctx, `ANALYZE`); err != nil {
		b.Fatal(err)
	}
}

// residentID completes 17 digits of a resident ID with its check character.
func residentID(digits string) string {
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(digits[i]-'0') * w
	}
	return digits + string("10X98765432"[sum%11])
}
