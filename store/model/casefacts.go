package model

import "strconv"

// EvidenceKind is the legal kind of a piece of evidence.
type EvidenceKind string

// Evidence kinds.
const (
	EvidenceDocument   EvidenceKind = "书证"
	EvidencePhysical   EvidenceKind = "物证"
	EvidenceWitness    EvidenceKind = "证人证言"
	EvidenceStatement  EvidenceKind = "被审查调查人陈述和辩解"
	EvidenceExpert     EvidenceKind = "鉴定意见"
	EvidenceInspection EvidenceKind = "勘验检查笔录"
	EvidenceAudioVideo EvidenceKind = "视听资料"
	EvidenceElectronic EvidenceKind = "电子数据"
)

// EvidenceKinds lists every evidence kind.
var EvidenceKinds = []EvidenceKind{EvidenceDocument, EvidencePhysical, EvidenceWitness,
	EvidenceStatement, EvidenceExpert, EvidenceInspection, EvidenceAudioVideo, EvidenceElectronic}

// Evidence is one entry of the evidence list.
type Evidence struct {
	ID           string       `json:"id"`
	Kind         EvidenceKind `json:"kind"`
	Title        string       `json:"title"`
	Obtained     Date         `json:"obtained,omitzero"`
	Source       string       `json:"source,omitempty"`        // who provided it
	AttachmentID string       `json:"attachment_id,omitempty"` // vault attachment
	Pages        int          `json:"pages,omitempty"`
}

// Fact is one block of 违纪违法事实: one offence of one subject, with the
// evidence that proves it.
type Fact struct {
	ID          string          `json:"id"`
	SubjectID   string          `json:"subject_id"`
	Title       string          `json:"title"`
	Category    ProblemCategory `json:"category"`
	Description string          `json:"description"`
	Amount      Fen             `json:"amount,omitempty"` // sum involved in this offence
	EvidenceIDs []string        `json:"evidence_ids,omitempty"`
}

// MeasureKind is an investigative measure.
type MeasureKind string

// Measures.
const (
	MeasureTalk        MeasureKind = "谈话"
	MeasureInterrogate MeasureKind = "讯问"
	MeasureQuestion    MeasureKind = "询问"
	MeasureQuery       MeasureKind = "查询"
	MeasureFreeze      MeasureKind = "冻结"
	MeasureObtain      MeasureKind = "调取"
	MeasureSeal        MeasureKind = "查封"
	MeasureSeize       MeasureKind = "扣押"
	MeasureSearch      MeasureKind = "搜查"
	MeasureInspect     MeasureKind = "勘验检查"
	MeasureAppraise    MeasureKind = "鉴定"
	MeasureTechnical   MeasureKind = "技术调查"
	MeasureExitBan     MeasureKind = "限制出境"
	MeasureWanted      MeasureKind = "通缉"
	MeasureDetention   MeasureKind = "留置"
	MeasureAwait       MeasureKind = "责令候查"
	MeasureCompel      MeasureKind = "强制到案"
)

// MeasureKinds lists every measure.
var MeasureKinds = []MeasureKind{MeasureTalk, MeasureInterrogate, MeasureQuestion,
	MeasureQuery, MeasureFreeze, MeasureObtain, MeasureSeal, MeasureSeize, MeasureSearch,
	MeasureInspect, MeasureAppraise, MeasureTechnical, MeasureExitBan, MeasureWanted,
	MeasureDetention, MeasureAwait, MeasureCompel}

// Measure is a measure taken, with its period when it lasts.
type Measure struct {
	ID         string      `json:"id"`
	Kind       MeasureKind `json:"kind"`
	SubjectID  string      `json:"subject_id,omitempty"`
	Start      Date        `json:"start"`
	End        Date        `json:"end,omitzero"` // zero while it lasts
	ApprovedBy string      `json:"approved_by,omitempty"`
	Note       string      `json:"note,omitempty"`
}

// Amounts are the sums of the case in fen.
type Amounts struct {
	Involved    Fen `json:"involved"`    // 涉案金额
	Collected   Fen `json:"collected"`   // 收缴
	Confiscated Fen `json:"confiscated"` // 没收
	Restitution Fen `json:"restitution"` // 责令退赔
}

func (a Amounts) validate() error {
	fields := []struct {
		name string
		v    Fen
	}{{"involved", a.Involved}, {"collected", a.Collected},
		{"confiscated", a.Confiscated}, {"restitution", a.Restitution}}
	for _, f := range fields {
		if f.v < 0 {
			return fieldErr(TypeCase, "amounts."+f.name, ErrInvalidAmount)
		}
	}
	return nil
}

