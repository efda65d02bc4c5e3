package catalog

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/store"
)

// Document is the import/export format of a whole catalogue: the items (as
// Item's JSON) and the sample files they name, base64 in "data".
type Document struct {
	Format     string     `json:"format"`
	Version    int        `json:"version"`
	ExportedAt string     `json:"exported_at,omitempty"`
	Items      []Item     `json:"items"`
	Files      []FileData `json:"files,omitempty"`
}

// FileData is a stored file inside a Document.
type FileData struct {
	SHA256      string `json:"sha256"`
	ContentType string `json:"content_type"`
	Data        []byte `json:"data"`
}

// The format's name and version; a file with others is refused.
const (
	DocumentFormat  = "shenpi-catalog"
	DocumentVersion = 1
	// MaxImportBytes bounds an import file: 300 items with their samples fit
	// many times over.
	MaxImportBytes = 32 << 20
	maxImportItems = 5000
	maxProblems    = 50
)

// rawDocument defers decoding the items, so that each can be decoded on its
// own and a problem can name the item it is in.
type rawDocument struct {
	Format     string            `json:"format"`
	Version    int               `json:"version"`
	ExportedAt string            `json:"exported_at"`
	Items      []json.RawMessage `json:"items"`
	Files      []FileData        `json:"files"`
}

// ParseDocument reads an import file strictly: one JSON object of the
// known format, no unknown fields anywhere, no trailing data. Problems name
// the item (by code, or by position when the code is unreadable) and field.
func ParseDocument(r io.Reader) (Document, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return Document{}, fmt.Errorf("catalog: unable to read the import file: %w", err)
	}
	if len(data) > MaxImportBytes {
		return Document{}, &ImportError{Problems: []*InvalidError{invalid("", "catalog.import.too_large", "Max", MaxImportBytes>>20)}}
	}
	var raw rawDocument
	if e := decodeStrict(data, &raw); e != nil {
		return Document{}, &ImportError{Problems: []*InvalidError{e}}
	}
	switch {
	case raw.Format != DocumentFormat:
		return Document{}, importProblem("", "format", "catalog.import.format")
	case raw.Version != DocumentVersion:
		return Document{}, importProblem("", "version", "catalog.import.format")
	case len(raw.Items) == 0:
		return Document{}, importProblem("", "items", "catalog.import.empty")
	case len(raw.Items) > maxImportItems:
		return Document{}, importProblem("", "items", "catalog.item.too_many", "Max", maxImportItems)
	}
	doc := Document{Format: raw.Format, Version: raw.Version, ExportedAt: raw.ExportedAt, Files: raw.Files}
	var problems []*InvalidError
	for i, msg := range raw.Items {
		var it Item
		if e := decodeStrict(msg, &it); e != nil {
			e.Item = itemLabel(msg, i)
			problems = append(problems, e)
			if len(problems) >= maxProblems {
				break
			}
			continue
		}
		doc.Items = append(doc.Items, it)
	}
	if len(problems) > 0 {
		return Document{}, &ImportError{Problems: problems}
	}
	return doc, nil
}

func importProblem(item, field, key string, args ...any) *ImportError {
	e := invalid(field, key, args...)
	e.Item = item
	return &ImportError{Problems: []*InvalidError{e}}
}

// decodeStrict decodes exactly one JSON value into v, refusing unknown
// fields, and explains a failure as a field and a message key.
func decodeStrict(data []byte, v any) *InvalidError {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, err := dec.Token(); err != io.EOF {
			return invalid("", "catalog.import.trailing")
		}
		return nil
	}
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return invalid("", "catalog.import.syntax", "Line", lineOf(data, syntax.Offset))
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return invalid("", "catalog.import.syntax", "Line", lineOf(data, int64(len(data))))
	case errors.As(err, &typeErr):
		return invalid(typeErr.Field, "catalog.import.type")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return invalid(name, "catalog.import.unknown_field")
	}
	return invalid("", "catalog.import.syntax", "Line", 1)
}

func lineOf(data []byte, offset int64) int {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	return bytes.Count(data[:offset], []byte("\n")) + 1
}

