package tasks

import "github.com/shenpi/shenpi/internal/event"

// Event types tasks appends to the case's stream. The actions on tasks themselves are
// flow's events (task.claimed, task.completed, …).
const (
	EventCorrectionRequested = "opinion.correction_requested"
	EventCorrectionDecided   = "opinion.correction_decided"
)

// Payloads maps tasks' event types to their payloads.
var Payloads = event.Payloads{
	EventCorrectionRequested: CorrectionRequestedPayload{},
	EventCorrectionDecided:   CorrectionDecidedPayload{},
}

// CorrectionRequestedPayload is the payload of opinion.correction_requested: the author
// of a signed opinion asks to replace it.
type CorrectionRequestedPayload struct {
	Correction int64  `json:"correction"`
	TaskID     string `json:"task_id"`
	Step       string `json:"step"`
	Opinion    string `json:"opinion"`
	Reason     string `json:"reason"`
}

// CorrectionDecidedPayload is the payload of opinion.correction_decided: an approver
// consented (the correction supersedes the opinion) or refused.
type CorrectionDecidedPayload struct {
	Correction int64  `json:"correction"`
	TaskID     string `json:"task_id"`
	Consented  bool   `json:"consented"`
}
