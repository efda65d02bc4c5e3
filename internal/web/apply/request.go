package apply

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/casework"
)

// MaxFormBody bounds a posted form without uploads.
const MaxFormBody = 1 << 20

// MaxBody bounds a posted application with its uploads: every electronic
// material at its limit, plus the form.
func MaxBody(item casework.ItemVersion) int64 {
	total := int64(MaxFormBody)
	for _, m := range item.Materials {
		if m.MaxBytes > 0 {
			total += m.MaxBytes
		} else {
			total += 10 << 20
		}
	}
	return min(total, 100<<20)
}

// CaseNumber reads the {number} of a URL; a malformed one is simply not
// found.
func CaseNumber(r *http.Request) (casework.Number, error) {
	n, err := casework.ParseNumber(r.PathValue("number"))
	if err != nil {
		return "", casework.ErrNotFound
	}
	return n, nil
}
