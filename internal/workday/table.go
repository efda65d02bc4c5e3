package workday

// The arithmetic rests on one function, W(n): the number of working days
// before day number n (days since 1970-01-01), counted from a fixed origin.
// Then the working days in (from, to] are W(to+1) - W(from+1), and the k-th
// working day is the day n with W(n) == k that is itself a working day.
//
// Inside the precomputed range both are array look-ups. Outside it every day
// follows the Monday-to-Friday rule, whose count and inverse have closed forms,
// so arithmetic stays O(1) everywhere and no loop is ever needed.

// mondayRef is the day number of Monday 1969-12-29, the origin of plainCount.
const mondayRef = -3

// plainCount returns the number of Mondays-to-Fridays before day n.
func plainCount(n int) int {
	u := n - mondayRef
	return floorDiv(u, 7)*5 + min(floorMod(u, 7), 5)
}

// plainKth returns the weekday n with plainCount(n) == k.
func plainKth(k int) int {
	return mondayRef + floorDiv(k, 5)*7 + floorMod(k, 5)
}

// table is the precomputed schedule of a calendar over [lo, lo+len(w)-1).
type table struct {
	lo    int     // day number of the first tabulated day
	w     []int32 // w[i] = W(lo+i), one more entry than tabulated days
	kth   []int32 // kth[k-w[0]] = offset from lo of the working day with W = k
	adjHi int     // W(n) - plainCount(n) for every n after the range
}

// newTable tabulates days lo..hi-1, where override replaces the Monday-to-
// Friday rule for the dates it knows; before lo W equals plainCount.
func newTable(lo, hi int, override map[int]bool) table {
	t := table{lo: lo, w: make([]int32, 0, hi-lo+1)}
	w := int32(plainCount(lo))
	t.w = append(t.w, w)
	for n := lo; n < hi; n++ {
		work, ok := override[n]
		if !ok {
			wd := weekdayOf(n)
			work = wd >= 1 && wd <= 5
		}
		if work {
			t.kth = append(t.kth, int32(n-lo))
			w++
		}
		t.w = append(t.w, w)
	}
	t.adjHi = int(w) - plainCount(hi)
	return t
}

// count returns W(n).
func (t *table) count(n int) int {
	i := n - t.lo
	switch {
	case i < 0:
		return plainCount(n)
	case i < len(t.w):
		return int(t.w[i])
	}
	return plainCount(n) + t.adjHi
}

// nth returns the working day n with W(n) == k.
func (t *table) nth(k int) int {
	i := k - int(t.w[0])
	switch {
	case i < 0:
		return plainKth(k)
	case i < len(t.kth):
		return t.lo + int(t.kth[i])
	}
	return plainKth(k - t.adjHi)
}

// isWork reports whether day n is a working day.
func (t *table) isWork(n int) bool {
	i := n - t.lo
	if i >= 0 && i+1 < len(t.w) {
		return t.w[i+1] != t.w[i]
	}
	wd := weekdayOf(n)
	return wd >= 1 && wd <= 5
}
