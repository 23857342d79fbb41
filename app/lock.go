package app

import "qingfeng/store"

// Lock closes the vault and drops every decrypted value from the window:
// the session (lists, caches, open dossiers, search text) is discarded,
// pop-ups are removed, Fyne's text caches are reset and the unlock screen
// replaces the whole content. It does nothing while locked.
func (u *UI) Lock() {
	s := u.sess
	if s == nil {
		return
	}
	u.sess = nil
	s.cancel()
	s.idle.stop()
	s.main.drop()
	s.main, s.cat = nil, nil
	// s.vault stays set: background jobs of this session may still be
	// reading it off the Fyne thread; once closed it answers every call
	// with store.ErrClosed and inBackground drops what they return.
	u.closeVault(s.vault)
	u.dismissOverlays()
	u.removePrintDir()
	u.app.Settings().SetTheme(u.theme) // re-applying the theme clears Fyne's text measurement cache
	u.menu.lock.Disabled = true
	u.win.MainMenu().Refresh()
	if !u.closed {
		u.showUnlock()
	}
}

// closeVault closes v on a goroutine (Close waits for running reads to
// finish, and they stop early once the session is cancelled). The next
// unlock waits for u.closing so the file lock is free again.
func (u *UI) closeVault(v *store.Vault) {
	prev, done := u.closing, make(chan struct{})
	u.closing = done
	go func() {
		if prev != nil {
			<-prev
		}
		v.Close()
		close(done)
	}()
}

// dismissOverlays removes every pop-up and dialog from the window.
func (u *UI) dismissOverlays() {
	ov := u.win.Canvas().Overlays()
	for o := ov.Top(); o != nil; o = ov.Top() {
		ov.Remove(o)
	}
}
