// Package staffnames shows staff on pages by the names people know them by
// (王芳), where processes, tasks, delegations and reviews record usernames
// (clerk1).
package staffnames

import (
	"context"
	"strings"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
)

// Names holds the display names of the users a page shows, by username.
type Names map[string]string

// Load reads the display names of usernames in one query.
func Load(ctx context.Context, o *org.Org, usernames ...string) (Names, error) {
	return o.Names(ctx, usernames)
}

// Of is the user's display name, or the username itself when it names nobody
// (a user since removed, or an actor that is a system: "demo", "system").
func (n Names) Of(username string) string {
	if name, ok := n[username]; ok && name != "" {
		return name
	}
	return username
}

// Holder is who holds task t, by name: its assignee, or else its candidates.
func (n Names) Holder(t process.TaskEntry) string {
	if t.Assignee != "" {
		return n.Of(t.Assignee)
	}
	names := make([]string, len(t.Candidates))
	for i, c := range t.Candidates {
		names[i] = n.Of(c)
	}
	return strings.Join(names, ", ")
}

// InTasks lists every user the tasks name: assignees, candidates, the absent
// users deputised for, and who completed them.
func InTasks(tasks []process.TaskEntry) []string {
	var out []string
	for _, t := range tasks {
		out = append(out, t.Assignee, t.ActingFor, t.DoneBy)
		out = append(out, t.Candidates...)
	}
	return out
}
