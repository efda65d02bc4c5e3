package casework

import (
	"time"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/refuse"
)

// Status is where a case stands. Issue 3 uses submitted and withdrawn;
// acceptance, handling and decision add theirs.
type Status string

const (
	Submitted Status = "submitted" // received, awaiting acceptance (待受理)
	Withdrawn Status = "withdrawn" // withdrawn by the applicant (撤回)
	Accepted  Status = "accepted"  // accepted (已受理)
	Concluded Status = "concluded" // decided and concluded (办结)
)

// Decided reports whether a case is past the point of withdrawal.
func (s Status) Decided() bool { return s == Concluded || s == Withdrawn }

// Channel says how a case was received.
type Channel string

const (
	Online Channel = "online" // 网上申请
	Window Channel = "window" // 窗口受理, registered by a clerk
)

// Form is an application's form data: field path → value, as the item's
// form definition names the fields.
type Form map[string]string

// FormProblem is why a form field was refused: a message key and its
// parameters, for the caller to translate.
type FormProblem struct {
	Key  string
	Args map[string]any
}

// MaterialRule is one entry of the item's material list (申请材料).
type MaterialRule struct {
	Name     string
	Required bool
	MaxBytes int64
	// Types lists the accepted file extensions (pdf, jpg…); empty means pdf,
	// jpg and png.
	Types []string
	// PaperOnly: the material is handed in on paper at the window; no file
	// is accepted for it.
	PaperOnly bool
}

// ItemVersion is what casework needs to know of the published item version
// an application is made under; the caller builds it from the catalogue.
type ItemVersion struct {
	Code         string
	Version      int
	Name         string
	DepartmentID int64
	RegionCode   string // the department's region: it numbers the case
	RegionPath   string // and chooses the working-day calendar
	Materials    []MaterialRule
	Validate     func(Form) map[string]FormProblem
	// Audience is who may apply (catalog.Audience.Admits); Withdrawn that
	// nobody may any longer (catalog.Version.Open).
	Audience  catalog.Audience
	Withdrawn bool
}

// Case is a case as its applicant and staff see it.
type Case struct {
	Number       Number
	RegionCode   string
	DepartmentID int64
	ItemCode     string
	ItemVersion  int
	ItemName     string
	ApplicantID  int64
	Channel      Channel
	RegisteredBy int64
	Status       Status
	QueryCode    string
	Form         Form
	SubmittedAt  time.Time
	UpdatedAt    time.Time
	Materials    []Material
}

// Material is an uploaded file of a draft or a case.
type Material struct {
	Slot        int
	SHA256      string
	Filename    string
	Size        int64
	ContentType string
	AddedAt     time.Time
}

// Draft is an application being written.
type Draft struct {
	ID          string
	ApplicantID int64
	ItemCode    string
	ItemVersion int
	Form        Form
	Materials   []Material
	UpdatedAt   time.Time
}

var (
	// ErrNotFound answers a case or draft that does not exist or is not the
	// asker's: the two are not told apart.
	ErrNotFound = refuse.NotFound("casework: not found", "")
	// ErrNotWithdrawable: the case is decided or already withdrawn.
	ErrNotWithdrawable = refuse.Conflict("casework: the case can no longer be withdrawn", "")
)

// InvalidError lists what is wrong with a submission or an upload: form
// field problems by field path, material problems by slot.
type InvalidError struct {
	Fields    map[string]FormProblem
	Materials map[int]string // slot → message key
	// Applicant says why the applicant a clerk identified may not apply
	// (message key), at a window; "" when they may.
	Applicant string
}

// Is makes an incomplete application a refuse.ErrInvalid.
func (e *InvalidError) Is(target error) bool { return target == refuse.ErrInvalid }

func (e *InvalidError) Error() string {
	return "casework: the application is not complete or not valid"
}
