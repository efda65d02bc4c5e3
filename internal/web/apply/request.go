package apply

import (
	"net/http"
	"strings"

	"github.com/shenpi/shenpi/internal/casework"
)

// MaxFormBody bounds a posted form without uploads.
const MaxFormBody = 1 << 20

// MaterialArgs are the arguments of a refusal of a file for material slot of
// item: the types it accepts and its size limit in MB.
func MaterialArgs(item casework.ItemVersion, slot int) map[string]any {
	if slot < 0 || slot >= len(item.Materials) {
		return nil
	}
	types, maxBytes := item.Materials[slot].Limits()
	return map[string]any{"Types": strings.Join(types, ", "), "Size": (maxBytes + 1<<20 - 1) >> 20}
}

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
