package store

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependenciesPointOneWay enforces the layering of design.md, with the
// case-work service between the front ends and the rest: app → casework →
// export → store. store/, export/ and casework/ never import Fyne or app/,
// export/ never imports casework/, and store/ never imports export/.
func TestDependenciesPointOneWay(t *testing.T) {
	for _, c := range []struct {
		pkgs      string
		forbidden []string
	}{
		{"qingfeng/store/...", []string{"fyne.io/", "qingfeng/app", "qingfeng/export"}},
		{"qingfeng/export/...", []string{"fyne.io/", "qingfeng/app", "qingfeng/casework"}},
		{"qingfeng/casework/...", []string{"fyne.io/", "qingfeng/app"}},
	} {
		out, err := exec.Command("go", "list", "-deps", c.pkgs).CombinedOutput()
		if err != nil {
			t.Fatalf("go list %s: %v\n%s", c.pkgs, err, out)
		}
		deps := strings.Fields(string(out))
		if len(deps) < 10 {
			t.Fatalf("go list gave only %v", deps)
		}
		for _, d := range deps {
			for _, f := range c.forbidden {
				if strings.HasPrefix(d, f) {
					t.Errorf("%s depends on %s", c.pkgs, d)
				}
			}
		}
	}
}
