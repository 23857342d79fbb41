package app

import (
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// activityLayer wraps the window content and counts mouse movement over it
// as activity. Widgets that react to the pointer themselves (buttons, list
// rows) take those events; the layer gets the movement everywhere else, and
// the screens count taps, selections and typing through UI.touch.
type activityLayer struct {
	widget.BaseWidget
	content fyne.CanvasObject
	touch   func()
}

func newActivityLayer(content fyne.CanvasObject, touch func()) *activityLayer {
	l := &activityLayer{content: content, touch: touch}
	l.ExtendBaseWidget(l)
	return l
}

// CreateRenderer implements fyne.Widget.
func (l *activityLayer) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(l.content)
}

// MouseIn implements desktop.Hoverable.
func (l *activityLayer) MouseIn(*desktop.MouseEvent) { l.touch() }

// MouseMoved implements desktop.Hoverable.
func (l *activityLayer) MouseMoved(*desktop.MouseEvent) { l.touch() }

// MouseOut implements desktop.Hoverable.
func (l *activityLayer) MouseOut() {}

// idleWatch locks the window after a stretch without activity. Its
// goroutine only reads the clock and the last-activity time; the lock
// itself is done on the Fyne thread.
type idleWatch struct {
	last    atomic.Int64 // UnixNano of the last activity
	timeout atomic.Int64 // idle time allowed, in nanoseconds
	done    chan struct{}
}

// startIdle starts the idle lock of a session.
func (u *UI) startIdle(s *session) {
	w := &idleWatch{done: make(chan struct{})}
	w.last.Store(u.now().UnixNano())
	w.timeout.Store(int64(u.idleTimeout()))
	s.idle = w
	expire := func() {
		u.do(func() {
			if u.sess == s {
				u.Lock()
			}
		})
	}
	go w.run(u.idleTick, u.now, expire)
}

// run checks the clock every tick until the idle time has passed (then it
// calls expire once) or stop is called.
func (w *idleWatch) run(tick time.Duration, now func() time.Time, expire func()) {
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case <-w.done:
			return
		case <-t.C:
			if now().UnixNano()-w.last.Load() >= w.timeout.Load() {
				expire()
				return
			}
		}
	}
}

// stop ends the watch; safe to call once.
func (w *idleWatch) stop() { close(w.done) }

// touch notes activity: the idle lock starts counting again.
func (u *UI) touch() {
	if u.sess != nil {
		u.sess.idle.last.Store(u.now().UnixNano())
	}
}
