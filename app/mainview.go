package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"qingfeng/casework"
	"qingfeng/store/model"
)

// Sections of the side navigation, in order.
const (
	secDashboard = iota
	secLeads
	secCases
	secTracked
	secDocuments
	secHandoff
	secAudit
	secSettings
	sectionCount
)

// sectionInfo names a section and its icon.
// (Icons are named, not resolved, here: resolving needs a running app,
// and the command line imports this package without one.)
var sectionInfo = [sectionCount]struct {
	key  string
	icon fyne.ThemeIconName
}{
	{"nav.dashboard", theme.IconNameHome},
	{"nav.leads", theme.IconNameList},
	{"nav.cases", theme.IconNameFolder},
	{"nav.tracked", theme.IconNameHistory},
	{"nav.documents", theme.IconNameDocument},
	{"nav.handoff", theme.IconNameMailSend},
	{"nav.audit", theme.IconNameVisibility},
	{"nav.settings", theme.IconNameSettings},
}

// Record types shown by the two list sections. "dossier" is the generic
// record kept until the case model is wired in.
var (
	leadTypes = []string{"lead"}
	caseTypes = []string{"dossier", "case"}
)

// mainView is the unlocked window: side navigation on the left, the chosen
// section on the right. Sections are built when first shown and kept for
// the session; Lock drops them all.
type mainView struct {
	u     *UI
	s     *session
	nav   *widget.List
	body  *fyne.Container
	built [sectionCount]fyne.CanvasObject
	cur   int
	leads *recordList
	cases *recordList
	audit *auditView
	dash  *dashboard

	tracked  *trackedView
	settings *settingsView
	handoff  *handoffView
	leadForm *newLeadForm // the 新建线索 form shown last
}

func newMainView(u *UI, s *session) *mainView {
	m := &mainView{u: u, s: s, cur: -1}
	m.body = container.NewStack()
	m.nav = extend(&widget.List{Length: m.navLength, CreateItem: m.navCreate, UpdateItem: m.navUpdate, OnSelected: m.navSelected})
	m.nav.Select(secDashboard)
	return m
}

// content is the window content of the main view.
func (m *mainView) content() fyne.CanvasObject {
	lock := extend(&widget.Button{Text: tr("main.lock"), Icon: theme.LogoutIcon(), OnTapped: m.u.Lock})
	who := hint(trf("main.actor", map[string]any{"Actor": m.s.vault.Actor()}))
	left := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), who, lock), nil, nil, m.nav)
	return container.NewBorder(nil, nil, container.NewHBox(withWidth(150, left), widget.NewSeparator()), nil, m.body)
}

func (m *mainView) navLength() int { return sectionCount }

func (m *mainView) navCreate() fyne.CanvasObject {
	return container.NewHBox(widget.NewIcon(nil), widget.NewLabel(""))
}

func (m *mainView) navUpdate(id widget.ListItemID, o fyne.CanvasObject) {
	row := o.(*fyne.Container)
	row.Objects[0].(*widget.Icon).SetResource(theme.Icon(sectionInfo[id].icon))
	row.Objects[1].(*widget.Label).SetText(tr(sectionInfo[id].key))
}

func (m *mainView) navSelected(id widget.ListItemID) {
	m.u.touch()
	m.show(id)
}

// show makes a section current, building it on first use.
func (m *mainView) show(id int) {
	if id == m.cur {
		return
	}
	if m.built[id] == nil {
		m.built[id] = m.build(id)
	}
	m.cur = id
	m.body.Objects = []fyne.CanvasObject{m.built[id]}
	m.body.Refresh()
}

// build makes the content of a section.
func (m *mainView) build(id int) fyne.CanvasObject {
	switch id {
	case secDashboard:
		m.dash = newDashboard(m.u, m.s)
		return m.dash.build()
	case secLeads:
		m.leads = newRecordList(m.u, m.s, tr("nav.leads"), leadTypes)
		m.leads.onNew, m.leads.newText = func() { m.newLead() }, tr("newlead.title")
		return m.leads.build()
	case secCases:
		m.cases = newRecordList(m.u, m.s, tr("nav.cases"), caseTypes)
		return m.cases.build()
	case secTracked:
		m.tracked = newTrackedView(m.u, m.s)
		return m.tracked.build()
	case secHandoff:
		m.handoff = newHandoffView(m.u, m.s)
		return m.handoff.build()
	case secAudit:
		m.audit = newAuditView(m.u, m.s)
		return m.audit.build()
	case secSettings:
		m.settings = newSettingsView(m.u, m.s)
		return m.settings.build()
	}
	return laterSection(tr(sectionInfo[id].key))
}

// focusSearch focuses the search field of the current list section, or of
// 案件 when the current section is not a list.
func (m *mainView) focusSearch() {
	if m.cur != secLeads && m.cur != secCases {
		m.nav.Select(secCases)
	}
	l := m.cases
	if m.cur == secLeads {
		l = m.leads
	}
	l.focusSearch()
}

// drop forgets every section (called by Lock): timers stop, loaded rows
// and open dossiers are released, the widgets are detached.
func (m *mainView) drop() {
	for _, l := range []*recordList{m.leads, m.cases} {
		if l != nil {
			l.drop()
		}
	}
	if m.audit != nil {
		m.audit.drop()
	}
	if m.tracked != nil {
		m.tracked.items = nil
	}
	m.built = [sectionCount]fyne.CanvasObject{}
	m.body.Objects = nil
}

// laterSection is the content of a section that a later version provides.
func laterSection(name string) fyne.CanvasObject {
	head := extend(&widget.Label{Text: name, SizeName: theme.SizeNameHeadingText})
	return container.NewBorder(head, nil, nil, nil,
		container.NewCenter(extend(&widget.Label{Text: tr("main.later")})))
}

// openRecord shows a record in its own tab of 线索台账 (leads) or 案件.
func (m *mainView) openRecord(typ, id string) {
	sec := secCases
	if typ == "lead" {
		sec = secLeads
	}
	m.nav.Select(sec)
	m.show(sec)
	l := m.cases
	if sec == secLeads {
		l = m.leads
	}
	l.openRecord(typ, id)
}

// openDeadline opens the record a deadline belongs to; a tracked item
// opens its case (or its lead): casework.DeadlineRecord, off the Fyne
// thread.
func (m *mainView) openDeadline(dl model.Deadline) {
	if dl.Record != model.TypeTrackedItem {
		m.openRecord(dl.Record, dl.RecordID)
		return
	}
	var typ, id string
	v := m.s.vault
	m.u.inBackground(m.s, nil, func() error {
		typ, id = casework.New(v).DeadlineRecord(dl)
		return nil
	}, func() { m.openRecord(typ, id) })
}

// activeCase is the case tab in front, or nil.
func (m *mainView) activeCase() *caseTab {
	if m.cur != secCases || m.cases == nil {
		return nil
	}
	sel := m.cases.tabs.Selected()
	for _, t := range m.cases.cases {
		if t.item == sel {
			return t
		}
	}
	return nil
}
