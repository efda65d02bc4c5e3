package blob

import (
	"os"
	"path/filepath"
	"testing"
)

func TestPutGet(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "files"))
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("%PDF-1.7 营业执照")
	sha, err := s.Put(data)
	if err != nil || len(sha) != 64 {
		t.Fatalf("put: %q %v", sha, err)
	}
	again, _ := s.Put(data)
	if again != sha || !s.Has(sha) {
		t.Fatal("same content must give the same name")
	}
	got, err := s.Get(sha)
	if err != nil || string(got) != string(data) {
		t.Fatalf("get: %q %v", got, err)
	}
	for _, bad := range []string{"../../etc/passwd", "", sha[:63], sha + "0"} {
		if _, err := s.Get(bad); err != ErrNotFound {
			t.Errorf("Get(%q) = %v", bad, err)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(s.dir, sha[:2]))
	staged, _ := os.ReadDir(filepath.Join(s.dir, "staging"))
	if len(entries) != 1 || len(staged) != 0 {
		t.Fatalf("temporary files left behind: %v %v", entries, staged)
	}
}

func TestIdentify(t *testing.T) {
	cases := []struct {
		name string
		data string
		ok   bool
	}{
		{"执照.pdf", "%PDF-1.4", true},
		{"photo.JPG", "\xFF\xD8\xFF\xE0", true},
		{"scan.png", "\x89PNG\r\n\x1a\n", true},
		{"地形图.dwg", "AC1032\x00\x00", true},
		{"virus.pdf", "MZ\x90\x00", false},
		{"script.exe", "MZ", false},
		{"noext", "%PDF-1.4", false},
		{"empty.pdf", "", false},
	}
	for _, c := range cases {
		if _, ok := Identify(c.name, []byte(c.data)); ok != c.ok {
			t.Errorf("%s: %v", c.name, ok)
		}
	}
}

func FuzzIdentify(f *testing.F) {
	f.Add("a.pdf", []byte("%PDF-1.4"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if ct, ok := Identify(name, data); ok && ct == "" {
			t.Fatal("identified without a content type")
		}
	})
}
