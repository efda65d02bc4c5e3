package auth_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// throttleFixture is an Auth over the org fixture whose clock the test moves.
type throttleFixture struct {
	a   *auth.Auth
	now time.Time
}

func newThrottleFixture(t *testing.T, db *store.DB) (*throttleFixture, *orgtest.Fixture) {
	f := orgtest.Build(t, db, auth.HashPassword(goodPassword))
	tf := &throttleFixture{now: orgtest.Clock()}
	tf.a = auth.New(db, f.Org, func() time.Time { return tf.now })
	return tf, f
}

func isThrottled(err error) bool {
	var thr *auth.ThrottledError
	return errors.As(err, &thr)
}

// The finding: five wrong passwords from anywhere locked the account from
// every address. Now the owner keeps logging in from their own desk however
// long an attacker guesses elsewhere, and the attacker is refused.
func TestLoginOwnerKeepsTheirAddress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		tf, _ := newThrottleFixture(t, db)
		if _, _, err := tf.a.Login(ctx, "clerka", goodPassword, "10.0.0.1"); err != nil {
			t.Fatalf("first login: %v", err)
		}
		refused := 0
		for i := 0; i < 200; i++ {
			_, _, err := tf.a.Login(ctx, "clerka", "guess", "203.0.113.9")
			switch {
			case isThrottled(err):
				refused++
			case !errors.Is(err, auth.ErrBadCredentials):
				t.Fatalf("guess %d: %v", i, err)
			}
			tf.now = tf.now.Add(time.Second)
		}
		if refused < 150 {
			t.Fatalf("only %d of 200 guesses from one address were refused unheard", refused)
		}
		if _, _, err := tf.a.Login(ctx, "clerka", goodPassword, "203.0.113.9"); !isThrottled(err) {
			t.Fatalf("the attacker's address, even with the right password: %v", err)
		}
		if _, _, err := tf.a.Login(ctx, "clerka", goodPassword, "10.0.0.1"); err != nil {
			t.Fatalf("the owner at their own address: %v", err)
		}
		// A new address of the owner's is slowed by the account's ceiling only
		// once guesses from everywhere pass it: a first login elsewhere
		// after a handful of guesses works.
		for i := 0; i < 3; i++ {
			tf.a.Login(ctx, "handlera", "guess", "198.51.100.7")
		}
		if _, _, err := tf.a.Login(ctx, "handlera", goodPassword, "10.0.0.2"); err != nil {
			t.Fatalf("first login from another address after a few guesses elsewhere: %v", err)
		}
	})
}

// The finding: twenty failures locked an address for everyone behind it. A
// sprayer behind an office's NAT now slows only usernames that never logged
// in from there; colleagues who did keep working.
func TestLoginOfficeBehindOneAddress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		tf, _ := newThrottleFixture(t, db)
		const office = "192.0.2.10"
		for _, name := range []string{"clerka", "handlera"} {
			if _, _, err := tf.a.Login(ctx, name, goodPassword, office); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		sprayRefused := 0
		for i := 0; i < 300; i++ {
			_, _, err := tf.a.Login(ctx, "user"+string(rune('a'+i%26))+string(rune('a'+i/26)), "guess", office)
			if isThrottled(err) {
				sprayRefused++
			}
			tf.now = tf.now.Add(100 * time.Millisecond)
		}
		if sprayRefused == 0 {
			t.Fatal("spraying 300 usernames from one address was never slowed")
		}
		for _, name := range []string{"clerka", "handlera"} {
			if _, _, err := tf.a.Login(ctx, name, goodPassword, office); err != nil {
				t.Fatalf("%s behind the sprayed address: %v", name, err)
			}
		}
		// Twenty typos by several people behind one address lock nobody out.
		for i := 0; i < 20; i++ {
			tf.a.Login(ctx, []string{"clerka", "handlera", "deptadmina", "handlerb"}[i%4]+"x", "typo", "192.0.2.20")
		}
		if _, _, err := tf.a.Login(ctx, "deptadmina", goodPassword, "192.0.2.20"); err != nil {
			t.Fatalf("a first login behind an address with twenty typos: %v", err)
		}
	})
}