// itemLabel names an item that failed to decode: its code if that much can
// be read, else its position.
func itemLabel(msg json.RawMessage, i int) string {
	var head struct {
		Code string `json:"code"`
	}
	if json.Unmarshal(msg, &head) == nil && codePattern.MatchString(head.Code) {
		return head.Code
	}
	return "#" + strconv.Itoa(i+1)
}

// ImportOptions says how an import lands.
type ImportOptions struct {
	// Publish publishes every imported item at once, without review. Only a
	// system administrator may ask for it (auth.CanImportPublished).
	Publish bool
	// Allow limits the departments whose items may be imported; nil allows
	// every department.
	Allow func(department string) bool
}

// ImportReport says what an import did, item by item.
type ImportReport struct {
	Created   []string // new items
	Updated   []string // a new version, or a replaced draft
	Unchanged []string // identical to the published version
	Published []string
}

// Import stores every item of doc in one transaction: all or nothing. A new
// item becomes version 1; an item that exists gets a new version, or its
// open draft is replaced; an item identical to its published version is
// left alone, so importing the same file twice changes nothing. Versions
// are drafts unless opts.Publish. Every problem found is reported together,
// each naming its item and field.
func (c *Catalog) Import(ctx context.Context, actor string, doc Document, opts ImportOptions) (ImportReport, error) {
	var rep ImportReport
	err := c.db.Tx(ctx, func(tx *store.Tx) error {
		rep = ImportReport{}
		problems := c.importFiles(ctx, tx, doc.Files)
		seen := map[string]bool{}
		for i := range doc.Items {
			it := doc.Items[i]
			if seen[it.Code] {
				problems = append(problems, &InvalidError{Item: it.Code, Field: "code", Key: "catalog.import.duplicate"})
				continue
			}
			seen[it.Code] = true
			if opts.Allow != nil && !opts.Allow(strings.TrimSpace(it.Department)) {
				problems = append(problems, &InvalidError{Item: it.Code, Field: "department", Key: "catalog.import.department_denied"})
				continue
			}
			if err := c.prepare(ctx, tx, &it, nil); err != nil {
				var inv *InvalidError
				if !errors.As(err, &inv) {
					return err
				}
				problems = append(problems, inv)
				continue
			}
			if len(problems) > 0 {
				continue // keep checking the rest, but write nothing more
			}
			if err := c.importItem(ctx, tx, actor, it, opts, &rep); err != nil {
				var inv *InvalidError
				if !errors.As(err, &inv) {
					return err
				}
				problems = append(problems, inv)
			}
			if len(problems) >= maxProblems {
				break
			}
		}
		if len(problems) > 0 {
			return &ImportError{Problems: problems}
		}
		return nil
	})
	return rep, err
}

// importFiles stores the files of an import, refusing any whose content
// does not match its name or limits.
func (c *Catalog) importFiles(ctx context.Context, tx *store.Tx, files []FileData) []*InvalidError {
	var problems []*InvalidError
	for i, f := range files {
		sum := sha256.Sum256(f.Data)
		field := "files." + strconv.Itoa(i)
		switch {
		case hex.EncodeToString(sum[:]) != f.SHA256:
			problems = append(problems, invalid(field+".sha256", "catalog.import.file_digest"))
		case len(f.Data) == 0 || len(f.Data) > MaxSampleBytes:
			problems = append(problems, invalid(field+".data", "catalog.sample.too_large", "Max", MaxSampleBytes>>20))
		case f.ContentType == "" || len(f.ContentType) > 200:
			problems = append(problems, invalid(field+".content_type", "catalog.required"))
		default:
			if err := c.putFile(ctx, tx, FileRef{SHA256: f.SHA256, ContentType: f.ContentType}, f.Data); err != nil {
				problems = append(problems, invalid(field, "catalog.import.file_digest"))
			}
		}
	}
	return problems
}

