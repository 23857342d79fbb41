// Package config knows where the program keeps its vault and its few
// non-secret preferences. It holds no Fyne code, so the CLI uses it too.
package config

import (
	"os"
	"path/filepath"
)

// AppID is the application identifier (also in FyneApp.toml).
const AppID = "org.qingfeng.dossiers"

// DefaultVaultDir is the vault directory used when --vault is not given:
// QINGFENG_VAULT if set, else "qingfeng/vault" under the user's data folder
// (%AppData% on Windows, ~/Library/Application Support on macOS,
// $XDG_DATA_HOME or ~/.local/share on Linux).
func DefaultVaultDir() string {
	if d := os.Getenv("QINGFENG_VAULT"); d != "" {
		return d
	}
	return filepath.Join(dataHome(), "qingfeng", "vault")
}

func dataHome() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return d
	}
	if d, err := os.UserConfigDir(); err == nil && (filepath.Base(d) != ".config") {
		return d // Windows %AppData%, macOS Application Support
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".local", "share")
	}
	return "."
}
