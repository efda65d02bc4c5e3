// Package process stores flow's definitions and the state of running instances; it
// persists flow's State and Events in one transaction with the caller's change. It never
// decides routing: flow does.
//
// Definitions (审批流程) are versioned: a draft is edited freely, Publish runs flow.Check and
// refuses with the problems (each names its node), a published version never changes, and
// editing it starts draft version N+1. A case keeps the version it started on. Every change
// to a definition appends an event to the stream process:KEY.
//
// An instance is one case's run through a published definition; its id is the case
// number and its events go to the case's stream. Start runs inside the caller's
// transaction (the one that records the case's receipt or acceptance); Run opens
// its own: it loads the State, lets flow apply the command, saves the new State only if
// nobody saved another meanwhile (the version column), appends each flow.Event to the
// instance's stream, keeps the task index that work queues read, and starts and stops the
// step clocks (deadline) of tasks with a time limit — all in that one transaction.
//
// Directory resolves flow's assignees through the organisation (org) and the delegations
// (授权) stored here: a user names a deputy of their own department for a period, and work
// meant for them goes to the deputy, recorded as acting for them.
//
// The entry points that act for a user on a case or a delegation (ChangeCase, Delegate,
// EndDelegation) take the user and ask auth themselves, so that every entry point gets
// the same answer; Run and Start trust their caller, which composes them with its own
// checks. Who may edit a definition is still asked of auth by the caller.
package process
