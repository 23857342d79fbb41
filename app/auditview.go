package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"qingfeng/casework"
	"qingfeng/store"
)

// auditActions are the actions the filter offers, in the store's words.
var auditActions = []string{
	store.ActionCreateVault, store.ActionUnlock, store.ActionUnlockFailed, store.ActionPasswd,
	store.ActionCreate, store.ActionEdit, store.ActionDelete, store.ActionView, store.ActionSearch,
	store.ActionPrint, store.ActionExport, store.ActionImport, store.ActionBackup, store.ActionRestore,
	store.ActionSaveCopy,
}

// auditRow is one audit entry as the list shows it.
type auditRow struct {
	seq    uint64
	time   string
	actor  string
	action string // the store's action name; shown translated
	record string // "type/id" or empty
	name   string // the record's 编号 and title, or empty
	detail string // readable: JSON written out as "key: value"
}

// recordText is what the 记录 column shows: the record's name, then its
// type/id.
func (r *auditRow) recordText() string {
	if r.name == "" {
		return r.record
	}
	return r.name + "（" + r.record + "）"
}

// Columns of the audit list.
var (
	auditColumnKeys   = []string{"audit.col.seq", "audit.col.time", "audit.col.actor", "audit.col.action", "audit.col.record", "audit.col.detail"}
	auditColumnWidths = []float32{70, 180, 100, 130, 250, 200}
)

// auditView is the 审计日志 section: the trail newest first, filtered by
// action and by text, and a button that verifies the hash chain.
type auditView struct {
	u *UI
	s *session

	rows   []auditRow
	view   []int
	action string // filter: "" for every action
	text   string // filter: substring of actor, record or detail

	actions  *widget.Select
	filter   *widget.Entry
	count    *widget.Label
	bar      *fyne.Container // filters and count
	status   *widget.Label
	table    *widget.Table
	verify   *widget.Button
	reload   *widget.Button
	verdict  *widget.Label
	problems *widget.Label
	progress *widget.ProgressBarInfinite
}

func newAuditView(u *UI, s *session) *auditView { return &auditView{u: u, s: s} }

// build makes the section and starts loading the trail.
func (a *auditView) build() fyne.CanvasObject {
	a.actions = extend(&widget.Select{Options: a.actionOptions(), OnChanged: a.actionChosen})
	a.actions.SetSelectedIndex(0)
	a.filter = extend(&widget.Entry{PlaceHolder: tr("audit.filter"), OnChanged: a.textChanged})
	a.count = extend(&widget.Label{Text: tr("list.loading")})
	a.status = statusLabel()
	a.status.Hide()
	a.table = extend(&widget.Table{Length: a.length, CreateCell: a.createCell, UpdateCell: a.updateCell,
		ShowHeaderRow: true, CreateHeader: a.createHeader, UpdateHeader: a.updateHeader})
	for c, w := range auditColumnWidths {
		a.table.SetColumnWidth(c, w)
	}
	a.verify = extend(&widget.Button{Text: tr("audit.verify"), Icon: theme.ConfirmIcon(), OnTapped: a.startVerify})
	a.reload = extend(&widget.Button{Text: tr("audit.reload"), Icon: theme.ViewRefreshIcon(), OnTapped: a.startLoad})
	a.verdict = extend(&widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}})
	a.problems = hint("")
	a.progress = widget.NewProgressBarInfinite()
	a.progress.Hide()
	a.progress.Stop()
	head := extend(&widget.Label{Text: tr("nav.audit"), SizeName: theme.SizeNameHeadingText})
	a.bar = container.NewBorder(nil, nil, withWidth(160, a.actions), a.count, a.filter)
	verify := container.NewVBox(container.NewHBox(a.verify, a.reload), a.progress, a.verdict, a.problems)
	a.startLoad()
	return container.NewBorder(container.NewVBox(head, a.bar, a.status), verify, nil, nil, a.table)
}

// actionOptions are the filter choices: every action, then each one.
func (a *auditView) actionOptions() []string {
	opts := []string{tr("audit.all")}
	for _, act := range auditActions {
		opts = append(opts, actionLabel(act))
	}
	return opts
}

// actionLabel names an audit action in the current language.
func actionLabel(action string) string {
	if slices.Contains(auditActions, action) {
		return tr("audit.action." + action)
	}
	return action
}

// startLoad reads the trail again (entries are added while one works),
// off the Fyne thread (casework.AuditTrail).
func (a *auditView) startLoad() {
	a.u.touch()
	a.reload.Disable()
	var rows []auditRow
	var err error
	ctx, v := a.s.ctx, a.s.vault
	a.u.inBackground(a.s, nil, func() error {
		var lines []casework.AuditLine
		lines, err = casework.New(v).AuditTrail(ctx)
		rows = make([]auditRow, len(lines))
		for i := range lines {
			rows[len(lines)-1-i] = auditRowOf(&lines[i]) // newest first
		}
		return nil
	}, func() { a.loaded(rows, err) })
}

