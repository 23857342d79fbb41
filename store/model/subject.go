package model

import "unicode/utf8"

// Gender (性别).
type Gender string

// Genders.
const (
	Male   Gender = "男"
	Female Gender = "女"
)

// Genders lists both values.
var Genders = []Gender{Male, Female}

// PoliticalStatus (政治面貌).
type PoliticalStatus string

// Political statuses.
const (
	PartyMember     PoliticalStatus = "中共党员"
	PartyProbation  PoliticalStatus = "中共预备党员"
	LeagueMember    PoliticalStatus = "共青团员"
	DemocraticParty PoliticalStatus = "民主党派成员"
	NonParty        PoliticalStatus = "无党派人士"
	Masses          PoliticalStatus = "群众"
)

// PoliticalStatuses lists every political status.
var PoliticalStatuses = []PoliticalStatus{PartyMember, PartyProbation, LeagueMember,
	DemocraticParty, NonParty, Masses}

// IsParty reports whether the status is a (probationary) party member, who
// is subject to party discipline.
func (p PoliticalStatus) IsParty() bool { return p == PartyMember || p == PartyProbation }

// Authorities are the usual values of 干部管理权限; the field accepts
// others because units word it their own way.
var Authorities = []string{"中管干部", "省管干部", "市管干部", "县管干部", "其他"}

// Ranks are the usual values of 职级; the field accepts others.
var Ranks = []string{"省部级正职", "省部级副职", "厅局级正职", "厅局级副职", "县处级正职",
	"县处级副职", "乡科级正职", "乡科级副职", "一般干部", "其他"}

// Subject is a 被反映人 / 被审查调查人. Only the name is required, since a
// lead often names no more; the rest is filled in as the case grows.
// Names may hold characters outside the BMP (𠮷) and are kept as given.
type Subject struct {
	ID          string          `json:"id"`
	Name        string          `json:"name"`                       // 姓名
	Gender      Gender          `json:"gender,omitempty"`           // 性别
	Ethnicity   string          `json:"ethnicity,omitempty"`        // 民族, e.g. 汉族
	Born        Month           `json:"born,omitzero"`              // 出生年月
	Political   PoliticalStatus `json:"political_status,omitempty"` // 政治面貌
	PartyJoined Month           `json:"party_joined,omitzero"`      // 入党时间
	Unit        string          `json:"unit,omitempty"`             // 工作单位
	Position    string          `json:"position,omitempty"`         // 职务
	Rank        string          `json:"rank,omitempty"`             // 职级
	Authority   string          `json:"authority,omitempty"`        // 干部管理权限
}

// RecordType implements Record.
func (s *Subject) RecordType() string { return TypeSubject }

// RecordID implements Record.
func (s *Subject) RecordID() string { return s.ID }

// Validate checks the subject.
func (s *Subject) Validate() error {
	const r = TypeSubject
	if err := firstErr(
		checkRequired(r, "id", s.ID),
		checkRequired(r, "name", s.Name),
		checkEnum(r, "gender", s.Gender, Genders, true),
		checkEnum(r, "political_status", s.Political, PoliticalStatuses, true),
	); err != nil {
		return err
	}
	if !utf8.ValidString(s.Name) {
		return fieldErr(r, "name", ErrInvalidValue)
	}
	if !s.PartyJoined.IsZero() && !s.Political.IsParty() {
		return fieldErr(r, "party_joined", ErrInvalidValue)
	}
	if !s.Born.IsZero() && !s.PartyJoined.IsZero() && !s.Born.Before(s.PartyJoined) {
		return fieldErr(r, "party_joined", ErrDateOrder)
	}
	return nil
}

// WorkAndPost returns 工作单位及职务 as one string, as registers print it.
func (s *Subject) WorkAndPost() string { return s.Unit + s.Position }