// RetentionClass is the archive retention period (保管期限).
type RetentionClass string

// Retention classes: the older 永久/长期/短期 and the current 永久/定期30年/定期10年.
const (
	RetainPermanent RetentionClass = "永久"
	RetainLong      RetentionClass = "长期"
	RetainShort     RetentionClass = "短期"
	Retain30Years   RetentionClass = "定期30年"
	Retain10Years   RetentionClass = "定期10年"
)

// RetentionClasses lists every retention class.
var RetentionClasses = []RetentionClass{RetainPermanent, RetainLong, RetainShort,
	Retain30Years, Retain10Years}

// Archive is the archive data of a case (归档).
type Archive struct {
	Number    string         `json:"number,omitempty"` // 档号
	Archived  Date           `json:"archived,omitzero"`
	Retention RetentionClass `json:"retention"`
	Volumes   int            `json:"volumes,omitempty"` // 卷数
	Pages     int            `json:"pages,omitempty"`
	Custodian string         `json:"custodian,omitempty"`
	Location  string         `json:"location,omitempty"`
}

func (c *Case) validateArchive() error {
	a := c.Archive
	if a == nil {
		return nil
	}
	if a.Volumes < 0 || a.Pages < 0 {
		return fieldErr(TypeCase, "archive", ErrInvalidValue)
	}
	return firstErr(
		checkEnum(TypeCase, "archive.retention", a.Retention, RetentionClasses, false),
		notBefore(TypeCase, "archive.archived", a.Archived, c.Opened()),
	)
}

func (c *Case) validateEvidence() error {
	ids := make([]string, len(c.Evidence))
	for i, e := range c.Evidence {
		f := "evidence[" + strconv.Itoa(i) + "]"
		ids[i] = e.ID
		if err := firstErr(
			checkRequired(TypeCase, f+".id", e.ID),
			checkEnum(TypeCase, f+".kind", e.Kind, EvidenceKinds, false),
			checkRequired(TypeCase, f+".title", e.Title),
		); err != nil {
			return err
		}
		if e.Pages < 0 {
			return fieldErr(TypeCase, f+".pages", ErrInvalidValue)
		}
	}
	return checkUniqueIDs(TypeCase, "evidence", ids)
}

func (c *Case) validateFacts() error {
	ids := make([]string, len(c.Facts))
	for i, fact := range c.Facts {
		f := "facts[" + strconv.Itoa(i) + "]"
		ids[i] = fact.ID
		if err := firstErr(
			checkRequired(TypeCase, f+".id", fact.ID),
			checkRequired(TypeCase, f+".title", fact.Title),
			checkEnum(TypeCase, f+".category", fact.Category, ProblemCategories, false),
			checkRequired(TypeCase, f+".description", fact.Description),
			c.checkSubjectRef(f+".subject_id", fact.SubjectID, false),
			c.checkEvidenceRefs(f+".evidence_ids", fact.EvidenceIDs),
		); err != nil {
			return err
		}
		if fact.Amount < 0 {
			return fieldErr(TypeCase, f+".amount", ErrInvalidAmount)
		}
	}
	return checkUniqueIDs(TypeCase, "facts", ids)
}

func (c *Case) validateMeasures() error {
	for i, m := range c.Measures {
		f := "measures[" + strconv.Itoa(i) + "]"
		if err := firstErr(
			checkRequired(TypeCase, f+".id", m.ID),
			checkEnum(TypeCase, f+".kind", m.Kind, MeasureKinds, false),
			requireDate(TypeCase, f+".start", m.Start),
			notBefore(TypeCase, f+".end", m.End, m.Start),
			c.checkSubjectRef(f+".subject_id", m.SubjectID, true),
		); err != nil {
			return err
		}
	}
	return nil
}

// checkSubjectRef refuses a subject ID that is not one of the case's.
func (c *Case) checkSubjectRef(field, id string, optional bool) error {
	if id == "" {
		if optional {
			return nil
		}
		return fieldErr(TypeCase, field, ErrMissing)
	}
	if !c.HasSubject(id) {
		return fieldErr(TypeCase, field, ErrDanglingRef)
	}
	return nil
}

// checkEvidenceRefs refuses evidence IDs that are not in the evidence list.
func (c *Case) checkEvidenceRefs(field string, ids []string) error {
	for _, id := range ids {
		found := false
		for _, e := range c.Evidence {
			found = found || e.ID == id
		}
		if !found {
			return fieldErr(TypeCase, field, ErrDanglingRef)
		}
	}
	return checkUniqueIDs(TypeCase, field, ids)
}
