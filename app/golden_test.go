package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"qingfeng/store"
)

// Golden images, drawn by Fyne's software painter with the bundled fonts
// only, so they match on every machine. After an intended change of look,
// copy testdata/failed/<name>.png over testdata/<name>.png.

// TestGoldenUnlockScreen draws the unlock screen in the light theme.
func TestGoldenUnlockScreen(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefTheme, themeLight)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(900, 640))
	u := NewUI(a, w, "/srv/qingfeng/vault") // no vault there: the unlock screen is shown directly
	u.showUnlock()
	test.AssertRendersToImage(t, "unlock.png", w.Canvas())
}

// TestGoldenDossierView draws a dossier tab, with a rare name drawn from
// the bundled 楷体 and a nested object flattened.
func TestGoldenDossierView(t *testing.T) {
	a := test.NewTempApp(t)
	th := newAppTheme(themeLight)
	a.Settings().SetTheme(th)
	rec := &store.Record{Type: "dossier", ID: "0123456789abcdef", Rev: 3, Machine: "fedcba9876543210",
		Modified: time.Date(2026, 3, 2, 9, 30, 0, 0, time.Local),
		Data: []byte(`{"number":"QF〔2026〕12号","title":"关于欧阳𠮷喆违规收受礼金问题的线索","subject":"欧阳𠮷喆",` +
			`"unit":"某市住房和城乡建设局","stage":"初核","handler":"张䶮",` +
			`"summary":"反映欧阳𠮷喆在项目审批中多次收受购物卡，共计12万元。","reporter":{"name":"匿名","real_name":false}}`)}
	w := test.NewTempWindow(t, recordView(rec))
	w.Resize(fyne.NewSize(760, 640))
	test.AssertRendersToImage(t, "dossier.png", w.Canvas())
}
