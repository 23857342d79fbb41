package app

import (
	"fyne.io/fyne/v2/widget"

	"qingfeng/store"
)

// The window's off-thread work goes through the two functions of this file:
// inBackground for work on the open vault, opening for the work that opens
// one (unlock, recovery key, create). Lock itself closes the vault on a
// goroutine of its own (closeVault), which opening waits for.

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

// opening runs open (the key derivation of an unlock, recovery or create)
// on its own goroutine once the vault last locked has finished closing,
// then hands its result to done on the Fyne thread. If the window was
// closed meanwhile, the vault just opened is closed again and done is not
// called.
func (u *UI) opening(open func() (*store.Vault, error), done func(*store.Vault, error)) {
	wait := u.closing
	go func() {
		if wait != nil {
			<-wait
		}
		v, err := open()
		u.do(func() {
			if u.closed {
				if v != nil {
					u.closeVault(v)
				}
				return
			}
			done(v, err)
		})
	}()
}
