package app

import (
	"context"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"qingfeng/casework"
	"qingfeng/store"
)

// searchLimit is the most matches a search lists (newest first); the count
// shown says when there are more. The store decrypts every record it
// returns, so this bounds the work per keystroke (about 25 ms per 1,000
// records here).
const searchLimit = 1000

// recordList is the 线索台账 or 案件 section: a virtualised table of record
// summaries, sortable by any column, with search-as-you-type over the
// vault's index, and a tab for every record opened from it.
type recordList struct {
	u     *UI
	s     *session
	name  string
	types []string

	rows    []summary        // every loaded record, in load order
	index   map[string]int32 // "type/id" → position in rows
	view    []int32          // rows shown, in display order
	viewSeq int              // bumped whenever a new view is on its way
	sortCol int
	desc    bool
	loaded  bool

	query string
	seq   int // bumped on every keystroke; late search results are dropped
	timer *time.Timer

	search   *widget.Entry
	count    *widget.Label
	bar      *fyne.Container // search field and count
	status   *widget.Label
	progress *widget.ProgressBar
	table    *widget.Table
	tabs     *container.DocTabs
	listTab  *container.TabItem
	open     map[string]*container.TabItem
	cases    map[string]*caseTab // open case tabs by "case/id"
	leadTabs map[string]*leadTab // open lead tabs by "lead/id"

	// onNew, when set, adds a button beside the search field (新建线索).
	onNew   func()
	newText string
}

func newRecordList(u *UI, s *session, name string, types []string) *recordList {
	return &recordList{u: u, s: s, name: name, types: types, sortCol: colModified, desc: true,
		open: map[string]*container.TabItem{}, cases: map[string]*caseTab{}, leadTabs: map[string]*leadTab{}}
}

// build makes the section and starts loading its rows.
func (l *recordList) build() fyne.CanvasObject {
	l.search = extend(&widget.Entry{PlaceHolder: tr("list.search"), OnChanged: l.queryChanged})
	l.count = extend(&widget.Label{Text: tr("list.loading")})
	l.status = statusLabel()
	l.status.Hide()
	l.progress = extend(&widget.ProgressBar{})
	l.table = extend(&widget.Table{Length: l.length, CreateCell: l.createCell, UpdateCell: l.updateCell,
		OnSelected: l.selected, ShowHeaderRow: true, CreateHeader: l.createHeader, UpdateHeader: l.updateHeader})
	for c, w := range columnWidths {
		l.table.SetColumnWidth(c, w)
	}
	right := fyne.CanvasObject(l.count)
	if l.onNew != nil {
		right = container.NewHBox(l.count, extend(&widget.Button{Text: l.newText, Icon: theme.ContentAddIcon(), OnTapped: l.onNew}))
	}
	l.bar = container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), right, l.search)
	list := container.NewBorder(container.NewVBox(l.bar, l.progress, l.status), nil, nil, nil, l.table)
	l.listTab = container.NewTabItemWithIcon(l.name, theme.ListIcon(), list)
	l.tabs = container.NewDocTabs(l.listTab)
	l.tabs.CloseIntercept = l.closeTab
	l.s.cat.load(l.types, l.loadProgress, l.loadDone)
	return l.tabs
}

// loadProgress shows how many records have been read.
func (l *recordList) loadProgress(n, total int) {
	if total > 0 {
		l.progress.SetValue(float64(n) / float64(total))
	}
}

// loadDone receives the rows; a search typed meanwhile runs now.
func (l *recordList) loadDone(set *rowSet, err error) {
	l.progress.Hide()
	if err != nil {
		l.setStatus(errText(err))
		l.setCount("")
		return
	}
	l.rows, l.index = set.rows, set.index
	l.loaded = true
	l.setQuery(l.search.Text)
}

// setCount shows the count beside the search field, making room for it.
func (l *recordList) setCount(text string) {
	l.count.SetText(text)
	l.bar.Refresh()
}

// setStatus shows a one-line message above the table, or hides it.
func (l *recordList) setStatus(text string) { showStatus(l.status, text) }

// showAll lists every row in the current order.
func (l *recordList) showAll() {
	view := make([]int32, len(l.rows))
	for i := range view {
		view[i] = int32(i)
	}
	l.present(view, trf("list.count", map[string]any{"N": len(view)}))
}

// asyncSortMin is the length from which a view is sorted on a goroutine
// (sorting 100,000 rows by 编号 takes a few hundred milliseconds).
const asyncSortMin = 5000

// present sorts view by the sort column and then shows it with its count.
// Long views are sorted on a goroutine; the table keeps showing the old
// view until then, and a view superseded meanwhile is dropped.
func (l *recordList) present(view []int32, count string) {
	l.viewSeq++
	if len(view) < asyncSortMin {
		sortView(l.rows, view, l.sortCol, l.desc)
		l.show(view, count)
		return
	}
	seq, rows, col, desc := l.viewSeq, l.rows, l.sortCol, l.desc
	l.u.inBackground(l.s, nil, func() error { sortView(rows, view, col, desc); return nil }, func() {
		if seq == l.viewSeq {
			l.show(view, count)
		}
	})
}

// show makes view the rows of the table.
func (l *recordList) show(view []int32, count string) {
	l.view = view
	l.setCount(count)
	l.table.UnselectAll()
	l.table.Refresh()
	l.table.ScrollToTop()
}

