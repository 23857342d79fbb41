// Command qfbbench measures bundle export and import on real files, for
// comparison with the age command on the same bytes (see the package
// README). It is a measuring tool, not part of the program.
//
//	qfbbench keygen DIR              write two test identities into DIR
//	qfbbench export DIR IN OUT HEX   WriteFile one attachment IN (SHA-256 HEX) to OUT
//	qfbbench write DIR IN OUT HEX    the same with Write: no fsync, no read-back
//	qfbbench verify DIR F            Open and Verify F
//
// keygen also writes DIR/receiver.agekey and DIR/receiver.recipient for
// the age command. Timings go to standard error.
package main

import (
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"qingfeng/export/bundle"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "qfbbench:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	switch {
	case len(args) == 2 && args[0] == "keygen":
		return keygen(args[1])
	case len(args) == 5 && (args[0] == "export" || args[0] == "write"):
		return export(args[0], args[1], args[2], args[3], args[4])
	case len(args) == 3 && args[0] == "verify":
		return verify(args[1], args[2])
	}
	return fmt.Errorf("usage: qfbbench keygen DIR | export|write DIR IN OUT SHA256HEX | verify DIR F")
}

func keygen(dir string) error {
	for _, name := range []string{"sender", "receiver"} {
		id, err := bundle.NewIdentity()
		if err != nil {
			return err
		}
		b, _ := id.MarshalBinary()
		if err := os.WriteFile(filepath.Join(dir, name+".id"), b, 0o600); err != nil {
			return err
		}
		if name == "receiver" {
			os.WriteFile(filepath.Join(dir, "receiver.agekey"), []byte(id.AgeSecretKey()+"\n"), 0o600)
			os.WriteFile(filepath.Join(dir, "receiver.recipient"), []byte(id.Recipient()+"\n"), 0o600)
		}
	}
	return nil
}

func loadID(dir, name string) (*bundle.Identity, error) {
	b, err := os.ReadFile(filepath.Join(dir, name+".id"))
	if err != nil {
		return nil, err
	}
	return bundle.ParseIdentity(b)
}

func export(mode, dir, in, out, sumHex string) error {
	sender, err := loadID(dir, "sender")
	if err != nil {
		return err
	}
	receiver, err := loadID(dir, "receiver")
	if err != nil {
		return err
	}
	st, err := os.Stat(in)
	if err != nil {
		return err
	}
	var sum [32]byte
	if _, err := hex.Decode(sum[:], []byte(sumHex)); err != nil {
		return err
	}
	e := bundle.Entry{Path: bundle.AttachmentPath(sum), Size: st.Size(), SHA256: sum,
		Open: func() (io.Reader, error) { return os.Open(in) }}
	opts := bundle.WriteOptions{Sender: sender, SenderName: "sender", To: []bundle.Contact{receiver.Contact("receiver")}}
	start := time.Now()
	if mode == "export" {
		_, err = bundle.WriteFile(out, []bundle.Entry{e}, opts)
	} else {
		err = write(out, e, opts)
	}
	report(mode, st.Size(), time.Since(start))
	return err
}

func write(out string, e bundle.Entry, opts bundle.WriteOptions) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if _, err := bundle.Write(f, []bundle.Entry{e}, opts); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func verify(dir, path string) error {
	sender, err := loadID(dir, "sender")
	if err != nil {
		return err
	}
	receiver, err := loadID(dir, "receiver")
	if err != nil {
		return err
	}
	start := time.Now()
	rc, err := bundle.OpenFile(path, bundle.ReadOptions{Identity: receiver, Contacts: []bundle.Contact{sender.Contact("sender")}})
	if err != nil {
		return err
	}
	defer rc.Close()
	err = rc.Verify()
	var total int64
	for _, e := range rc.Manifest().Entries {
		total += e.Size
	}
	report("verify", total, time.Since(start))
	return err
}

func report(what string, n int64, d time.Duration) {
	fmt.Fprintf(os.Stderr, "%s: %d bytes in %.2f s, %.0f MB/s\n", what, n, d.Seconds(), float64(n)/d.Seconds()/1e6)
}