// Brute force from one address is still slowed, with growing waits, and a
// quiet key recovers by itself.
func TestLoginGrowingDelay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		tf, _ := newThrottleFixture(t, db)
		for i := 1; i <= 4; i++ {
			if _, _, err := tf.a.Login(ctx, "citizen1", "wrong", "10.0.0.2"); !errors.Is(err, auth.ErrBadCredentials) {
				t.Fatalf("attempt %d: %v", i, err)
			}
		}
		var waits []time.Duration
		for i := 0; i < 4; i++ {
			_, _, err := tf.a.Login(ctx, "citizen1", "wrong", "10.0.0.2")
			var thr *auth.ThrottledError
			if !errors.As(err, &thr) {
				t.Fatalf("failure %d, the fifth or later: %v", 5+i, err)
			}
			waits = append(waits, thr.Until.Sub(tf.now))
			if _, _, err := tf.a.Login(ctx, "citizen1", goodPassword, "10.0.0.2"); !isThrottled(err) {
				t.Fatalf("right password accepted while waiting: %v", err)
			}
			tf.now = thr.Until
		}
		for i := 1; i < len(waits); i++ {
			if waits[i] <= waits[i-1] {
				t.Fatalf("waits do not grow: %v", waits)
			}
		}
		tf.now = tf.now.Add(time.Hour)
		if _, _, err := tf.a.Login(ctx, "citizen1", goodPassword, "10.0.0.2"); err != nil {
			t.Fatalf("after an hour's quiet: %v", err)
		}
	})
}

// Parallel guesses are counted before the password is checked, so a burst
// gets no more answers than the free attempts.
func TestLoginParallelBurst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		tf, _ := newThrottleFixture(t, db)
		var (
			mu    sync.Mutex
			heard int
			wg    sync.WaitGroup
		)
		for i := 0; i < 24; i++ {
			wg.Go(func() {
				_, _, err := tf.a.Login(ctx, "clerka", "guess", "203.0.113.50")
				if errors.Is(err, auth.ErrBadCredentials) {
					mu.Lock()
					heard++
					mu.Unlock()
				} else if !isThrottled(err) {
					t.Errorf("burst: %v", err)
				}
			})
		}
		wg.Wait()
		if heard > 5 {
			t.Fatalf("%d of 24 parallel guesses were checked; at most 5 should be", heard)
		}
	})
}

// The finding: POST /password accepted 30 wrong current passwords in 1.5 s.
func TestCheckCurrentThrottled(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		tf, f := newThrottleFixture(t, db)
		u := f.Users["clerka"]
		checked := 0
		for i := 0; i < 30; i++ {
			err := tf.a.CheckCurrent(ctx, u, "guess")
			switch {
			case errors.Is(err, auth.ErrBadCredentials):
				checked++
			case !isThrottled(err):
				t.Fatalf("guess %d: %v", i, err)
			}
		}
		if checked > 5 {
			t.Fatalf("%d of 30 wrong current passwords were checked", checked)
		}
		if err := tf.a.CheckCurrent(ctx, u, goodPassword); !isThrottled(err) {
			t.Fatalf("right password while waiting: %v", err)
		}
		tf.now = tf.now.Add(time.Hour)
		if err := tf.a.CheckCurrent(ctx, u, goodPassword); err != nil {
			t.Fatalf("right password after the wait: %v", err)
		}
	})
}

// Lookup and registration keys slow guesses at one case from many addresses
// and many guesses from one address.
func TestLookupAndRegisterKeys(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		tf, _ := newThrottleFixture(t, db)
		passed := 0
		for i := 0; i < 3000; i++ {
			if err := tf.a.Attempt(ctx, auth.LookupKeys("SP3201022026112300001", "203.0.113.1")...); err == nil {
				passed++
			} else if !isThrottled(err) {
				t.Fatal(err)
			}
		}
		if passed > 10 {
			t.Fatalf("%d of 3000 lookups of one case were let through", passed)
		}
		passed = 0
		for i := 0; i < 100; i++ {
			if err := tf.a.Attempt(ctx, auth.LookupKeys("SP-other-"+string(rune('A'+i%26))+string(rune('A'+i/26)), "203.0.113.2")...); err == nil {
				passed++
			}
		}
		if passed > 30 {
			t.Fatalf("%d of 100 lookups of different cases from one address were let through", passed)
		}
		passed = 0
		for i := 0; i < 40; i++ {
			if err := tf.a.Attempt(ctx, auth.RegisterKeys("203.0.113.3")...); err == nil {
				passed++
			}
		}
		if passed > 10 {
			t.Fatalf("%d of 40 registrations from one address were let through", passed)
		}
	})
}
