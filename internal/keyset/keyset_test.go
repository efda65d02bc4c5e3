package keyset_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shenpi/shenpi/internal/keyset"
	"github.com/shenpi/shenpi/internal/refuse"
)

// TestCursorRoundTrip: a cursor given out decodes to the same values, an
// integer stays an integer and a string that looks like one stays a string.
func TestCursorRoundTrip(t *testing.T) {
	for _, key := range [][]any{
		{int64(1_795_000_000_123_456), "320102-20261123-00001"},
		{"12", int64(12)},
		{int64(-1), "", "引号\"与,逗号"},
	} {
		c := keyset.At(key...)
		back, err := keyset.ParseCursor(c.String(), len(key))
		if err != nil {
			t.Fatalf("%v: %v", key, err)
		}
		if diff := cmp.Diff(key, back.Values()); diff != "" {
			t.Errorf("%v: %s", key, diff)
		}
	}
	if c, err := keyset.ParseCursor("", 2); err != nil || !c.IsZero() {
		t.Fatalf("the empty cursor: %v %v", c, err)
	}
}

// TestForeignCursorsAndSizesRefused: a cursor that is not this list's, and
// a size out of range, are refusals of kind invalid naming their field.
func TestForeignCursorsAndSizesRefused(t *testing.T) {
	good := keyset.At(int64(5), "x").String()
	for _, s := range []string{"%%%", "bm90IGpzb24", keyset.At(int64(5)).String(), good + "A", keyset.At("x", "y", "z").String()[:4]} {
		if _, err := keyset.ParseCursor(s, 2); !errors.Is(err, refuse.ErrInvalid) || !errors.Is(err, keyset.ErrCursor) {
			t.Errorf("cursor %q: %v", s, err)
		}
	}
	for _, size := range []string{"0", "-3", "101", "ten", "1.5"} {
		_, err := keyset.ParseRequest("", size, 2)
		var re *refuse.Error
		if !errors.As(err, &re) || re.Field != "limit" || re.Kind != refuse.ErrInvalid {
			t.Errorf("size %q: %v", size, err)
		}
	}
	req, err := keyset.ParseRequest(good, " 100 ", 2)
	if err != nil || req.Size != 100 || req.After.String() != good {
		t.Fatalf("a good request: %+v %v", req, err)
	}
	if req, _ := keyset.ParseRequest("", "", 2); req.Size != keyset.DefaultSize {
		t.Fatalf("default size %d", req.Size)
	}
}

// TestOrderConditions: the condition after a cursor is one row value
// comparison in the order's direction, and nothing at the start.
func TestOrderConditions(t *testing.T) {
	desc := keyset.Order{Columns: []string{"submitted_at", "number"}, Desc: true}
	if got := desc.By(); got != "submitted_at DESC, number DESC" {
		t.Fatal(got)
	}
	cond, args := desc.After(keyset.At(int64(7), "n"))
	if cond != "(submitted_at, number) < (?, ?)" || !cmp.Equal(args, []any{int64(7), "n"}) {
		t.Fatal(cond, args)
	}
	asc := keyset.Order{Columns: []string{"a", "b", "c"}}
	if cond, _ := asc.After(keyset.At(1, "x", "y")); cond != "(a, b, c) > (?, ?, ?)" || asc.By() != "a, b, c" {
		t.Fatal(cond, asc.By())
	}
	if cond, args := asc.After(keyset.Cursor{}); cond != "1 = 1" || args != nil {
		t.Fatal(cond, args)
	}
}

// TestTrim: a read of one row more than the page says another page follows,
// and its cursor is the last row shown.
func TestTrim(t *testing.T) {
	req := keyset.Request{Size: 2}
	if keyset.Limit(req) != 3 || keyset.Limit(keyset.Request{Size: 1000}) != keyset.MaxSize+1 || keyset.Limit(keyset.Request{}) != keyset.DefaultSize+1 {
		t.Fatal("limits")
	}
	key := func(n int) []any { return []any{n} }
	p := keyset.Trim([]int{1, 2, 3}, req, 9, key)
	if !cmp.Equal(p.Items, []int{1, 2}) || p.Total != 9 || !cmp.Equal(p.Next.Values(), []any{int64(2)}) {
		t.Fatalf("%+v", p)
	}
	last := keyset.Trim([]int{7, 8}, req, 9, key)
	if !last.Next.IsZero() || len(last.Items) != 2 {
		t.Fatalf("%+v", last)
	}
	if long := keyset.Trim([]int{1}, req, keyset.CountLimit, key); long.Total != keyset.CountCap || !long.More {
		t.Fatalf("a list longer than the cap: %+v", long)
	}
	if exact := keyset.Trim([]int{1}, req, keyset.CountCap, key); exact.Total != keyset.CountCap || exact.More {
		t.Fatalf("a list of the cap's length: %+v", exact)
	}
	if empty := keyset.Trim[int](nil, req, 0, key); empty.Items == nil || !empty.Next.IsZero() {
		t.Fatalf("an empty page %+v: its rows encode as [], not null", empty)
	}
}
