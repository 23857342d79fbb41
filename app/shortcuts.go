package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Keyboard shortcuts (Ctrl on Linux and Windows, Cmd on macOS).
var (
	lockShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}
	findShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	newShortcut  = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
)

// menuItems are the main-menu entries whose state changes with the session.
type menuItems struct {
	lock, find, newLead *fyne.MenuItem
}

// installShortcuts registers the shortcuts on the canvas (used when no
// widget has the focus) and in the main menu (which the driver consults
// first, so they work inside a text field too), and counts typing on the
// bare canvas as activity.
func (u *UI) installShortcuts() {
	c := u.win.Canvas()
	c.AddShortcut(lockShortcut, u.lockShortcut)
	c.AddShortcut(findShortcut, u.findShortcut)
	c.AddShortcut(newShortcut, func(fyne.Shortcut) { u.newLead() })
	c.SetOnTypedKey(u.typedKey)
	c.SetOnTypedRune(u.typedRune)
	u.buildMenu()
}

// buildMenu (re)creates the main menu in the current language.
func (u *UI) buildMenu() {
	u.menu = &menuItems{
		lock:    &fyne.MenuItem{Label: tr("menu.lock"), Shortcut: lockShortcut, Action: u.Lock, Disabled: u.sess == nil},
		find:    &fyne.MenuItem{Label: tr("menu.find"), Shortcut: findShortcut, Action: u.focusSearch},
		newLead: &fyne.MenuItem{Label: tr("newlead.title"), Shortcut: newShortcut, Action: func() { u.newLead() }},
	}
	u.win.SetMainMenu(fyne.NewMainMenu(
		fyne.NewMenu(tr("menu.vault"), u.menu.lock, u.menu.newLead),
		fyne.NewMenu(tr("menu.view"), u.menu.find),
	))
}

func (u *UI) lockShortcut(fyne.Shortcut) { u.Lock() }

func (u *UI) findShortcut(fyne.Shortcut) { u.focusSearch() }

func (u *UI) typedKey(*fyne.KeyEvent) { u.touch() }

func (u *UI) typedRune(rune) { u.touch() }

// focusSearch puts the cursor in the search field of the list on screen,
// switching to 案件 if the current section has none.
func (u *UI) focusSearch() {
	u.touch()
	if u.sess == nil {
		return
	}
	u.sess.main.focusSearch()
}

// newLead opens the 新建线索 form over the unlocked window (Ctrl+N).
func (u *UI) newLead() *newLeadForm {
	u.touch()
	if u.sess == nil {
		return nil
	}
	return u.sess.main.newLead()
}
