package web_test

import (
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"

	"github.com/shenpi/shenpi/internal/web/messages"
)

// TestMain fails the package when any page, refusal or JSON error rendered a
// message without a value for one of its placeholders (issue 11 #8: "每个文件
// 不超过  MB", "只接受 。"): every message the tests render has its arguments.
func TestMain(m *testing.M) {
	var (
		mu   sync.Mutex
		gaps []string
	)
	messages.MissingArgs = func(key, name string) {
		mu.Lock()
		defer mu.Unlock()
		if gap := key + " {{." + name + "}}"; !slices.Contains(gaps, gap) {
			gaps = append(gaps, gap)
		}
	}
	code := m.Run()
	if len(gaps) > 0 {
		fmt.Fprintf(os.Stderr, "messages rendered without their arguments:\n")
		for _, g := range gaps {
			fmt.Fprintf(os.Stderr, "  %s\n", g)
		}
		code = 1
	}
	os.Exit(code)
}
