// Command qingfeng is 清风案卷: with no verb it opens the window, with a verb
// it runs the command line (see `qingfeng help`). Wiring only.
package main

import (
	"fmt"
	"os"

	_ "early.qingfeng/localefix" // before Fyne reads the locale: see its package comment

	"qingfeng/app"
	"qingfeng/app/cli"
	"qingfeng/app/msg"
)

func main() {
	args := os.Args[1:]
	if cli.IsVerb(args) {
		os.Exit(cli.Run(args, &cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}))
	}
	hideOwnConsole()
	if err := app.Run(cli.VaultArg(args)); err != nil {
		fmt.Fprintln(os.Stderr, msg.Text(err))
		os.Exit(1)
	}
}
