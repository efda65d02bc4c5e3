package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// Item is one approval item (事项) as its department writes it: everything an
// applicant must know before applying, and everything casework and
// supervision need to hold a case to it. It is the body of a Version; the JSON
// names are those of the import/export format.
type Item struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	NameEn string `json:"name_en,omitempty"`
	Kind   Kind   `json:"kind"`
	// Department is the responsible department's code (e.g. 320102-SCJG).
	// RegionCode and RegionLevel are derived from it when the item is saved.
	Department  string `json:"department"`
	RegionCode  string `json:"region_code,omitempty"`
	RegionLevel string `json:"region_level,omitempty"`

	LegalBasis string     `json:"legal_basis"` // 设定依据
	Conditions string     `json:"conditions"`  // 申请条件
	Materials  []Material `json:"materials"`   // 申请材料

	StatutoryDays int  `json:"statutory_days"` // 法定时限, working days
	PromisedDays  int  `json:"promised_days"`  // 承诺时限, working days, ≤ statutory
	Mode          Mode `json:"mode"`           // 即办件 / 承诺件
	// Channel is how the applicant applies: 全程网办, 网上预审+窗口, or offline.
	Channel Channel `json:"channel"`

	// Fees lists every charge the item may make (收费标准); none means free.
	// Supervision refuses any charge not listed here (行政许可法 Art. 58).
	Fees []Fee `json:"fees,omitempty"`
	// RefuseUnpaid: a case whose fees are not paid within the limit the
	// handler set is refused automatically (seed 001 篇3 §20).
	RefuseUnpaid bool   `json:"refuse_unpaid,omitempty"`
	Result       Result `json:"result"`

	Where          string `json:"where"` // 办理地点
	Hours          string `json:"hours"` // 办理时间
	Phone          string `json:"phone,omitempty"`
	ComplaintPhone string `json:"complaint_phone"` // 监督投诉电话

	Themes   []Theme  `json:"themes,omitempty"`
	Audience Audience `json:"audience"`

	// ProcessKey names the flow definition cases of this item run through.
	ProcessKey string `json:"process_key,omitempty"`
	Form       Form   `json:"form"`
}

// DefaultProcessKey is the process of an item that names none, until the
// flow definitions are wired to items.
const DefaultProcessKey = "serial-default"

// Material is one entry of the materials list (申请材料清单).
type Material struct {
	Name     string       `json:"name"`
	NameEn   string       `json:"name_en,omitempty"`
	Required bool         `json:"required"`
	Form     MaterialForm `json:"form"`   // original, copy, or both
	Copies   int          `json:"copies"` // 份数
	Note     string       `json:"note,omitempty"`
	// Sample is the blank template or filled-in example (样表/示范文本).
	Sample *FileRef `json:"sample,omitempty"`
	// Electronic says whether an uploaded electronic copy suffices; the
	// size and type limits apply to uploads of this material.
	Electronic bool     `json:"electronic"`
	MaxSizeMB  int      `json:"max_size_mb,omitempty"`
	FileTypes  []string `json:"file_types,omitempty"`
}

