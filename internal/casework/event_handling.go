package casework

// Event types of handling a case (handling.go, special.go, extension.go,
// fee.go), appended to the case's stream; their payloads are registered in
// Payloads (event.go).
const (
	EventSpecialStarted     = "case.special_procedure_started"
	EventSpecialEnded       = "case.special_procedure_ended"
	EventExtensionRequested = "case.extension_requested"
	EventExtensionApproved  = "case.extension_approved"
	EventExtensionRefused   = "case.extension_refused"
	EventFeesAssessed       = "case.fees_assessed"
	EventFeesPaid           = "case.fees_paid"
	EventFeesLapsed         = "case.fees_lapsed"
)

// SpecialStartedPayload is the payload of case.special_procedure_started:
// the applicant is told the kind and how long it is expected to take
// (Art. 45); ExpectedEnd is the date (YYYY-MM-DD) ExpectedDays working days
// after the start. Paused lists the clocks of the case it paused.
type SpecialStartedPayload struct {
	ID           int64    `json:"id"`
	Kind         string   `json:"kind"`
	ExpectedDays int      `json:"expected_days"`
	ExpectedEnd  string   `json:"expected_end"`
	Reason       string   `json:"reason"`
	Paused       []string `json:"paused"`
}

// SpecialEndedPayload is the payload of case.special_procedure_ended:
// SpentDays is the working days the case's clocks stood still for.
type SpecialEndedPayload struct {
	ID        int64  `json:"id"`
	Kind      string `json:"kind"`
	Result    string `json:"result"`
	SpentDays int    `json:"spent_days"`
}

// ExtensionRequestedPayload is the payload of case.extension_requested.
type ExtensionRequestedPayload struct {
	ID     int64  `json:"id"`
	Days   int    `json:"days"`
	Reason string `json:"reason"`
}

// ExtensionApprovedPayload is the payload of case.extension_approved:
// TotalDays is every approved extension of the case, this one included;
// Extended lists the clocks it lengthened.
type ExtensionApprovedPayload struct {
	ID        int64    `json:"id"`
	Days      int      `json:"days"`
	TotalDays int      `json:"total_days"`
	Note      string   `json:"note"`
	Extended  []string `json:"extended"`
}

// ExtensionRefusedPayload is the payload of case.extension_refused.
type ExtensionRefusedPayload struct {
	ID   int64  `json:"id"`
	Note string `json:"note"`
}

// FeeLinePayload is one charge of case.fees_assessed.
type FeeLinePayload struct {
	Name      string `json:"name"`
	AmountFen int64  `json:"amount_fen"`
	Basis     string `json:"basis"`
}

// FeesAssessedPayload is the payload of case.fees_assessed, the payment
// notice (缴费通知书): PayDue is RFC 3339.
type FeesAssessedPayload struct {
	Assessment   int64            `json:"assessment"`
	Lines        []FeeLinePayload `json:"lines"`
	TotalFen     int64            `json:"total_fen"`
	PayDays      int              `json:"pay_days"`
	PayDue       string           `json:"pay_due"`
	RefuseUnpaid bool             `json:"refuse_unpaid"`
}

// FeesPaidPayload is the payload of case.fees_paid.
type FeesPaidPayload struct {
	Assessment int64  `json:"assessment"`
	AmountFen  int64  `json:"amount_fen"`
	Reference  string `json:"reference"`
}

// FeesLapsedPayload is the payload of case.fees_lapsed: the payment limit
// passed unpaid; Refused says the item's option refused the case for it.
type FeesLapsedPayload struct {
	Assessment int64 `json:"assessment"`
	TotalFen   int64 `json:"total_fen"`
	Refused    bool  `json:"refused"`
}
