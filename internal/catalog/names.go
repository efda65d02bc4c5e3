package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// VersionRef names one version of an item, as a case records it.
type VersionRef struct {
	Code    string
	Version int
}

// Names is an item version's name in both languages.
type Names struct {
	Name, NameEn string
}

// NamesOf returns the names of the versions a page of a list refers to, in
// one statement however many rows the page has; a version not found is
// missing from the map (the row shows the name it recorded).
func (c *Catalog) NamesOf(ctx context.Context, refs []VersionRef) (map[VersionRef]Names, error) {
	out := make(map[VersionRef]Names, len(refs))
	if len(refs) == 0 {
		return out, nil
	}
	var (
		cond strings.Builder
		args = make([]any, 0, 2*len(refs))
	)
	seen := map[VersionRef]bool{}
	for _, r := range refs {
		if seen[r] {
			continue
		}
		seen[r] = true
		if len(args) > 0 {
			cond.WriteString(" OR ")
		}
		cond.WriteString("(code = ? AND version = ?)")
		args = append(args, r.Code, r.Version)
	}
	rows, err := c.db.Query(ctx, `SELECT code, version, name, body FROM catalog_versions WHERE `+cond.String(), args...)
	if err != nil {
		return nil, fmt.Errorf("catalog: unable to read item names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			r    VersionRef
			n    Names
			body string
		)
		if err := rows.Scan(&r.Code, &r.Version, &n.Name, &body); err != nil {
			return nil, fmt.Errorf("catalog: unable to read item names: %w", err)
		}
		var en struct {
			NameEn string `json:"name_en"`
		}
		if err := json.Unmarshal([]byte(body), &en); err != nil {
			return nil, fmt.Errorf("catalog: unable to read the name of %s version %d: %w", r.Code, r.Version, err)
		}
		n.NameEn = en.NameEn
		out[r] = n
	}
	return out, rows.Err()
}
