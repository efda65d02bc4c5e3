package office

import (
	"net/url"
	"reflect"
	"testing"

	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/messages"
	"github.com/shenpi/shenpi/internal/web/page"
)

// FuzzCaseChange feeds arbitrary forms to the reader of the per-case change form: it
// must never panic, and must either make a command carrying the form's request id and
// a reason, or name a field with a translated message.
func FuzzCaseChange(f *testing.F) {
	f.Add("r1", "insert", "review", "专家评审", "handlera", "3", "需专家论证")
	f.Add("r2", "reassign", "", "", "", "", "x")
	f.Add("", "suspend", "", "", "", "", "")
	f.Add("r3", "insert", "", "", "u", "-1", "理由")
	f.Add("r4", "fly", "", "", "", "", "why")
	msgs, err := messages.Load()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, request, change, node, name, user, days, reason string) {
		v := page.ViewIn(msgs, "zh-Hans")
		v.Form = url.Values{"request": {request}, "change": {change}, "node": {node},
			"name": {name}, "user": {user}, "days": {days}, "reason": {reason}}
		cmd, field := caseChange(v, org.User{Username: "deptadmina"})
		if field != "" {
			if cmd != nil || v.Errors[field] == "" || v.Err(field) == v.Errors[field] {
				t.Fatalf("%q refused on %s without a translated message (%v)", change, field, v.Errors)
			}
			return
		}
		meta := metaOfCommand(cmd)
		if meta.RequestID != "case-change:"+request || meta.Actor != "deptadmina" || reason == "" {
			t.Fatalf("%q made %#v", change, cmd)
		}
	})
}

// metaOfCommand is the Meta every flow command embeds.
func metaOfCommand(cmd flow.Command) flow.Meta {
	return reflect.ValueOf(cmd).FieldByName("Meta").Interface().(flow.Meta)
}
