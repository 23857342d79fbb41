package model

// SettingsID is the ID of the one settings record of a vault.
const SettingsID = "settings"

// Settings are the vault-wide choices of the unit.
type Settings struct {
	ID               string `json:"id"`
	IssuingBody      string `json:"issuing_body"`       // 发文机关, e.g. 中共某市纪律检查委员会
	OfficeCode       string `json:"office_code"`        // 机关代字, e.g. 某纪
	Scheme           Scheme `json:"scheme"`             // disposal scheme
	LeadNumberFormat string `json:"lead_number_format"` // see FormatNumber
	CaseNumberFormat string `json:"case_number_format"`
}

// DefaultSettings returns the settings of a new vault: the five-category
// scheme of the unit's work plan and numbers like XS〔2020〕15号.
func DefaultSettings() Settings {
	return Settings{ID: SettingsID, Scheme: SchemeFiveCategories,
		LeadNumberFormat: DefaultLeadNumberFormat, CaseNumberFormat: DefaultCaseNumberFormat}
}

// RecordType implements Record.
func (s *Settings) RecordType() string { return TypeSettings }

// RecordID implements Record.
func (s *Settings) RecordID() string { return s.ID }

// Validate checks the settings.
func (s *Settings) Validate() error {
	const r = TypeSettings
	if err := firstErr(
		checkRequired(r, "id", s.ID),
		checkEnum(r, "scheme", s.Scheme, Schemes, false),
		checkRequired(r, "lead_number_format", s.LeadNumberFormat),
		checkRequired(r, "case_number_format", s.CaseNumberFormat),
	); err != nil {
		return err
	}
	if err := CheckNumberFormat(s.LeadNumberFormat); err != nil {
		return fieldErr(r, "lead_number_format", err)
	}
	if err := CheckNumberFormat(s.CaseNumberFormat); err != nil {
		return fieldErr(r, "case_number_format", err)
	}
	return nil
}
