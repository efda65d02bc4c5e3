package flow

// Command is something a person asks of a case. Every command carries Meta.
type Command interface{ meta() Meta }

// Meta identifies a command. RequestID makes Apply idempotent: a command whose
// RequestID the case has recently seen changes nothing. ActingFor names the absent user
// on whose behalf a deputy acts (授权); the Directory must confirm the delegation.
type Meta struct {
	RequestID string `json:"request_id"`
	Actor     string `json:"actor"`
	ActingFor string `json:"acting_for,omitempty"`
}

func (m Meta) meta() Meta { return m }

// Start begins a case: it leaves the start node and makes the first tasks.
type Start struct {
	Meta
	Form        map[string]any
	Departments Departments
}

// Claim takes a task offered to a role, so that only the claimer may act on it.
type Claim struct {
	Meta
	TaskID string
}

// Complete finishes a task with an outcome ("approve", "reject", or a custom one the
// node's edges name) and a signed opinion.
type Complete struct {
	Meta
	TaskID  string
	Outcome string
	Opinion string
}

// Return (退回) sends the case from a task back to an earlier step the case has been
// through. With ToNode empty it follows the node's "return" edge.
type Return struct {
	Meta
	TaskID string
	ToNode string
	Reason string
}

// Transfer (转办) hands one's task to another user.
type Transfer struct {
	Meta
	TaskID string
	ToUser string
	Reason string
}

// AddSigner (加签) adds a party to the countersign the actor's task belongs to.
type AddSigner struct {
	Meta
	TaskID string
	Party  Assignee
}

// TakeBack (撤回) reverses the actor's own completion while nobody has yet claimed or
// acted on what it started.
type TakeBack struct {
	Meta
	TaskID string
}

// Skip completes the open tasks at a node with outcome "skipped". Administrative.
type Skip struct {
	Meta
	NodeID string
	Reason string
}

// Jump moves the whole case to a node outside any parallel region, cancelling every open
// task. Administrative.
type Jump struct {
	Meta
	ToNode string
	Reason string
}

// Insert adds a task or countersign step to this case only, after node After: the new
// step is placed on the edge After leaves by when approved, and a rejection at the new
// step routes as a rejection at After would. Administrative.
type Insert struct {
	Meta
	After  string
	Node   Node
	Reason string
}

// Reassign gives an open task to another user. Administrative.
type Reassign struct {
	Meta
	TaskID string
	ToUser string
	Reason string
}

// Suspend (挂起) stops the case until Resume. Administrative.
type Suspend struct {
	Meta
	Reason string
}

// Resume restarts a suspended case. Administrative.
type Resume struct {
	Meta
	Reason string
}

// Terminate ends the case with a result (approved, refused or withdrawn), cancelling
// every open task; an applicant's withdrawal (撤回申请) is Terminate with "withdrawn".
// Administrative.
type Terminate struct {
	Meta
	Result string
	Reason string
}
