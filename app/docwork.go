package app

import (
	"bytes"
	"fmt"
	"image"
	"time"

	"qingfeng/export/pdf"
	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// This file holds the document flow of the 文书 section without any Fyne:
// the same steps as the command line's `doc render` (the case data, the
// templates in force, the register), so both print alike.

// templatesInForce returns the built-in templates, each replaced by the
// vault's template of the same name, then the vault's added ones.
func templatesInForce(tx *store.Tx) ([]*pdf.Template, error) {
	out, err := pdf.BuiltinTemplates()
	if err != nil {
		return nil, err
	}
	own, err := dossier.Templates(tx)
	if err != nil {
		return nil, err
	}
	for _, vt := range own {
		t, err := pdf.LoadTemplate(vt.Name, vt.Text)
		if err != nil {
			return nil, err
		}
		replaced := false
		for i := range out {
			if out[i].Name == t.Name {
				out[i], replaced = t, true
			}
		}
		if !replaced {
			out = append(out, t)
		}
	}
	return out, nil
}

// caseData reads everything a document about a case is filled from: the
// case, its lead, subjects and tracked items, the settings, the rule table
// and the particulars (vault-wide, then the case's own).
func caseData(tx *store.Tx, id string) (*pdf.CaseData, error) {
	c, err := dossier.GetCase(tx, id)
	if err != nil {
		return nil, err
	}
	cd := &pdf.CaseData{Case: c}
	if cd.Settings, _, err = dossier.Settings(tx); err != nil {
		return nil, err
	}
	if cd.Rules, err = dossier.Rules(tx); err != nil {
		return nil, err
	}
	if c.LeadID != "" {
		if cd.Lead, err = dossier.GetLead(tx, c.LeadID); err != nil {
			return nil, err
		}
	}
	for _, sid := range c.SubjectIDs {
		var s model.Subject
		if _, err := dossier.Load(tx, model.TypeSubject, sid, &s); err != nil {
			return nil, err
		}
		cd.Subjects = append(cd.Subjects, s)
	}
	if len(c.SubjectIDs) > 0 {
		cd.Subject = c.SubjectIDs[0]
	}
	items, err := dossier.Items(tx)
	if err != nil {
		return nil, err
	}
	for _, t := range items {
		if t.CaseID == c.ID {
			cd.Items = append(cd.Items, t)
		}
	}
	for _, fid := range []string{dossier.DocFieldsDefaults, c.ID} {
		m, err := dossier.DocFields(tx, fid)
		if err != nil {
			return nil, err
		}
		if m != nil {
			cd.Extra = append(cd.Extra, m)
		}
	}
	return cd, nil
}

// docLayout fills a template for a register entry and copy (zero values
// for a preview, which carries no 文号 or 份号) and lays it out.
func docLayout(tm *pdf.Template, cd *pdf.CaseData, en *dossier.RegisterEntry, copyNo, operator string, at time.Time) (*pdf.Pages, *pdf.Document, error) {
	d := *cd
	if en != nil {
		d.Issue = pdf.Issue{Number: pdf.DocNumber{Code: en.Code, Year: en.Year, Serial: en.Serial}, CopyNumber: copyNo, Date: en.Date}
	} else {
		d.Issue = pdf.Issue{Date: model.DateOf(at)}
	}
	doc, err := tm.Execute(d.Map())
	if err != nil {
		return nil, nil, err
	}
	if doc.Secret != "" && copyNo != "" {
		doc.Watermark = pdf.WatermarkText(operator, fmt.Sprintf("%d年%d月%d日", at.Year(), int(at.Month()), at.Day()), copyNo)
	}
	pages, err := pdf.Layout(doc, nil)
	return pages, doc, err
}

// previewPages lays out a document of the case for the preview and draws
// its pages at dpi with the typesetter's raster backend. Nothing is
// registered and nothing is written.
func previewPages(v *store.Vault, caseID, template string, dpi float64, now time.Time) ([]image.Image, error) {
	var imgs []image.Image
	err := v.View(func(tx *store.Tx) error {
		cd, err := caseData(tx, caseID)
		if err != nil {
			return err
		}
		ts, err := templatesInForce(tx)
		if err != nil {
			return err
		}
		tm, err := pdf.FindTemplate(ts, template)
		if err != nil {
			return err
		}
		// A document already registered previews with its own 文号; a new
		// one with the office code and serial 0, the number being given
		// only when it is saved or printed.
		entries, err := dossier.RegisterEntries(tx, caseID)
		if err != nil {
			return err
		}
		en := &dossier.RegisterEntry{Code: cd.Settings.OfficeCode, Year: now.Year(), Date: model.DateOf(now)}
		for i := range entries {
			if entries[i].Template == tm.Name {
				en = &entries[i]
			}
		}
		pages, _, err := docLayout(tm, cd, en, "", "", now)
		if err != nil {
			return err
		}
		for i := range pages.Pages {
			img, err := pdf.RasterPage(pages, i, dpi)
			if err != nil {
				return err
			}
			imgs = append(imgs, img)
		}
		return nil
	})
	return imgs, err
}

// printedDoc is one registered copy: its PDF and its register data.
type printedDoc struct {
	PDF    []byte
	Number string // 文号, "" when the template prints none
	Copy   string // 份号
	SHA256 string
}

// printDocument registers one copy of a document in the register (a new
// 文号 on first issue, the next 份号, a print audit entry with the PDF's
// SHA-256) and returns it, as `doc render` does. write, when not nil,
// receives the PDF inside the transaction: if it fails nothing is kept.
func printDocument(v *store.Vault, caseID, template string, now time.Time, write func([]byte) error) (*printedDoc, error) {
	var out *printedDoc
	err := v.Update(func(tx *store.Tx) error {
		cd, err := caseData(tx, caseID)
		if err != nil {
			return err
		}
		ts, err := templatesInForce(tx)
		if err != nil {
			return err
		}
		tm, err := pdf.FindTemplate(ts, template)
		if err != nil {
			return err
		}
		req := dossier.PrintRequest{Key: dossier.DocKey{DossierID: caseID, Template: tm.Name, SubjectID: cd.Subject},
			Numbered: tm.Uses("doc.serial"), Date: model.DateOf(now), Copies: 1, By: v.Actor(), At: now}
		entry, rs, err := dossier.Print(tx, req, func(en *dossier.RegisterEntry, copyNo string) (dossier.Rendered, error) {
			pages, doc, err := docLayout(tm, cd, en, copyNo, v.Actor(), now)
			if err != nil {
				return dossier.Rendered{}, err
			}
			var buf bytes.Buffer
			if err := pdf.WritePDF(&buf, pages); err != nil {
				return dossier.Rendered{}, err
			}
			secret := doc.Secret
			if secret != "" && doc.SecretTerm != "" {
				secret += "★" + doc.SecretTerm
			}
			return dossier.Rendered{PDF: buf.Bytes(), Secret: secret}, nil
		})
		if err != nil {
			return err
		}
		c := entry.Copies[len(entry.Copies)-1]
		out = &printedDoc{PDF: rs[0].PDF, Number: entry.Number, Copy: dossier.CopyNumber(c.Number), SHA256: c.SHA256}
		if write != nil {
			return write(rs[0].PDF)
		}
		return nil
	})
	return out, err
}
