package flow

import (
	"maps"
	"slices"
	"time"
)

// Case statuses.
const (
	StatusNew       = ""          // not started
	StatusRunning   = "running"   //
	StatusSuspended = "suspended" // 挂起: nothing may be done until Resume
	StatusEnded     = "ended"     // 办结, with EndKind saying how
)

// Task statuses.
const (
	TaskQueued    = "queued"     // a sequential countersign party waiting its turn
	TaskOpen      = "open"       //
	TaskCompleted = "completed"  // Outcome says how; "skipped" and "return" included
	TaskCancelled = "cancelled"  // by a join, a decided countersign, a jump or the end
	TaskTakenBack = "taken_back" // its handler took the action back; a new task replaced it
)

// recentLimit bounds the request ids kept for idempotency.
const recentLimit = 64

// State is everything the engine knows about one running case. It is plain data for
// JSON; casework stores it beside the case and passes it back on the next command.
type State struct {
	Version           int                 `json:"version"`
	Status            string              `json:"status"`
	EndKind           string              `json:"end_kind,omitempty"`   // approved, refused, withdrawn
	EndReason         string              `json:"end_reason,omitempty"` // end node id, "rounds_exceeded", "terminated"
	DefinitionKey     string              `json:"definition_key"`
	DefinitionVersion int                 `json:"definition_version"`
	StartedAt         time.Time           `json:"started_at"`
	EndedAt           time.Time           `json:"ended_at,omitzero"`
	Form              map[string]any      `json:"form,omitempty"`
	Departments       Departments         `json:"departments"`
	Tokens            []Token             `json:"tokens,omitempty"`
	Tasks             []Task              `json:"tasks,omitempty"`
	Rounds            map[string]int      `json:"rounds,omitempty"`   // node id → times entered
	Outcomes          map[string]string   `json:"outcomes,omitempty"` // node id → last outcome
	Inserted          []InsertedNode      `json:"inserted,omitempty"` // this case's added steps
	Recent            []string            `json:"recent,omitempty"`   // recent request ids
	Seq               int                 `json:"seq"`                // last id handed out
	Undo              map[string]*UndoLog `json:"undo,omitempty"`     // task id → how to take it back
}

// Departments are the case's departments: the item's, and in joint approval (并联审批)
// the lead (主办) and the assisting ones (协办).
type Departments struct {
	Item      string   `json:"item"`
	Lead      string   `json:"lead,omitempty"`
	Assisting []string `json:"assisting,omitempty"`
}

// Token marks where a case is: at a task or countersign node whose tasks are open, or at
// a join waiting for the other branches.
type Token struct {
	ID      string  `json:"id"`
	Node    string  `json:"node"`
	Scopes  []Scope `json:"scopes,omitempty"`  // parallel regions, outermost first
	Outcome string  `json:"outcome,omitempty"` // of the node it last left
}

// Scope is one run of a split: the branch a token is on.
type Scope struct {
	ID       string `json:"id"`
	Split    string `json:"split"`
	Branch   int    `json:"branch"`
	Branches int    `json:"branches"`
}

// Task is one person's (or one role's) piece of work at a node.
type Task struct {
	ID         string    `json:"id"`
	Node       string    `json:"node"`
	Token      string    `json:"token"`
	Round      int       `json:"round"`
	Status     string    `json:"status"`
	Party      *Assignee `json:"party,omitempty"` // countersign party, as defined
	Department string    `json:"department,omitempty"`
	Role       string    `json:"role,omitempty"`
	Assignee   string    `json:"assignee,omitempty"`   // one user, when assigned to one
	Candidates []string  `json:"candidates,omitempty"` // role holders who may claim it
	ActingFor  string    `json:"acting_for,omitempty"` // the absent user the assignee deputises for (授权)
	ClaimedBy  string    `json:"claimed_by,omitempty"`
	Touched    bool      `json:"touched,omitempty"` // claimed, transferred or reassigned since made
	LimitDays  int       `json:"limit_days,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	Outcome    string    `json:"outcome,omitempty"`
	Opinion    string    `json:"opinion,omitempty"`
	DoneBy     string    `json:"done_by,omitempty"`
	DoneFor    string    `json:"done_for,omitempty"` // principal when done by a deputy
	DoneAt     time.Time `json:"done_at,omitzero"`
}

// UndoLog is what TakeBack needs to reverse a completion: the token as it was, and what
// the completion created. Completions that cancelled other people's work, fired a join or
// ended the case have none.
type UndoLog struct {
	Token     Token             `json:"token"`
	TokenLeft bool              `json:"token_left"` // the token moved on (else a countersign still waits)
	Tokens    []string          `json:"tokens,omitempty"`
	Tasks     []string          `json:"tasks,omitempty"`     // made by the completion
	Activated []string          `json:"activated,omitempty"` // queued parties made open
	Rounds    []string          `json:"rounds,omitempty"`    // nodes entered
	Outcomes  map[string]string `json:"outcomes,omitempty"`  // previous values, "" for none
}

// InsertedNode is a step added to one case by Insert.
type InsertedNode struct {
	After  string `json:"after"`
	Node   Node   `json:"node"`
	Reason string `json:"reason"`
}

// Ended reports whether the case has ended.
func (s *State) Ended() bool { return s.Status == StatusEnded }

// OpenTasks returns the tasks someone can act on now.
func (s *State) OpenTasks() []Task {
	var open []Task
	for _, t := range s.Tasks {
		if t.Status == TaskOpen {
			open = append(open, t)
		}
	}
	return open
}

// Task returns the task with the given id.
func (s *State) Task(id string) (Task, bool) {
	if i := s.taskIndex(id); i >= 0 {
		return s.Tasks[i], true
	}
	return Task{}, false
}

func (s *State) taskIndex(id string) int {
	for i := range s.Tasks {
		if s.Tasks[i].ID == id {
			return i
		}
	}
	return -1
}

func (s *State) tokenIndex(id string) int {
	for i := range s.Tokens {
		if s.Tokens[i].ID == id {
			return i
		}
	}
	return -1
}

// clone copies everything Apply may change, so the caller's State stays as it was.
// Form, Party and UndoLog values are never modified after they are made and are shared.
func (s *State) clone() State {
	c := *s
	c.Tokens = slices.Clone(s.Tokens)
	for i := range c.Tokens {
		c.Tokens[i].Scopes = slices.Clip(c.Tokens[i].Scopes)
	}
	c.Tasks = slices.Clone(s.Tasks)
	for i := range c.Tasks {
		c.Tasks[i].Candidates = slices.Clip(c.Tasks[i].Candidates)
	}
	c.Rounds = maps.Clone(s.Rounds)
	if c.Rounds == nil {
		c.Rounds = map[string]int{} // JSON drops empty maps
	}
	c.Outcomes = maps.Clone(s.Outcomes)
	if c.Outcomes == nil {
		c.Outcomes = map[string]string{}
	}
	c.Inserted = slices.Clip(s.Inserted)
	c.Recent = slices.Clip(s.Recent)
	c.Undo = maps.Clone(s.Undo)
	c.Departments.Assisting = slices.Clip(s.Departments.Assisting)
	return c
}

func (s *State) seen(requestID string) bool { return slices.Contains(s.Recent, requestID) }

func (s *State) remember(requestID string) {
	s.Recent = append(s.Recent, requestID)
	if len(s.Recent) > recentLimit {
		s.Recent = slices.Clone(s.Recent[len(s.Recent)-recentLimit:])
	}
}