// auditRowOf keeps what the list shows of an entry.
func auditRowOf(l *casework.AuditLine) auditRow {
	r := auditRow{seq: l.Seq, time: l.Time.Local().Format("2006-01-02 15:04:05"),
		actor: l.Actor, action: l.Action, name: l.Name, detail: l.Text}
	if l.Type != "" || l.ID != "" {
		r.record = l.Type + "/" + l.ID
	}
	return r
}

// loaded shows the trail (or the error that stopped it) and filters it.
func (a *auditView) loaded(rows []auditRow, err error) {
	a.rows = rows
	a.reload.Enable()
	if err != nil {
		showStatus(a.status, errText(err))
	}
	a.apply()
}

func (a *auditView) actionChosen(string) {
	a.u.touch()
	a.action = ""
	if i := a.actions.SelectedIndex(); i > 0 {
		a.action = auditActions[i-1]
	}
	a.apply()
}

func (a *auditView) textChanged(s string) {
	a.u.touch()
	a.text = strings.TrimSpace(s)
	a.apply()
}

// apply filters the rows and redraws the list.
func (a *auditView) apply() {
	if a.table == nil {
		return
	}
	a.view = a.view[:0]
	for i := range a.rows {
		if a.matches(&a.rows[i]) {
			a.view = append(a.view, i)
		}
	}
	a.count.SetText(trf("audit.count", map[string]any{"N": len(a.view), "Total": len(a.rows)}))
	a.bar.Refresh()
	a.table.Refresh()
	a.table.ScrollToTop()
}

// matches applies the two filters to a row.
func (a *auditView) matches(r *auditRow) bool {
	if a.action != "" && r.action != a.action {
		return false
	}
	if a.text == "" {
		return true
	}
	return strings.Contains(r.actor, a.text) || strings.Contains(r.record, a.text) || strings.Contains(r.name, a.text) ||
		strings.Contains(r.detail, a.text) || strings.Contains(r.time, a.text)
}

func (a *auditView) length() (int, int) { return len(a.view), len(auditColumnKeys) }

func (a *auditView) createCell() fyne.CanvasObject {
	return newTextCell(nil)
}

func (a *auditView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row < 0 || id.Row >= len(a.view) {
		o.(*textCell).SetText("")
		return
	}
	r := &a.rows[a.view[id.Row]]
	cells := []string{fmt.Sprint(r.seq), r.time, r.actor, actionLabel(r.action), r.recordText(), r.detail}
	o.(*textCell).SetFitted(cells[id.Col], a.u.theme)
}

func (a *auditView) createHeader() fyne.CanvasObject {
	return extend(&widget.Label{TextStyle: fyne.TextStyle{Bold: true}})
}

func (a *auditView) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Col >= 0 {
		o.(*widget.Label).SetText(tr(auditColumnKeys[id.Col]))
	}
}

// startVerify walks the whole chain on a goroutine.
func (a *auditView) startVerify() {
	a.u.touch()
	a.verify.Disable()
	a.verdict.SetText("")
	a.problems.SetText("")
	a.progress.Show()
	a.progress.Start()
	var n int
	var probs []store.Problem
	var err error
	v := a.s.vault
	a.u.inBackground(a.s, nil, func() error {
		n, probs, err = casework.New(v).VerifyAudit()
		return nil
	}, func() { a.verified(n, probs, err) })
}

// verified shows the verdict: intact, or broken with every problem found.
func (a *auditView) verified(n int, probs []store.Problem, err error) {
	a.progress.Stop()
	a.progress.Hide()
	a.verify.Enable()
	switch {
	case err != nil:
		a.verdict.Importance = widget.DangerImportance
		a.verdict.SetText(errText(err))
	case len(probs) == 0:
		a.verdict.Importance = widget.SuccessImportance
		a.verdict.SetText(trf("audit.intact", map[string]any{"N": n}))
	default:
		a.verdict.Importance = widget.DangerImportance
		a.verdict.SetText(trf("audit.broken", map[string]any{"N": n, "K": len(probs)}))
		lines := make([]string, len(probs))
		for i, p := range probs {
			lines[i] = "· " + p.What
		}
		a.problems.SetText(strings.Join(lines, "\n"))
	}
}

// drop releases the loaded trail (called by Lock).
func (a *auditView) drop() { a.rows, a.view = nil, nil }
