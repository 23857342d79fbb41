package cli

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"

	"qingfeng/store"
)

// passphrase returns QINGFENG_PASSPHRASE, or asks on the terminal without echo.
func passphrase(e *Env, prompt string) ([]byte, error) {
	return secret(e, "QINGFENG_PASSPHRASE", prompt)
}

// secret reads a secret from an environment variable or a no-echo prompt. On
// a non-terminal stdin it reads one line (for scripts that pipe it in).
func secret(e *Env, envVar, prompt string) ([]byte, error) {
	if p := e.Getenv(envVar); p != "" {
		return []byte(p), nil
	}
	fmt.Fprint(e.Stderr, prompt)
	defer fmt.Fprintln(e.Stderr)
	if f, ok := e.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		b, err := term.ReadPassword(int(f.Fd()))
		if err != nil {
			return nil, fmt.Errorf("failed to read passphrase: %w", err)
		}
		return b, nil
	}
	if e.lines == nil {
		e.lines = bufio.NewReader(e.Stdin)
	}
	line, err := e.lines.ReadString('\n')
	line = strings.TrimRight(line, "\r\n")
	if line == "" && err != nil {
		return nil, usageErr("no passphrase: set %s or type it at the prompt", envVar)
	}
	return []byte(line), nil
}

// openVault unlocks the vault named by --vault. The caller closes it.
func openVault(e *Env) (*store.Vault, error) {
	v, _, err := openVaultPass(e)
	return v, err
}

// openVaultPass is openVault that also returns the passphrase it used.
func openVaultPass(e *Env) (*store.Vault, []byte, error) {
	if !store.Exists(e.VaultDir) {
		return nil, nil, fmt.Errorf("%w: %s", store.ErrNoVault, e.VaultDir)
	}
	p, err := passphrase(e, "口令: ")
	if err != nil {
		return nil, nil, err
	}
	v, err := store.Open(e.VaultDir, p, e.Opts)
	return v, p, err
}
