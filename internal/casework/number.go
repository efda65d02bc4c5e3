package casework

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/store"
)

// Number is a case number (办件编号): region code, date of receipt and a
// five-digit sequence of that region and day, e.g. 320102-20261122-00001.
type Number string

var numberPattern = regexp.MustCompile(`^\d{6}(\d{3})?-\d{8}-\d{5,}$`)

// ParseNumber checks the shape of a case number typed by a person.
func ParseNumber(s string) (Number, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if !numberPattern.MatchString(s) {
		return "", errors.New("casework: not a case number")
	}
	return Number(s), nil
}

// nextNumber allocates the next number of a region and day inside tx. The
// counter row is updated in the same transaction as the case, so a failed
// submission gives its number back and no two cases share one.
func nextNumber(ctx context.Context, tx *store.Tx, region string, day time.Time) (Number, error) {
	d := day.Format("20060102")
	var last int64
	err := tx.QueryRow(ctx, `INSERT INTO case_sequences (region_code, day, last) VALUES (?, ?, 1)
		ON CONFLICT (region_code, day) DO UPDATE SET last = case_sequences.last + 1
		RETURNING last`, region, d).Scan(&last)
	if err != nil {
		return "", fmt.Errorf("casework: unable to allocate a case number: %w", err)
	}
	return Number(fmt.Sprintf("%s-%s-%05d", region, d, last)), nil
}
