package app

import "fyne.io/fyne/v2/widget"

// inBackground runs work on its own goroutine, then returns to the Fyne
// thread: if the session s is no longer the open one (the vault was locked
// meanwhile) the result is dropped, decrypted values and all; otherwise an
// error is shown as one line in status, or status is cleared and done runs.
// Values work computes reach done through the closures; u.do orders them.
// status may be nil when work never fails (it hands its error to done).
func (u *UI) inBackground(s *session, status *widget.Label, work func() error, done func()) {
	go func() {
		err := work()
		u.do(func() {
			if u.sess != s {
				return
			}
			if err != nil {
				showStatus(status, errText(err))
				return
			}
			if status != nil {
				showStatus(status, "")
			}
			done()
		})
	}()
}
