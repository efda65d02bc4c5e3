package page

import (
	"net/http"
	"strconv"
)

// KeepForm copies the named fields of the posted form into the view, to
// show them again.
func KeepForm(r *http.Request, v *View, fields ...string) {
	r.ParseForm()
	for _, f := range fields {
		v.Form.Set(f, r.PostForm.Get(f))
	}
}

// FormInt reads a whole-number field the user typed; anything else is 0.
func FormInt(v *View, field string) int64 {
	n, _ := strconv.ParseInt(v.Value(field), 10, 64)
	return n
}
