package flow

// Event is one domain fact produced by Apply, in the order it happened. casework appends
// it to the case's event log with the case id, actor and instant; Payload is one of the
// *Payload types below and marshals to JSON.
type Event struct {
	Type    string `json:"type"`
	Payload any    `json:"payload"`
}

// Event types.
const (
	EventCaseStarted        = "case.started"
	EventCaseEnded          = "case.ended"
	EventCaseSuspended      = "case.suspended"
	EventCaseResumed        = "case.resumed"
	EventCaseJumped         = "case.jumped"
	EventStepInserted       = "case.step_inserted"
	EventTokenMoved         = "token.moved"
	EventTaskCreated        = "task.created"
	EventTaskClaimed        = "task.claimed"
	EventTaskCompleted      = "task.completed"
	EventTaskReturned       = "task.returned"
	EventTaskSkipped        = "task.skipped"
	EventTaskTransferred    = "task.transferred"
	EventTaskReassigned     = "task.reassigned"
	EventTaskCancelled      = "task.cancelled"
	EventTaskTakenBack      = "task.taken_back"
	EventSignerAdded        = "countersign.signer_added"
	EventCountersignDecided = "countersign.decided"
	EventChoiceTaken        = "choice.taken"
	EventSplitStarted       = "split.started"
	EventJoinFired          = "join.fired"
	EventBranchCancelled    = "branch.cancelled"
	EventRoundsExceeded     = "node.rounds_exceeded"
)

// Payloads maps each event type to a zero value of its payload, so a reader
// of the log can decode any event of a case's process from its type alone
// (process publishes it as an event.Payloads; flow does no I/O and so does
// not import the log).
var Payloads = map[string]any{
	EventCaseStarted:        CaseStartedPayload{},
	EventCaseEnded:          CaseEndedPayload{},
	EventCaseSuspended:      ReasonPayload{},
	EventCaseResumed:        ReasonPayload{},
	EventCaseJumped:         CaseJumpedPayload{},
	EventStepInserted:       StepInsertedPayload{},
	EventTokenMoved:         TokenMovedPayload{},
	EventTaskCreated:        TaskCreatedPayload{},
	EventTaskClaimed:        TaskActionPayload{},
	EventTaskCompleted:      TaskActionPayload{},
	EventTaskReturned:       TaskActionPayload{},
	EventTaskSkipped:        TaskActionPayload{},
	EventTaskTransferred:    TaskHandedPayload{},
	EventTaskReassigned:     TaskHandedPayload{},
	EventTaskCancelled:      TaskCancelledPayload{},
	EventTaskTakenBack:      TaskTakenBackPayload{},
	EventSignerAdded:        SignerAddedPayload{},
	EventCountersignDecided: CountersignDecidedPayload{},
	EventChoiceTaken:        ChoiceTakenPayload{},
	EventSplitStarted:       SplitStartedPayload{},
	EventJoinFired:          JoinFiredPayload{},
	EventBranchCancelled:    BranchCancelledPayload{},
	EventRoundsExceeded:     RoundsExceededPayload{},
}

// CaseStartedPayload is the payload of case.started.
type CaseStartedPayload struct {
	Definition  string      `json:"definition"`
	Version     int         `json:"version"`
	Departments Departments `json:"departments"`
}