// sortBy sorts by a column; choosing the same column again reverses it.
func (l *recordList) sortBy(col int) {
	l.u.touch()
	if col == l.sortCol {
		l.desc = !l.desc
	} else {
		l.sortCol, l.desc = col, col == colModified
	}
	l.present(slices.Clone(l.view), l.count.Text)
}

// queryChanged is called on every keystroke in the search field.
func (l *recordList) queryChanged(q string) {
	l.u.touch()
	l.setQuery(q)
}

// setQuery restarts the pause after which the search runs; an empty query
// lists every row at once.
func (l *recordList) setQuery(q string) {
	l.query = strings.TrimSpace(q)
	l.seq++
	if l.timer != nil {
		l.timer.Stop()
	}
	if !l.loaded {
		return // loadDone runs the query
	}
	if l.query == "" {
		l.setStatus("")
		l.showAll()
		return
	}
	l.startSearch()
}

// startSearch waits for the debounce pause, then runs the search if no
// key was pressed meanwhile.
func (l *recordList) startSearch() {
	u, seq := l.u, l.seq
	l.timer = time.AfterFunc(u.debounce, func() { u.do(func() { l.runSearch(seq) }) })
}

// runSearch searches, off the Fyne thread, for the query the typing
// settled on (seq is still the latest keystroke). casework.Search audits
// it: one entry per search the person makes, none per keystroke.
func (l *recordList) runSearch(seq int) {
	if l.u.sess != l.s || seq != l.seq {
		return
	}
	ctx, v, q, types := l.s.ctx, l.s.vault, l.query, l.types
	var keys []string
	var total int
	l.u.inBackground(l.s, l.status, func() (err error) {
		keys, total, err = searchKeys(ctx, v, q, types)
		return err
	}, func() { l.searched(seq, keys, total) })
}

// searchKeys searches the vault for q (casework.Search, audited) and
// returns the "type/id" keys of the first searchLimit matches that are of
// the given types, newest first, and the number of matches of every type.
func searchKeys(ctx context.Context, v *store.Vault, q string, types []string) (keys []string, total int, err error) {
	if ctx.Err() != nil {
		return nil, 0, ctx.Err()
	}
	res, err := casework.New(v).Search(q, searchLimit)
	if err != nil {
		return nil, 0, err
	}
	for _, r := range res.Records {
		if slices.Contains(types, r.Type) {
			keys = append(keys, r.Type+"/"+r.ID)
		}
	}
	total = res.Total
	if len(res.Records) == res.Total {
		total = len(keys) // complete: count only the types listed here
	}
	return keys, total, nil
}

// searched shows the rows matching the latest query.
func (l *recordList) searched(seq int, keys []string, total int) {
	if seq != l.seq {
		return
	}
	view := make([]int32, 0, len(keys))
	for _, k := range keys {
		if i, ok := l.index[k]; ok {
			view = append(view, i)
		}
	}
	text := trf("list.found", map[string]any{"N": len(view)})
	if total > len(keys) {
		text = trf("list.found_more", map[string]any{"N": len(view), "Total": total})
	}
	l.present(view, text)
}

func (l *recordList) length() (int, int) { return len(l.view), columnCount }

func (l *recordList) createCell() fyne.CanvasObject {
	return newTextCell(nil)
}

func (l *recordList) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row < 0 || id.Row >= len(l.view) {
		o.(*textCell).SetText("")
		return
	}
	o.(*textCell).SetFitted(l.rows[l.view[id.Row]].cell(id.Col), l.u.theme)
}

func (l *recordList) createHeader() fyne.CanvasObject {
	return extend(&widget.Button{Importance: widget.LowImportance, Alignment: widget.ButtonAlignLeading})
}

// updateHeader names a column; the sorted one carries an arrow.
func (l *recordList) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 {
		return
	}
	b.Icon = nil
	if id.Col == l.sortCol {
		b.Icon = theme.MoveUpIcon()
		if l.desc {
			b.Icon = theme.MoveDownIcon()
		}
	}
	col := id.Col
	b.OnTapped = func() { l.sortBy(col) }
	b.SetText(tr(columnKeys[col]))
}

// selected opens the record of the row chosen.
func (l *recordList) selected(id widget.TableCellID) {
	l.u.touch()
	if id.Row < 0 || id.Row >= len(l.view) {
		return
	}
	r := l.rows[l.view[id.Row]]
	l.table.UnselectAll()
	l.openRecord(r.typ, r.id)
}

// closeTab closes a record tab; the list tab stays.
func (l *recordList) closeTab(t *container.TabItem) {
	l.u.touch()
	if t == l.listTab {
		return
	}
	for k, o := range l.open {
		if o == t {
			delete(l.open, k)
			delete(l.cases, k)
			delete(l.leadTabs, k)
		}
	}
	l.tabs.Remove(t)
}

// focusSearch shows the list tab and puts the cursor in the search field.
func (l *recordList) focusSearch() {
	l.tabs.Select(l.listTab)
	l.u.win.Canvas().Focus(l.search)
}

// drop releases everything the list holds (called by Lock).
func (l *recordList) drop() {
	if l.timer != nil {
		l.timer.Stop()
	}
	l.rows, l.index, l.view, l.open, l.cases, l.leadTabs = nil, nil, nil, nil, nil, nil
	l.tabs.Items = nil
}
