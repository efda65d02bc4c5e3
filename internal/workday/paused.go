package workday

// PausedDays is the number of working days a closed pause stops a day
// clock for: the working days whose working hours it touches, even in part
// (the counting rule in doc.go). It is what a special procedure (特别程序) is
// recorded as having taken. An open pause counts nothing yet.
func (c *Calendar) PausedDays(p Pause) int {
	if p.To.IsZero() {
		return 0
	}
	iv := c.pauseInterval(p, true)
	if iv.b <= iv.a {
		return 0
	}
	return int(iv.b - iv.a)
}
