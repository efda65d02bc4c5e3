package process

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/store"
)

// Directory is the flow.Directory of stored cases: a role in a department resolves to the
// enabled users org has with that role in that department (flow has already turned item,
// lead and assisting into department codes), a user to themself if enabled, and DeputyOf
// reads the delegations table. Lookups are cached for cacheTTL; delegations saved through
// this Directory's Processes take effect at once, those saved on another node within
// cacheTTL.
type Directory struct {
	db  *store.DB
	org Org
	now func() time.Time

	roles *ttlCache[[]string] // department code + "/" + role → usernames
	users *ttlCache[bool]     // username → known and enabled

	mu       sync.Mutex
	loadedAt time.Time
	active   map[string][]Delegation // username → delegations not yet over, by from
}

var _ flow.Directory = (*Directory)(nil)

func newDirectory(db *store.DB, o Org, now func() time.Time) *Directory {
	return &Directory{db: db, org: o, now: now, roles: newTTLCache[[]string](cacheTTL), users: newTTLCache[bool](cacheTTL)}
}

var (
	errNobody       = errors.New("nobody holds that role there")
	errNoUser       = errors.New("no such enabled user")
	errNoAssignKind = errors.New("the directory resolves roles and users only")
)

// Resolve implements flow.Directory.
func (d *Directory) Resolve(a flow.Assignee, _ flow.ResolveContext) ([]string, error) {
	return d.resolve(context.Background(), nil, a) // flow.Directory has no context; lookups are short reads
}

// DeputyOf implements flow.Directory: the deputy of the delegation of user in force at
// the instant, if any. A lookup that fails counts as no delegation, and the task goes to
// the user themself.
func (d *Directory) DeputyOf(user string, at time.Time) (string, bool) {
	return d.deputyOf(context.Background(), d.db, user, at)
}

// in binds the directory to a transaction: delegations and the organisation are read
// through it, so that a transition needs no second connection.
func (d *Directory) in(ctx context.Context, q store.Querier) flow.Directory {
	return boundDirectory{d: d, ctx: ctx, q: q}
}

type boundDirectory struct {
	d   *Directory
	ctx context.Context
	q   store.Querier
}

func (b boundDirectory) Resolve(a flow.Assignee, _ flow.ResolveContext) ([]string, error) {
	return b.d.resolve(b.ctx, b.q, a)
}

func (b boundDirectory) DeputyOf(user string, at time.Time) (string, bool) {
	return b.d.deputyOf(b.ctx, b.q, user, at)
}

// resolve answers from the caches, or reads the organisation through q (the pool when
// q is nil).
func (d *Directory) resolve(ctx context.Context, q store.Querier, a flow.Assignee) ([]string, error) {
	switch a.Kind {
	case flow.AssignRole:
		return d.roleHolders(ctx, q, a.Department, a.Role)
	case flow.AssignUser:
		ok, err := d.userEnabled(ctx, q, a.User)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, errNoUser
		}
		return []string{a.User}, nil
	}
	return nil, errNoAssignKind
}

func (d *Directory) roleHolders(ctx context.Context, q store.Querier, deptCode, role string) ([]string, error) {
	k := deptCode + "/" + role
	if users, ok := d.roles.get(k); ok {
		return slices.Clone(users), nil
	}
	o := d.orgIn(q)
	dept, err := o.DepartmentByCode(ctx, deptCode)
	if errors.Is(err, org.ErrNotFound) {
		return nil, fmt.Errorf("no department %s", deptCode)
	}
	if err != nil {
		return nil, err
	}
	found, err := o.Users(ctx, org.UserFilter{DepartmentID: dept.ID, Role: org.Role(role)})
	if err != nil {
		return nil, err
	}
	var users []string
	for _, u := range found {
		if !u.Disabled {
			users = append(users, u.Username)
		}
	}
	if len(users) == 0 {
		return nil, errNobody
	}
	d.roles.put(k, users)
	return slices.Clone(users), nil
}

func (d *Directory) userEnabled(ctx context.Context, q store.Querier, username string) (bool, error) {
	if ok, hit := d.users.get(username); hit {
		return ok, nil
	}
	u, _, err := d.orgIn(q).UserWithHash(ctx, username)
	if errors.Is(err, org.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if u.Disabled || u.Username != username {
		return false, nil
	}
	d.users.put(username, true)
	return true, nil
}

// orgIn is the organisation read through q, or through its pool when q is nil.
func (d *Directory) orgIn(q store.Querier) Org {
	if q == nil {
		return d.org
	}
	return d.org.In(q)
}

func (d *Directory) deputyOf(ctx context.Context, q store.Querier, user string, at time.Time) (string, bool) {
	active, err := d.delegations(ctx, q)
	if err != nil {
		return "", false
	}
	for _, del := range active[user] {
		if del.InForce(at) {
			return del.Deputy, true
		}
	}
	return "", false
}

// delegations returns the delegations not yet over, reloaded when older than cacheTTL.
// The table holds few rows that are not over, so one indexed read serves every lookup.
func (d *Directory) delegations(ctx context.Context, q store.Querier) (map[string][]Delegation, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.active != nil && time.Since(d.loadedAt) <= cacheTTL {
		return d.active, nil
	}
	dels, err := queryDelegations(ctx, q, `WHERE to_at > ? ORDER BY username, from_at`, store.Micros(d.now()))
	if err != nil {
		return nil, err
	}
	active := map[string][]Delegation{}
	for _, del := range dels {
		active[del.User] = append(active[del.User], del)
	}
	d.active, d.loadedAt = active, time.Now()
	return active, nil
}

// forget drops the cached delegations after a local change.
func (d *Directory) forget() {
	d.mu.Lock()
	d.active = nil
	d.mu.Unlock()
}
