package site

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/store"
)

// Identity is who the deployment is to the public.
type Identity struct {
	Name       string // 南京市玄武区政务服务网; "" until an administrator sets it
	NameEn     string
	RegionCode string
	RegionName string // read from the organisation, not stored
	Contact    string // a telephone number, an address: one line
	UpdatedBy  string
	UpdatedAt  time.Time
}

// Directory is what site reads of the organisation. *org.Org satisfies it.
type Directory interface {
	Region(ctx context.Context, code string) (org.Region, error)
}

// ErrMayNotSet: only a system administrator sets the identity, of a region in
// their scope.
var ErrMayNotSet = refuse.Forbidden("site: this user may not set the site's identity", "")

// Limits of what an identity holds, as the form says.
const (
	maxName    = 60
	maxContact = 200
)

// cacheFor is how long a node shows an identity before reading it again: every
// page shows it, and another node may have changed it.
const cacheFor = 30 * time.Second

// Site reads and sets the identity.
type Site struct {
	db  *store.DB
	dir Directory
	now func() time.Time

	mu     sync.Mutex
	cached Identity
	read   time.Time
}

// New returns the site's identity on db.
func New(db *store.DB, dir Directory, now func() time.Time) *Site {
	if now == nil {
		now = time.Now
	}
	return &Site{db: db, dir: dir, now: now}
}

// Identity returns the identity, from a copy at most cacheFor old; the zero
// Identity when none was set (or it cannot be read, which the pages survive).
func (s *Site) Identity(ctx context.Context) Identity {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.read.IsZero() && s.now().Sub(s.read) < cacheFor {
		return s.cached
	}
	id, err := s.load(ctx)
	if err != nil {
		return s.cached
	}
	s.cached, s.read = id, s.now()
	return id
}

func (s *Site) load(ctx context.Context) (Identity, error) {
	var id Identity
	var at int64
	err := s.db.QueryRow(ctx, `SELECT name, name_en, region_code, contact, updated_by, updated_at FROM site_identity WHERE id = 1`).
		Scan(&id.Name, &id.NameEn, &id.RegionCode, &id.Contact, &id.UpdatedBy, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return Identity{}, nil
	}
	if err != nil {
		return Identity{}, fmt.Errorf("site: unable to read the identity: %w", err)
	}
	id.UpdatedAt = store.FromMicros(at)
	if r, err := s.dir.Region(ctx, id.RegionCode); err == nil {
		id.RegionName = r.Name
	}
	return id, nil
}

// Set makes id the site's identity on behalf of u: a system administrator
// whose scope holds id's region (auth.CanSetSiteIdentity). What is wrong with
// it is refused by field; nothing is written then.
func (s *Site) Set(ctx context.Context, u org.User, id Identity) (Identity, error) {
	id.Name, id.NameEn = strings.TrimSpace(id.Name), strings.TrimSpace(id.NameEn)
	id.Contact, id.RegionCode = strings.TrimSpace(id.Contact), strings.TrimSpace(id.RegionCode)
	if !auth.CanSetSiteIdentity(u, "") {
		return id, ErrMayNotSet
	}
	switch {
	case id.Name == "":
		return id, refuse.Field("site: no name", "name", "form.required")
	case utf8.RuneCountInString(id.Name) > maxName || utf8.RuneCountInString(id.NameEn) > maxName:
		return id, refuse.Field("site: name too long", "name", "site.name_long")
	case utf8.RuneCountInString(id.Contact) > maxContact || strings.ContainsAny(id.Contact, "\r\n"):
		return id, refuse.Field("site: contact too long", "contact", "site.contact_long")
	}
	region, err := s.dir.Region(ctx, id.RegionCode)
	switch {
	case errors.Is(err, org.ErrNotFound) || id.RegionCode == "":
		return id, refuse.Field("site: no such region", "region_code", "site.region_unknown")
	case err != nil:
		return id, fmt.Errorf("site: unable to read region %s: %w", id.RegionCode, err)
	case !auth.CanSetSiteIdentity(u, region.Path):
		return id, refuse.Field("site: region out of scope", "region_code", "site.region_out_of_scope")
	}
	id.RegionName, id.UpdatedBy, id.UpdatedAt = region.Name, u.Username, s.now()
	err = s.db.Tx(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO site_identity (id, name, name_en, region_code, contact, updated_by, updated_at)
			VALUES (1, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, region_code = excluded.region_code,
				contact = excluded.contact, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
			id.Name, id.NameEn, id.RegionCode, id.Contact, id.UpdatedBy, store.Micros(id.UpdatedAt))
		if err != nil {
			return fmt.Errorf("site: unable to store the identity: %w", err)
		}
		_, err = event.Append(ctx, tx, event.Draft{Stream: Stream, Type: EventIdentitySet, Actor: u.Username, At: id.UpdatedAt,
			Payload: IdentitySetPayload{Contact: id.Contact, Name: id.Name, NameEn: id.NameEn, RegionCode: id.RegionCode}})
		return err
	})
	if err != nil {
		return id, err
	}
	s.mu.Lock()
	s.cached, s.read = id, s.now()
	s.mu.Unlock()
	return id, nil
}
