package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"qingfeng/export/pdf"
	"qingfeng/store/model"
)

// fontProbe is the text the font report is asked about: common, rare and
// extension-B characters of names.
const fontProbe = "王䶮𠮷"

// vaultSettings is the part of 设置 kept in the vault: issuing body, 机关代字,
// disposal scheme and number formats (model.Settings, read and saved with
// casework.Settings and SaveSettings at the revision read), and the report
// of which font file serves each role of the documents.
type vaultSettings struct {
	u *UI
	s *session

	loaded     model.Settings
	rev        uint64 // the revision loaded was read at
	body       *widget.Entry
	code       *widget.Entry
	scheme     *widget.RadioGroup
	leadFormat *widget.Entry
	caseFormat *widget.Entry
	save       *widget.Button
	status     *widget.Label
	saved      *widget.Label
	fonts      *fyne.Container
	report     *pdf.Report // once read
}

// schemeKeys name the schemes of model.Schemes, in order.
var schemeKeys = []string{"settings.scheme.five", "settings.scheme.four"}

func newVaultSettings(u *UI, s *session) *vaultSettings { return &vaultSettings{u: u, s: s} }

func (v *vaultSettings) build() fyne.CanvasObject {
	v.body = extend(&widget.Entry{PlaceHolder: tr("settings.body_hint")})
	v.code = extend(&widget.Entry{PlaceHolder: tr("settings.code_hint")})
	var opts []string
	for _, k := range schemeKeys {
		opts = append(opts, tr(k))
	}
	v.scheme = extend(&widget.RadioGroup{Options: opts, Required: true})
	v.leadFormat = extend(&widget.Entry{})
	v.caseFormat = extend(&widget.Entry{})
	v.save = extend(&widget.Button{Text: tr("settings.save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: v.submit})
	v.save.Disable()
	v.status = statusLabel()
	v.status.Hide()
	v.saved = hint("")
	v.saved.Hide()
	form := widget.NewForm(
		widget.NewFormItem(tr("settings.body"), v.body),
		widget.NewFormItem(tr("settings.code"), v.code),
		widget.NewFormItem(tr("settings.scheme"), v.scheme),
		widget.NewFormItem(tr("settings.lead_format"), v.leadFormat),
		widget.NewFormItem(tr("settings.case_format"), v.caseFormat),
	)
	v.fonts = container.NewVBox(hint(tr("dash.loading")))
	head := extend(&widget.Label{Text: tr("settings.vault"), SizeName: theme.SizeNameSubHeadingText})
	fontHead := extend(&widget.Label{Text: tr("settings.fonts"), SizeName: theme.SizeNameSubHeadingText})
	v.load()
	return container.NewVBox(widget.NewSeparator(), head, container.NewHBox(withWidth(560, form)),
		hint(tr("settings.format_note")), v.status, v.saved, container.NewHBox(v.save),
		widget.NewSeparator(), fontHead, v.fonts)
}

// load reads the settings and the font report off the Fyne thread.
func (v *vaultSettings) load() {
	u, s, w := v.u, v.s, v.u.caseWork(v.s)
	var st model.Settings
	var rev uint64
	u.inBackground(s, v.status, func() (err error) {
		st, rev, err = w.Settings()
		return err
	}, func() { v.show(st, rev) })
	var rep pdf.Report
	u.inBackground(s, nil, func() error { rep = pdf.FontReport(fontProbe); return nil }, func() { v.showFonts(&rep) })
}

// show puts the stored settings, read at revision rev, in the fields.
func (v *vaultSettings) show(st model.Settings, rev uint64) {
	v.loaded, v.rev = st, rev
	v.body.SetText(st.IssuingBody)
	v.code.SetText(st.OfficeCode)
	for i, sc := range model.Schemes {
		if sc == st.Scheme {
			v.scheme.SetSelected(v.scheme.Options[i])
		}
	}
	v.leadFormat.SetText(st.LeadNumberFormat)
	v.caseFormat.SetText(st.CaseNumberFormat)
	v.save.Enable()
}

// showFonts lists the face and file of every role, the fallbacks used for
// the probe text and the characters no font has.
func (v *vaultSettings) showFonts(rep *pdf.Report) {
	v.report = rep
	v.fonts.Objects = nil
	f := widget.NewForm()
	for _, r := range rep.Roles {
		text := r.Font + "  " + r.File
		if r.Official {
			text += "  " + tr("settings.font_official")
		}
		f.Append(r.Role, valueCell(text))
	}
	v.fonts.Add(f)
	for _, fb := range rep.Fallbacks {
		v.fonts.Add(valueCell(trf("settings.font_fallback", map[string]any{"Char": fb.Char, "Role": fb.Role, "Font": fb.Font, "File": fb.File})))
	}
	if len(rep.Missing) > 0 {
		v.fonts.Add(extend(&widget.Label{Text: trf("settings.font_missing", map[string]any{"Chars": strings.Join(rep.Missing, " ")}), Importance: widget.DangerImportance}))
	}
	v.fonts.Refresh()
}

// settings are the fields as settings.
func (v *vaultSettings) settings() model.Settings {
	st := v.loaded
	st.IssuingBody = strings.TrimSpace(v.body.Text)
	st.OfficeCode = strings.TrimSpace(v.code.Text)
	for i, o := range v.scheme.Options {
		if o == v.scheme.Selected {
			st.Scheme = model.Schemes[i]
		}
	}
	st.LeadNumberFormat = strings.TrimSpace(v.leadFormat.Text)
	st.CaseNumberFormat = strings.TrimSpace(v.caseFormat.Text)
	return st
}

// submit saves the settings off the Fyne thread (casework.SaveSettings);
// a refusal, or settings saved meanwhile elsewhere, is one line.
func (v *vaultSettings) submit() {
	v.u.touch()
	st, w, rev := v.settings(), v.u.caseWork(v.s), v.rev
	v.save.Disable()
	var err error
	v.u.inBackground(v.s, nil, func() error {
		rev, err = w.SaveSettings(st, rev)
		return nil
	}, func() {
		v.save.Enable()
		if err != nil {
			showStatus(v.status, errText(err))
			showStatus(v.saved, "")
			return
		}
		v.loaded, v.rev = st, rev
		showStatus(v.status, "")
		showStatus(v.saved, tr("settings.saved"))
	})
}