// CaseEndedPayload is the payload of case.ended; Reason is the end node, "rounds_exceeded" or "terminated: …".
type CaseEndedPayload struct {
	Result string `json:"result"`
	Node   string `json:"node,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// ReasonPayload is the payload of case.suspended and case.resumed.
type ReasonPayload struct {
	Reason string `json:"reason"`
}

// CaseJumpedPayload is the payload of case.jumped.
type CaseJumpedPayload struct {
	To     string `json:"to"`
	Reason string `json:"reason"`
}

// StepInsertedPayload is the payload of case.step_inserted.
type StepInsertedPayload struct {
	After  string `json:"after"`
	Node   Node   `json:"node"`
	Reason string `json:"reason"`
}

// TokenMovedPayload is the payload of token.moved: the case entered node To for the Round-th time.
type TokenMovedPayload struct {
	Token   string `json:"token"`
	From    string `json:"from,omitempty"`
	To      string `json:"to"`
	Outcome string `json:"outcome,omitempty"`
	Round   int    `json:"round"`
}

// TaskCreatedPayload is the payload of task.created, emitted when a task becomes open.
type TaskCreatedPayload struct {
	TaskID     string   `json:"task_id"`
	Node       string   `json:"node"`
	Round      int      `json:"round"`
	Status     string   `json:"status"`
	Department string   `json:"department,omitempty"`
	Role       string   `json:"role,omitempty"`
	Assignee   string   `json:"assignee,omitempty"`
	Candidates []string `json:"candidates,omitempty"`
	ActingFor  string   `json:"acting_for,omitempty"`
	LimitDays  int      `json:"limit_days,omitempty"`
}

// TaskActionPayload is the payload of task.claimed, task.completed, task.returned and task.skipped.
type TaskActionPayload struct {
	TaskID    string `json:"task_id"`
	Node      string `json:"node"`
	By        string `json:"by"`
	ActingFor string `json:"acting_for,omitempty"`
	Outcome   string `json:"outcome,omitempty"`
	Opinion   string `json:"opinion,omitempty"`
	ToNode    string `json:"to_node,omitempty"`
	Reason    string `json:"reason,omitempty"`
}

// TaskHandedPayload is the payload of task.transferred and task.reassigned.
type TaskHandedPayload struct {
	TaskID    string `json:"task_id"`
	Node      string `json:"node"`
	By        string `json:"by"`
	From      string `json:"from,omitempty"`
	To        string `json:"to"`
	ActingFor string `json:"acting_for,omitempty"` // when To is away and a deputy takes it
	Reason    string `json:"reason,omitempty"`
}

// TaskCancelledPayload is the payload of task.cancelled.
type TaskCancelledPayload struct {
	TaskID string `json:"task_id"`
	Node   string `json:"node"`
	Reason string `json:"reason"`
}

// TaskTakenBackPayload is the payload of task.taken_back; NewTaskID is the task that replaces it.
type TaskTakenBackPayload struct {
	TaskID    string `json:"task_id"`
	Node      string `json:"node"`
	By        string `json:"by"`
	NewTaskID string `json:"new_task_id"`
}

// SignerAddedPayload is the payload of countersign.signer_added.
type SignerAddedPayload struct {
	TaskID string   `json:"task_id"` // the new party's task
	Node   string   `json:"node"`
	By     string   `json:"by"`
	Party  Assignee `json:"party"`
}

// CountersignDecidedPayload is the payload of countersign.decided.
type CountersignDecidedPayload struct {
	Node       string `json:"node"`
	Outcome    string `json:"outcome"`
	Approvals  int    `json:"approvals"`
	Rejections int    `json:"rejections"`
	Parties    int    `json:"parties"`
}

// ChoiceTakenPayload is the payload of choice.taken.
type ChoiceTakenPayload struct {
	Node    string   `json:"node"`
	To      string   `json:"to"`
	Default bool     `json:"default,omitempty"`
	Errors  []string `json:"errors,omitempty"` // conditions that failed to run, counted false
}

// SplitStartedPayload is the payload of split.started.
type SplitStartedPayload struct {
	Node     string `json:"node"`
	Scope    string `json:"scope"`
	Branches int    `json:"branches"`
}

// JoinFiredPayload is the payload of join.fired.
type JoinFiredPayload struct {
	Node    string `json:"node"`
	Scope   string `json:"scope"`
	Arrived int    `json:"arrived"`
}

// BranchCancelledPayload is the payload of branch.cancelled: a branch still running when its join fired, or left by a Return.
type BranchCancelledPayload struct {
	Scope  string `json:"scope"`
	Split  string `json:"split"`
	Branch int    `json:"branch"`
	Token  string `json:"token"`
	Node   string `json:"node"`
	Reason string `json:"reason"`
}

// RoundsExceededPayload is the payload of node.rounds_exceeded.
type RoundsExceededPayload struct {
	Node  string `json:"node"`
	Round int    `json:"round"`
	Max   int    `json:"max"`
}