// FileRef points at a stored file by its SHA-256.
type FileRef struct {
	Name        string `json:"name"`
	SHA256      string `json:"sha256"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
}

// Fee is one charge: its standard in words, the amount when fixed, and the
// document that allows it (收费依据).
type Fee struct {
	Name      string `json:"name"`
	Standard  string `json:"standard"`
	AmountFen int64  `json:"amount_fen,omitempty"` // 0 when the amount varies
	Basis     string `json:"basis"`
}

// Result is what the applicant receives (审批结果).
type Result struct {
	Kind           ResultKind `json:"kind"`
	Name           string     `json:"name"`                      // e.g. 食品经营许可证
	ValidityMonths int        `json:"validity_months,omitempty"` // 0: no expiry
	Delivery       string     `json:"delivery,omitempty"`        // 送达方式
}

// Kind is the legal category of an item.
type Kind string

const (
	KindLicensing     Kind = "licensing"      // 行政许可
	KindNonLicensing  Kind = "non_licensing"  // 非行政许可审批
	KindConfirmation  Kind = "confirmation"   // 行政确认
	KindPublicService Kind = "public_service" // 公共服务
	KindConvenience   Kind = "convenience"    // 便民服务
)

// Kinds lists the kinds in the order pages show them.
var Kinds = []Kind{KindLicensing, KindNonLicensing, KindConfirmation, KindPublicService, KindConvenience}

// Mode says whether a case is decided on the spot (即办件) or within the
// promised limit (承诺件).
type Mode string

const (
	ModeOnTheSpot Mode = "on_the_spot"
	ModePromised  Mode = "promised"
)

var Modes = []Mode{ModeOnTheSpot, ModePromised}

// Channel is where the application is made.
type Channel string

const (
	ChannelOnline    Channel = "online"           // 全程网办
	ChannelPreReview Channel = "online_prereview" // 网上预审 + 窗口
	ChannelOffline   Channel = "offline"          // 窗口办理
)

var Channels = []Channel{ChannelOnline, ChannelPreReview, ChannelOffline}

// MaterialForm says whether the original, a copy or both are handed in.
type MaterialForm string

const (
	FormOriginal        MaterialForm = "original"
	FormCopy            MaterialForm = "copy"
	FormOriginalAndCopy MaterialForm = "original_and_copy"
)

var MaterialForms = []MaterialForm{FormOriginal, FormCopy, FormOriginalAndCopy}

// ResultKind is what kind of document concludes a case.
type ResultKind string

const (
	ResultCertificate ResultKind = "certificate" // 证照
	ResultDocument    ResultKind = "document"    // 批准文书
	ResultOther       ResultKind = "other"
)

var ResultKinds = []ResultKind{ResultCertificate, ResultDocument, ResultOther}

// Theme is a life-event or business topic the portal browses by (主题).
type Theme string

// Themes is the fixed list the portal shows; each has its translations.
var Themes = []Theme{
	"market_access", "food_safety", "health", "transport", "real_estate", "construction",
	"education", "employment", "social_security", "civil_affairs", "environment", "agriculture", "culture_tourism",
}

// Audience is who applies: 个人办事, 法人办事, or both.
type Audience string

const (
	AudienceCitizen Audience = "citizen"
	AudienceCompany Audience = "company"
	AudienceBoth    Audience = "both"
)

var Audiences = []Audience{AudienceCitizen, AudienceCompany, AudienceBoth}

// Serves reports whether an item for a is offered to applicants of kind k
// (citizen or company); an empty k matches everything.
func (a Audience) Serves(k Audience) bool {
	return k == "" || a == k || a == AudienceBoth || k == AudienceBoth
}

// Free reports whether the item charges nothing.
func (it Item) Free() bool { return len(it.Fees) == 0 }

// Digest is the SHA-256 of the item's canonical JSON; a published version's
// digest is recorded in its event, so its content can be verified later.
func (it Item) Digest() string {
	b, _ := json.Marshal(it)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// State is where a version is in its review.
type State string

const (
	StateDraft      State = "draft"      // being written; the only editable state
	StateSubmitted  State = "submitted"  // waiting for an approver
	StatePublished  State = "published"  // the version the portal shows
	StateSuperseded State = "superseded" // was published; a newer one replaced it
)

// Version is one numbered version of an item with its review record. A
// published or superseded version never changes.
type Version struct {
	Item
	Number      int
	State       State
	CreatedBy   string
	CreatedAt   time.Time
	SubmittedBy string
	SubmittedAt time.Time
	PublishedBy string
	PublishedAt time.Time
	Note        string // why it was returned to draft, if it was
	// Withdrawn and Current describe the item as a whole: withdrawn items
	// are hidden from the portal; Current marks the version it shows.
	Withdrawn bool
	Current   bool
}

// Summary is one line of an item in lists: its newest version and the one
// the portal shows.
type Summary struct {
	Code           string
	Name           string
	NameEn         string
	Department     string
	LatestVersion  int
	LatestState    State
	CurrentVersion int // 0: never published
	Withdrawn      bool
	Uses           int64
	UpdatedAt      time.Time
}
