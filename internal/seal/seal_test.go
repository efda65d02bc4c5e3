package seal

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSealOpenAndRotate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "keys", "shenpi.key")
	if err := CreateFile(path); err != nil {
		t.Fatal(err)
	}
	if err := CreateFile(path); err == nil {
		t.Fatal("a key file was replaced")
	}
	k, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const id = "11010519491231002X"
	sealed, err := k.Seal("users.id_number", id)
	if err != nil || strings.Contains(sealed, id) || SealedUnder(sealed) != k.Current() || len(k.Current()) != 8 {
		t.Fatalf("sealed %q %v", sealed, err)
	}
	again, _ := k.Seal("users.id_number", id)
	if again == sealed {
		t.Fatal("the same value sealed twice gave the same ciphertext")
	}
	if got, err := k.Open("users.id_number", sealed); err != nil || got != id {
		t.Fatalf("opened %q %v", got, err)
	}
	if _, err := k.Open("users.mobile", sealed); err == nil {
		t.Fatal("a value moved to another column opened")
	}
	if got, _ := k.Open("users.mobile", "13812345678"); got != "13812345678" {
		t.Fatal("a value from before encryption is not read as it is")
	}
	if s, _ := k.Seal("x", ""); s != "" {
		t.Fatal("the empty value was sealed")
	}

	// Rotation: a new key seals from now on; the old one still opens.
	b, _ := os.ReadFile(path)
	os.WriteFile(path, append(b, []byte("key 2 00112233445566778899aabbccddeeff\n")...), 0o600)
	k2, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := k2.Open("users.id_number", sealed); err != nil || got != id {
		t.Fatalf("the old key's value after rotation: %q %v", got, err)
	}
	if s, _ := k2.Seal("users.id_number", id); SealedUnder(s) != "2" || k2.Current() != "2" {
		t.Fatalf("sealed under %q after rotation", SealedUnder(s))
	}
	h1, _ := k.Index("id_number", id)
	h2, _ := k2.Index("id_number", id)
	if h1 != h2 || len(h1) != 64 {
		t.Fatal("the lookup hash changed with the data key")
	}
	if other, _ := ForTests().Index("id_number", id); other == h1 {
		t.Fatal("the lookup hash does not depend on the key")
	}

	os.Chmod(path, 0o644)
	if _, err := LoadFile(path); err == nil {
		t.Fatal("a key file others may read was accepted")
	}
}
