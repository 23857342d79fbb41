// Package cli implements the qingfeng command-line verbs. It holds no Fyne
// code: tests, scripts and administrators drive the vault through it, and the
// same binary opens the window when no verb is given.
package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"qingfeng/app/config"
	"qingfeng/app/msg"
	"qingfeng/store"
)

// Env is what a verb may touch: its streams and the environment. Tests pass
// buffers; main passes the process's own.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	VaultDir       string         // from --vault, else config.DefaultVaultDir()
	Opts           *store.Options // nil for the defaults; tests set a fast KDF

	lines *bufio.Reader // Stdin, buffered once for prompted lines
}

// verb is one command: its usage line and its function.
type verb struct {
	usage string
	run   func(e *Env, args []string) error
}

var verbs = map[string]verb{}

func register(name, usage string, run func(*Env, []string) error) {
	verbs[name] = verb{usage: usage, run: run}
}

// errUsage marks a mistake in the command line; it is printed with the usage.
var errUsage = errors.New("usage")

func usageErr(format string, a ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, a...))
}

// IsVerb reports whether args (without the program name) name a CLI verb,
// possibly after --vault DIR. Anything else opens the window.
func IsVerb(args []string) bool {
	_, rest := splitVault(args)
	if len(rest) == 0 {
		return false
	}
	_, ok := verbs[rest[0]]
	return ok || rest[0] == "help" || rest[0] == "--help" || rest[0] == "-h"
}

// VaultArg returns the vault directory named by --vault in args, or the default.
func VaultArg(args []string) string {
	d, _ := splitVault(args)
	return d
}

// splitVault takes a leading --vault DIR (or --vault=DIR) off args.
func splitVault(args []string) (string, []string) {
	dir := config.DefaultVaultDir()
	for len(args) > 0 {
		switch {
		case args[0] == "--vault" && len(args) > 1:
			dir, args = args[1], args[2:]
		case strings.HasPrefix(args[0], "--vault="):
			dir, args = strings.TrimPrefix(args[0], "--vault="), args[1:]
		default:
			return dir, args
		}
	}
	return dir, args
}

// Run executes one verb and returns the process exit status: 0 on success,
// 1 when the work failed, 2 for a mistake in the command line. Errors are
// printed to Stderr as one line.
func Run(args []string, e *Env) int {
	if e.Getenv == nil {
		e.Getenv = os.Getenv
	}
	dir, rest := splitVault(args)
	if e.VaultDir == "" {
		e.VaultDir = dir
	}
	if len(rest) == 0 || rest[0] == "help" || rest[0] == "--help" || rest[0] == "-h" {
		printUsage(e.Stdout)
		return 0
	}
	v, ok := verbs[rest[0]]
	if !ok {
		fmt.Fprintf(e.Stderr, "qingfeng: 未知命令 %q（unknown verb）；运行 qingfeng help 查看全部命令\n", rest[0])
		return 2
	}
	err := v.run(e, rest[1:])
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(e.Stderr, "qingfeng %s: %s\n用法: qingfeng %s\n", rest[0], strings.TrimPrefix(err.Error(), "usage: "), v.usage)
		return 2
	default:
		fmt.Fprintf(e.Stderr, "qingfeng %s: %s\n", rest[0], msg.Text(err))
		return 1
	}
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "清风案卷 qingfeng — 离线纪检监察案卷管理\n\n用法: qingfeng [--vault 目录] <命令> ...（不带命令则打开窗口）\n口令: 环境变量 QINGFENG_PASSPHRASE，否则在终端提示输入（不回显）\n\n命令:")
	names := make([]string, 0, len(verbs))
	for n := range verbs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %s\n", verbs[n].usage)
	}
}

// newFlags returns a flag set that reports mistakes as errUsage, not exits.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses flags, allowing them before and after positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageErr("%v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos, args = append(pos, args[0]), args[1:]
	}
}
