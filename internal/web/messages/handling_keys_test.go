package messages

import (
	"os"
	"regexp"
	"testing"
)

// TestHandlingRefusalsTranslated: every message key casework's handling
// refuses with (special procedures, extensions, fees) has its text in both
// languages, since the API and the pages show them to staff as they are.
func TestHandlingRefusalsTranslated(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	key := regexp.MustCompile(`"(handling\.[a-z0-9_.]+)"`)
	found := 0
	for _, f := range glob(t, "../../casework/*.go") {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range key.FindAllStringSubmatch(string(b), -1) {
			found++
			for _, lang := range []string{"zh-Hans", "en"} {
				if c.T(lang, m[1], nil) == m[1] {
					t.Errorf("%s: %s has no %s text", f, m[1], lang)
				}
			}
		}
	}
	if found < 10 {
		t.Fatalf("only %d handling keys found in casework", found)
	}
}
