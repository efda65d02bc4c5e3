package catalog

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strings"

	"github.com/shenpi/shenpi/internal/store"
)

// MaxSampleBytes bounds a sample file: samples are forms and examples, not
// archives.
const MaxSampleBytes = 5 << 20

// sampleTypes are the file types a sample may have, by extension.
var sampleTypes = map[string]string{
	".pdf":  "application/pdf",
	".doc":  "application/msword",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xls":  "application/vnd.ms-excel",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".ofd":  "application/ofd",
	".txt":  "text/plain; charset=utf-8",
	".jpg":  "image/jpeg",
	".png":  "image/png",
}

// SampleRef checks a sample file and returns the reference an item stores;
// PutFile stores the bytes. The content type comes from the extension, and
// must agree with what the bytes look like, so a renamed executable is
// refused.
func SampleRef(name string, data []byte) (FileRef, *InvalidError) {
	name = path.Base(strings.ReplaceAll(strings.TrimSpace(name), `\`, "/"))
	ext := strings.ToLower(path.Ext(name))
	ct, ok := sampleTypes[ext]
	switch {
	case len(data) == 0:
		return FileRef{}, invalid("sample", "catalog.sample.empty")
	case len(data) > MaxSampleBytes:
		return FileRef{}, invalid("sample", "catalog.sample.too_large", "Max", MaxSampleBytes>>20)
	case !ok:
		return FileRef{}, invalid("sample", "catalog.sample.type")
	case !sniffAgrees(ext, data):
		return FileRef{}, invalid("sample", "catalog.sample.content")
	}
	sum := sha256.Sum256(data)
	return FileRef{Name: name, SHA256: hex.EncodeToString(sum[:]), ContentType: ct, Size: int64(len(data))}, nil
}

// sniffAgrees compares the sniffed content type with the extension's family.
func sniffAgrees(ext string, data []byte) bool {
	sniffed := http.DetectContentType(data)
	switch ext {
	case ".pdf":
		return sniffed == "application/pdf"
	case ".jpg":
		return sniffed == "image/jpeg"
	case ".png":
		return sniffed == "image/png"
	case ".txt":
		return strings.HasPrefix(sniffed, "text/plain")
	case ".docx", ".xlsx", ".ofd":
		return sniffed == "application/zip"
	case ".doc", ".xls":
		return sniffed == "application/octet-stream" && len(data) > 8 && string(data[:4]) == "\xd0\xcf\x11\xe0"
	}
	return false
}

// PutFile stores a sample's bytes under their SHA-256; storing the same
// bytes again changes nothing.
func (c *Catalog) PutFile(ctx context.Context, ref FileRef, data []byte) error {
	return c.db.Tx(ctx, func(tx *store.Tx) error { return c.putFile(ctx, tx, ref, data) })
}

func (c *Catalog) putFile(ctx context.Context, tx *store.Tx, ref FileRef, data []byte) error {
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != ref.SHA256 {
		return errors.New("catalog: file content does not match its SHA-256")
	}
	_, err := tx.Exec(ctx, `INSERT INTO catalog_files (sha256, content_type, size, data, created_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (sha256) DO NOTHING`, ref.SHA256, ref.ContentType, len(data), data, store.Micros(c.now()))
	if err != nil {
		return fmt.Errorf("catalog: unable to store a file: %w", err)
	}
	return nil
}

// checkFiles verifies files given with an item and returns their digests.
func checkFiles(files []FileData) (map[string]bool, error) {
	pending := map[string]bool{}
	for _, f := range files {
		sum := sha256.Sum256(f.Data)
		if hex.EncodeToString(sum[:]) != f.SHA256 || len(f.Data) == 0 || len(f.Data) > MaxSampleBytes {
			return nil, errors.New("catalog: a sample file does not match its SHA-256 or is too large")
		}
		pending[f.SHA256] = true
	}
	return pending, nil
}

func (c *Catalog) putFiles(ctx context.Context, tx *store.Tx, files []FileData) error {
	for _, f := range files {
		if err := c.putFile(ctx, tx, FileRef{SHA256: f.SHA256, ContentType: f.ContentType}, f.Data); err != nil {
			return err
		}
	}
	return nil
}

// hasFile reports whether the bytes of sha are stored.
func hasFile(ctx context.Context, q store.Querier, sha string) (bool, error) {
	var x int
	err := q.QueryRow(ctx, `SELECT 1 FROM catalog_files WHERE sha256 = ?`, sha).Scan(&x)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// File returns the stored bytes of sha.
func (c *Catalog) File(ctx context.Context, sha string) ([]byte, error) {
	var data []byte
	err := c.db.QueryRow(ctx, `SELECT data FROM catalog_files WHERE sha256 = ?`, sha).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("catalog: unable to read a file: %w", err)
	}
	return data, nil
}

// Sample returns the sample of material i (0-based) of a version.
func (c *Catalog) Sample(ctx context.Context, v Version, i int) (FileRef, []byte, error) {
	if i < 0 || i >= len(v.Materials) || v.Materials[i].Sample == nil {
		return FileRef{}, nil, ErrNotFound
	}
	ref := *v.Materials[i].Sample
	data, err := c.File(ctx, ref.SHA256)
	return ref, data, err
}
