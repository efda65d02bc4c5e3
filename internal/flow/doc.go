// Package flow owns approval process definitions (审批流程) and the engine that moves a
// case through them (承办 → 审核 → 批准, 分支, 汇聚, 环路, 会签 and any mix).
//
// A Definition is data: nodes and edges, parsed from JSON, checked by Check before it
// may be published, drawn by DrawSVG. The engine is a pure state machine: Apply takes a
// definition, a case's State and a Command and returns the next State and the Events that
// record what happened, or a typed error and the State unchanged. Apply reads nothing but
// its arguments and the read-only Directory it is given; the same input always yields the
// same output.
//
// flow never touches the database; casework persists its State and Events in one
// transaction, using State.Version for optimistic concurrency. flow does not decide who
// may perform administrative changes (Skip, Jump, Insert, Reassign, Suspend, Resume,
// Terminate): the caller authorises those before calling Apply; flow only requires a
// reason for each. Who may act on a task flow does decide: its holder or their deputy,
// and never someone who handled a step the task's node is kept apart from
// (Node.DistinctFrom: whoever handled a case does not also approve it). flow does not
// compute deadlines: tasks carry LimitDays and the case
// clock turns them into dates on the working-day calendar.
package flow
