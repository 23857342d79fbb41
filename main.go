// Command qingfeng is 清风案卷: with no verb it opens the window, with a verb
// it runs the command line (see `qingfeng help`). Wiring only.
package main

import (
	"os"

	"qingfeng/app"
	"qingfeng/app/cli"
)

func main() {
	args := os.Args[1:]
	if cli.IsVerb(args) {
		os.Exit(cli.Run(args, &cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}))
	}
	app.Run(cli.VaultArg(args))
}
