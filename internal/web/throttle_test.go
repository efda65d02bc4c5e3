package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/shenpi/shenpi/internal/store/storetest"
)

// The finding: POST /password accepted 30 wrong current passwords in 1.5 s.
// Now the sixth and later guesses are refused unchecked, with the form kept.
func TestPasswordCurrentThrottled(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	c := s.login("clerka")
	next := "Brand-New-Pass-9"
	checked, refused := 0, 0
	for i := 0; i < 30; i++ {
		res := s.post(c, "/password", url.Values{"current": {"guess"}, "new": {next}, "new2": {next}})
		switch {
		case res.status == 422 && strings.Contains(res.body, "当前密码不正确"):
			checked++
		case res.status == 429 && strings.Contains(res.body, "请稍候再试"):
			refused++
		default:
			t.Fatalf("guess %d: %d", i, res.status)
		}
	}
	if checked > 5 || refused < 25 {
		t.Fatalf("of 30 wrong current passwords %d were checked and %d refused", checked, refused)
	}
	if res := s.post(c, "/password", url.Values{"current": {pw}, "new": {next}, "new2": {next}}); res.status != 429 {
		t.Fatalf("the right password while waiting: %d", res.status)
	}
}

// The finding: /lookup took 3,000 guesses at 639 per second. Now one
// address gets at most ten answers about one case before it must wait.
func TestLookupThrottled(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	c := s.client()
	answered, refused := 0, 0
	for i := 0; i < 100; i++ {
		res := s.post(c, "/lookup", url.Values{"number": {"320102-20261122-00001"}, "code": {"GUESS" + string(rune('A'+i%26))}})
		switch res.status {
		case 404:
			answered++
		case 429:
			refused++
			if !strings.Contains(res.body, "请稍候再试") || !strings.Contains(res.body, `value="320102-20261122-00001"`) {
				t.Fatal("a refused lookup does not say why or lost the number")
			}
		default:
			t.Fatalf("guess %d: %d", i, res.status)
		}
	}
	if answered > 10 {
		t.Fatalf("%d of 100 guesses were answered", answered)
	}
}

// The finding: 40 accounts were registered with one resident ID number and
// mobile in 4 seconds. A second account for an ID number is refused with the
// way back to the existing one, naming nobody; and registrations from one
// address are slowed.
func TestRegistrationOnePersonAndThrottled(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	ctx := context.Background()
	form := func(username, id string) url.Values {
		return url.Values{"kind": {"citizen"}, "username": {username}, "display_name": {"王五"}, "id_number": {id},
			"mobile": {"13812345678"}, "password": {pw}, "password2": {pw}}
	}
	before := s.events(ctx)
	res := s.post(s.client(), "/register", form("wangwu2", "11010519491231002X"))
	if res.status != 422 || !strings.Contains(res.body, "此身份证号码已注册申请人账户") || !strings.Contains(res.body, `href="/login"`) {
		t.Fatalf("a second account for citizen1's ID number: %d", res.status)
	}
	if strings.Contains(res.body, "citizen1") || strings.Contains(res.body, "张三") {
		t.Fatal("the refusal reveals whose the ID number is")
	}
	if !strings.Contains(res.body, `value="wangwu2"`) || s.events(ctx) != before {
		t.Fatal("the refusal lost the input or changed something")
	}
	codes := map[int]int{}
	for i := 0; i < 40; i++ {
		codes[s.post(s.client(), "/register", form("bulk"+string(rune('a'+i%26))+string(rune('a'+i/26)), "11010519491231002X")).status]++
	}
	if codes[429] < 25 {
		t.Fatalf("40 registrations from one address: %v", codes)
	}
}
