package app

import (
	"bytes"
	"encoding/json"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"qingfeng/export/handoff"
)

// conflictResolver shows one conflict: every field that differs with this
// vault's version and the other vault's side by side, and a choice per
// field. Saving assembles the record from the choices (fields that agree
// are kept) and ends the conflict with casework.ResolveWith, which checks
// the record and resolves it in one transaction.
type conflictResolver struct {
	h      *handoffView
	c      handoff.ConflictView
	pick   map[string]handoff.Side // field → side, for fields that differ
	radios map[string]*widget.RadioGroup
	status *widget.Label
	dlg    dialog.Dialog
	done   bool // resolved
}

// openResolver shows the resolver of a conflict in a dialog.
func (h *handoffView) openResolver(c handoff.ConflictView) *conflictResolver {
	h.u.touch()
	r := &conflictResolver{h: h, c: c, pick: map[string]handoff.Side{}, radios: map[string]*widget.RadioGroup{}}
	h.resolver = r
	r.status = statusLabel()
	r.status.Hide()
	local, remote := tr("handoff.local"), tr("handoff.remote")
	grid := container.NewGridWithColumns(4, subHead(tr("handoff.field")),
		subHead(trf("handoff.local_by", map[string]any{"Machine": c.Local.Machine, "When": c.Local.Modified.Local().Format("2006-01-02 15:04")})),
		subHead(trf("handoff.remote_by", map[string]any{"Machine": c.Remote.Machine, "When": c.Remote.Modified.Local().Format("2006-01-02 15:04")})),
		subHead(tr("handoff.keep")))
	for _, f := range c.Fields {
		if !f.Differs {
			continue
		}
		field := f.Field
		r.pick[field] = handoff.Local
		radio := extend(&widget.RadioGroup{Options: []string{local, remote}, Required: true, Horizontal: true})
		radio.SetSelected(local)
		radio.OnChanged = func(s string) {
			if s == remote {
				r.pick[field] = handoff.Remote
			} else {
				r.pick[field] = handoff.Local
			}
		}
		r.radios[field] = radio
		grid.Add(valueCell(fieldLabel([]string{field})))
		grid.Add(valueCell(rawText(f.Local)))
		grid.Add(valueCell(rawText(f.Remote)))
		grid.Add(radio)
	}
	save := extend(&widget.Button{Text: tr("handoff.save_merge"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: r.resolve})
	cancel := extend(&widget.Button{Text: tr("dialog.cancel"), Icon: theme.CancelIcon(), OnTapped: func() { r.dlg.Hide() }})
	title := trf("handoff.resolver_title", map[string]any{"Type": typeName(c.Type), "Label": c.Label})
	body := container.NewBorder(hint(tr("handoff.resolver_hint")), container.NewVBox(r.status, container.NewHBox(cancel, save)), nil, nil,
		container.NewVScroll(grid))
	r.dlg = dialog.NewCustomWithoutButtons(title, body, h.u.win)
	r.dlg.Resize(fyne.NewSize(900, 560))
	r.dlg.Show()
	return r
}

// choose picks a side for a field (what its radio buttons do).
func (r *conflictResolver) choose(field string, side handoff.Side) {
	if g, ok := r.radios[field]; ok {
		if side == handoff.Remote {
			g.SetSelected(tr("handoff.remote"))
		} else {
			g.SetSelected(tr("handoff.local"))
		}
	}
}

// rawText shows a JSON value: strings bare, absent fields as a dash, other
// values as compact JSON.
func rawText(m json.RawMessage) string {
	if len(m) == 0 || string(m) == "null" {
		return "—"
	}
	var s string
	if json.Unmarshal(m, &s) == nil {
		return s
	}
	var b bytes.Buffer
	if json.Compact(&b, m) == nil {
		return b.String()
	}
	return string(m)
}

// merged assembles the record: each field from the side chosen for it, a
// field absent on that side left out.
func (r *conflictResolver) merged() (json.RawMessage, error) {
	out := map[string]json.RawMessage{}
	for _, f := range r.c.Fields {
		v := f.Local
		if f.Differs && r.pick[f.Field] == handoff.Remote {
			v = f.Remote
		}
		if len(v) > 0 { // absent on the side chosen: left out
			out[f.Field] = v
		}
	}
	return json.Marshal(out)
}

// resolve saves the assembled record off the Fyne thread
// (casework.ResolveWith, one transaction).
func (r *conflictResolver) resolve() {
	h := r.h
	h.u.touch()
	data, err := r.merged()
	if err != nil {
		showStatus(r.status, errText(err))
		return
	}
	svc, typ, id := h.work(), r.c.Type, r.c.ID
	h.u.inBackground(h.s, r.status, func() error { return svc.ResolveWith(typ, id, data) }, func() {
		r.done = true
		r.dlg.Hide()
		showStatus(h.notice, trf("handoff.resolved", map[string]any{"Label": r.c.Label}))
		h.reload()
	})
}
