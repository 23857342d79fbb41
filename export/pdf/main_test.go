package pdf

import (
	"os"
	"testing"
)

// TestMain pins DefaultFonts to the bundled fonts: no test result may
// depend on the official fonts a machine happens to have (LoadFonts is
// tested on folders of its own).
func TestMain(m *testing.M) {
	os.Setenv(FontDirsEnv, "")
	os.Exit(m.Run())
}
