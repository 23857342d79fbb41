package app

import (
	"cmp"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"qingfeng/casework"
	"qingfeng/store/model"
)

// trackedView is the 督办事项 section: every tracked item with its unit,
// kind, deadline and status, overdue ones first and flagged in red with the
// suggested next step, and a 回复 action per open item.
type trackedView struct {
	u *UI
	s *session

	items  []casework.Tracked // sorted: overdue first, then by deadline
	today  model.Date
	list   *widget.List
	count  *widget.Label
	status *widget.Label
	top    *fyne.Container // heading, count, status and column names
}

func newTrackedView(u *UI, s *session) *trackedView { return &trackedView{u: u, s: s} }

// trackedCols are the column headings of a row, in order.
var trackedCols = []string{"tracked.unit", "tracked.kind", "tracked.deadline", "tracked.status", "tracked.overdue", "tracked.next"}

func (v *trackedView) build() fyne.CanvasObject {
	head := extend(&widget.Label{Text: tr("nav.tracked"), SizeName: theme.SizeNameHeadingText})
	v.count = extend(&widget.Label{Text: tr("list.loading")})
	v.status = statusLabel()
	v.status.Hide()
	v.list = extend(&widget.List{Length: func() int { return len(v.items) }, CreateItem: v.createRow, UpdateItem: v.updateRow})
	cols := v.createRow().(*fyne.Container)
	hdr := cols.Objects[0].(*fyne.Container)
	for i, key := range trackedCols {
		hdr.Objects[i].(*widget.Label).SetText(tr(key))
		hdr.Objects[i].(*widget.Label).TextStyle = fyne.TextStyle{Bold: true}
	}
	cols.Objects[1].Hide()
	v.top = container.NewVBox(container.NewBorder(nil, nil, head, v.count), v.status, cols, widget.NewSeparator())
	v.reload()
	return container.NewBorder(v.top, nil, nil, nil, v.list)
}

// createRow is one line: the six columns and the 回复 button.
func (v *trackedView) createRow() fyne.CanvasObject {
	cells := make([]fyne.CanvasObject, len(trackedCols))
	for i := range cells {
		cells[i] = extend(&widget.Label{Truncation: fyne.TextTruncateEllipsis})
	}
	reply := extend(&widget.Button{Text: tr("tracked.reply"), Icon: theme.MailReplyIcon()})
	return container.NewBorder(nil, nil, nil, reply, container.NewGridWithColumns(len(cells), cells...))
}

func (v *trackedView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(v.items) {
		return
	}
	it := v.items[id]
	row := o.(*fyne.Container)
	cells := row.Objects[0].(*fyne.Container).Objects
	over := it.Overdue(v.today)
	flag, next := "", string(it.NextStep)
	if over {
		flag = tr("tracked.is_overdue")
		next = string(cmp.Or(it.NextStep, model.SuggestedNextStep(it.Kind)))
	}
	if it.Status != model.TrackedOpen {
		next = oneLine(it.Reply, 40)
		if it.Late() {
			flag = tr("tracked.late")
		}
	}
	texts := []string{it.Unit, string(it.Kind), dateText(it.Deadline), string(it.Status), flag, next}
	for i, c := range cells {
		l := c.(*widget.Label)
		l.Importance = widget.MediumImportance
		if over {
			l.Importance = widget.DangerImportance
		}
		l.SetText(texts[i])
	}
	b := row.Objects[1].(*widget.Button)
	b.OnTapped = func() { v.askReply(it.ID) }
	if it.Status == model.TrackedOpen {
		b.Enable()
	} else {
		b.Disable()
	}
}

// reload reads every tracked item off the Fyne thread (casework.Items, as
// `item list` does).
func (v *trackedView) reload() {
	w, today := v.u.caseWork(v.s), model.DateOf(v.u.now())
	var items []casework.Tracked
	v.u.inBackground(v.s, v.status, func() (err error) {
		items, err = w.Items()
		sortTracked(items, today)
		return err
	}, func() {
		v.items, v.today = items, today
		over := 0
		for i := range items {
			if items[i].Overdue(today) {
				over++
			}
		}
		v.count.SetText(trf("tracked.count", map[string]any{"N": len(items), "Overdue": over}))
		v.top.Refresh()
		v.list.Refresh()
	})
}

// sortTracked puts overdue items first, then open ones, each by deadline.
func sortTracked(items []casework.Tracked, today model.Date) {
	rank := func(it *model.TrackedItem) int {
		switch {
		case it.Overdue(today):
			return 0
		case it.Status == model.TrackedOpen:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(items, func(a, b casework.Tracked) int {
		return cmp.Or(cmp.Compare(rank(&a.TrackedItem), rank(&b.TrackedItem)), cmp.Compare(a.Deadline.String(), b.Deadline.String()))
	})
}

// askReply asks for the date and text of a unit's reply.
func (v *trackedView) askReply(id string) {
	v.u.touch()
	date := extend(&widget.Entry{Text: model.DateOf(v.u.now()).String()})
	text := extend(&widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord})
	text.SetMinRowsVisible(3)
	d := dialog.NewForm(tr("tracked.reply"), tr("dialog.ok"), tr("dialog.cancel"), []*widget.FormItem{
		widget.NewFormItem(tr("flow.date"), date), widget.NewFormItem(tr("tracked.reply_text"), text),
	}, func(ok bool) {
		if ok {
			v.reply(id, date.Text, text.Text)
		}
	}, v.u.win)
	d.Resize(fyne.NewSize(460, 280))
	d.Show()
}

// reply records the reply to the item as read (casework.ReplyItem, as
// `item reply` does) off the Fyne thread and reads the items again; an
// empty text is casework's to refuse.
func (v *trackedView) reply(id, date, text string) {
	on, err := model.ParseDate(strings.TrimSpace(date))
	if err != nil {
		showStatus(v.status, errText(errBadDate))
		return
	}
	w, rev := v.u.caseWork(v.s), v.rev(id)
	v.u.inBackground(v.s, v.status, func() error {
		_, err := w.ReplyItem(id, rev, on, text)
		return err
	}, v.reload)
}

// rev is the revision item id was read at (0 if it is not listed).
func (v *trackedView) rev(id string) uint64 {
	for i := range v.items {
		if v.items[i].ID == id {
			return v.items[i].Rev
		}
	}
	return 0
}
