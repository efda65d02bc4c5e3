package refuse_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/shenpi/shenpi/internal/refuse"
)

// TestKinds: a domain's sentinel is both itself and its kind, through any
// wrapping; a sentinel of one domain is not another's, and an error that is
// no refusal has no kind.
func TestKinds(t *testing.T) {
	caseMissing := refuse.NotFound("casework: not found", "")
	itemMissing := refuse.NotFound("catalog: not found", "")
	frozen := refuse.Conflict("casework: frozen", "case.api.frozen")
	wrapped := fmt.Errorf("web: unable to add a file: %w", frozen)
	field := refuse.Field("org: invalid code", "code", "form.required")

	cases := []struct {
		err    error
		kind   error
		reason string
	}{
		{caseMissing, refuse.ErrNotFound, ""},
		{wrapped, refuse.ErrConflict, "case.api.frozen"},
		{refuse.Forbidden("casework: not yours", "x.y"), refuse.ErrForbidden, "x.y"},
		{field, refuse.ErrInvalid, "form.required"},
		{errors.New("disk full"), nil, ""},
		{nil, nil, ""},
	}
	for _, c := range cases {
		if got := refuse.KindOf(c.err); got != c.kind {
			t.Errorf("%v is of kind %v, want %v", c.err, got, c.kind)
		}
		if got := refuse.Reason(c.err); got != c.reason {
			t.Errorf("%v gives the reason %q, want %q", c.err, got, c.reason)
		}
	}
	if !errors.Is(wrapped, frozen) || errors.Is(caseMissing, itemMissing) || errors.Is(refuse.ErrNotFound, caseMissing) {
		t.Error("sentinels are not told apart")
	}
	if wrapped.Error() != "web: unable to add a file: casework: frozen" {
		t.Errorf("text %q", wrapped.Error())
	}
}
