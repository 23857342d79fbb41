package store

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// TestMain lets a test re-execute this binary as a child process: a second
// program holding the vault, or a writer that is killed at random moments.
func TestMain(m *testing.M) {
	switch os.Getenv("QF_TEST_CHILD") {
	case "hold":
		childHold(os.Getenv("QF_TEST_DIR"))
	case "writer":
		childWriter(os.Getenv("QF_TEST_DIR"), os.Getenv("QF_TEST_START"))
	default:
		os.Exit(m.Run())
	}
}

// childHold opens the vault, says "ready" and waits to be killed.
func childHold(dir string) {
	v, err := Open(dir, testPass, testOpts())
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	defer v.Close()
	fmt.Println("ready")
	time.Sleep(time.Minute)
	os.Exit(0)
}

// childWriter writes records (and now and then an attachment) as fast as it
// can and prints "ok <type> <id> <n>" after each commit returned.
func childWriter(dir, start string) {
	v, err := Open(dir, testPass, testOpts())
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	out := bufio.NewWriter(os.Stdout)
	fmt.Fprintln(out, "ready")
	out.Flush()
	for i := 0; ; i++ {
		n := start + "-" + fmt.Sprint(i)
		if i%13 == 3 {
			r, err := v.AddAttachment("附件"+n+".pdf", "", strings.NewReader(strings.Repeat("证据"+n, 20000)))
			if err != nil {
				fmt.Fprintln(out, "error", err)
				out.Flush()
				os.Exit(2)
			}
			fmt.Fprintln(out, "ok", r.Type, r.ID, n)
			out.Flush()
			continue
		}
		data, _ := json.Marshal(map[string]string{"title": "崩溃测试案卷" + n, "n": n})
		r := &Record{Type: "dossier", Data: data}
		if err := v.Update(func(tx *Tx) error { return tx.Put(r) }); err != nil {
			fmt.Fprintln(out, "error", err)
			out.Flush()
			os.Exit(2)
		}
		fmt.Fprintln(out, "ok", r.Type, r.ID, n)
		out.Flush()
	}
}