// importItem lands one prepared item.
func (c *Catalog) importItem(ctx context.Context, tx *store.Tx, actor string, it Item, opts ImportOptions, rep *ImportReport) error {
	var (
		dept            string
		latest, current int
	)
	err := tx.QueryRow(ctx, `SELECT department_code, latest_version, current_version FROM catalog_items WHERE code = ?`, it.Code).
		Scan(&dept, &latest, &current)
	if errors.Is(err, sql.ErrNoRows) {
		if err := c.insertItem(ctx, tx, actor, it); err != nil {
			return err
		}
		rep.Created = append(rep.Created, it.Code)
		return c.importPublish(ctx, tx, actor, it.Code, 1, opts, rep)
	}
	if err != nil {
		return err
	}
	if dept != it.Department {
		return &InvalidError{Item: it.Code, Field: "department", Key: "catalog.item.department_fixed"}
	}
	var (
		state  State
		digest string
	)
	if err := tx.QueryRow(ctx, `SELECT state, digest FROM catalog_versions WHERE code = ? AND version = ?`, it.Code, latest).Scan(&state, &digest); err != nil {
		return err
	}
	switch state {
	case StateSubmitted:
		return &InvalidError{Item: it.Code, Field: "code", Key: "catalog.import.pending"}
	case StateDraft:
		body, _ := json.Marshal(it)
		if _, err := tx.Exec(ctx, `UPDATE catalog_versions SET body = ?, name = ?, digest = ?, note = '' WHERE code = ? AND version = ?`,
			string(body), it.Name, it.Digest(), it.Code, latest); err != nil {
			return err
		}
		if err := c.appendEvent(ctx, tx, actor, it.Code, EventDraftSaved, DraftSavedPayload{Digest: it.Digest(), Version: latest, Via: "import"}); err != nil {
			return err
		}
		rep.Updated = append(rep.Updated, it.Code)
		return c.importPublish(ctx, tx, actor, it.Code, latest, opts, rep)
	}
	var currentDigest string
	if current > 0 {
		if err := tx.QueryRow(ctx, `SELECT digest FROM catalog_versions WHERE code = ? AND version = ?`, it.Code, current).Scan(&currentDigest); err != nil {
			return err
		}
	}
	if currentDigest == it.Digest() {
		rep.Unchanged = append(rep.Unchanged, it.Code)
		return nil
	}
	n, err := c.newVersion(ctx, tx, actor, it.Code, &it)
	if err != nil {
		return err
	}
	rep.Updated = append(rep.Updated, it.Code)
	return c.importPublish(ctx, tx, actor, it.Code, n, opts, rep)
}

func (c *Catalog) importPublish(ctx context.Context, tx *store.Tx, actor, code string, n int, opts ImportOptions, rep *ImportReport) error {
	if !opts.Publish {
		return nil
	}
	rep.Published = append(rep.Published, code)
	return c.publish(ctx, tx, actor, code, n, StateDraft, "import")
}

// Export returns the published, not withdrawn items (of some departments,
// or all) as a Document, with the sample files they name.
func (c *Catalog) Export(ctx context.Context, f ListFilter) (Document, error) {
	summaries, err := c.Items(ctx, f)
	if err != nil {
		return Document{}, err
	}
	doc := Document{Format: DocumentFormat, Version: DocumentVersion, ExportedAt: c.now().UTC().Format(time.RFC3339), Items: []Item{}}
	files := map[string]bool{}
	for _, s := range summaries {
		if s.CurrentVersion == 0 || s.Withdrawn {
			continue
		}
		v, err := c.Version(ctx, s.Code, s.CurrentVersion)
		if err != nil {
			return Document{}, err
		}
		doc.Items = append(doc.Items, v.Item)
		for _, m := range v.Materials {
			if m.Sample == nil || files[m.Sample.SHA256] {
				continue
			}
			data, err := c.File(ctx, m.Sample.SHA256)
			if err != nil {
				return Document{}, fmt.Errorf("catalog: sample of %s: %w", s.Code, err)
			}
			files[m.Sample.SHA256] = true
			doc.Files = append(doc.Files, FileData{SHA256: m.Sample.SHA256, ContentType: m.Sample.ContentType, Data: data})
		}
	}
	sort.Slice(doc.Items, func(i, j int) bool { return doc.Items[i].Code < doc.Items[j].Code })
	return doc, nil
}

// WriteJSON writes doc indented, for people to read and diff.
func (doc Document) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
