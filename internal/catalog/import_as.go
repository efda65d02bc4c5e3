package catalog

import (
	"context"
	"errors"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
)

// ErrImportDenied: the user may import no items at all, or may not import
// them as published.
var ErrImportDenied = refuse.Forbidden("catalog: this user may not import items so", "")

// ImportAs is Import on behalf of u, for every entry point alike (the
// administration page, a batch file, the command line): u may import the
// items of the departments they may draft for (auth.ReachOf,
// auth.CanDraftItem), as drafts; as published only when
// auth.CanImportPublished. An item of any other department is a problem of
// the import, reported with the rest.
func (c *Catalog) ImportAs(ctx context.Context, u org.User, doc Document, publish bool) (ImportReport, error) {
	codes, err := c.mayCreate(ctx, u)
	if errors.Is(err, ErrMayNotDraft) || err == nil && publish && !auth.CanImportPublished(u) {
		return ImportReport{}, ErrImportDenied
	}
	if err != nil {
		return ImportReport{}, err
	}
	return c.Import(ctx, u.Username, doc, ImportOptions{Publish: publish, Allow: func(dept string) bool { return codes[dept] }})
}

// Draftable lists the departments whose items u may draft (create, edit,
// import).
func (c *Catalog) Draftable(ctx context.Context, u org.User) ([]org.Department, error) {
	reach, err := auth.ReachOf(ctx, c.dir, u)
	if err != nil {
		return nil, err
	}
	return reach.Where(func(d org.Department, r org.Region) bool { return auth.CanDraftItem(u, d, r) }), nil
}
