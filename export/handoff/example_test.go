package handoff_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"qingfeng/export/bundle"
	"qingfeng/export/handoff"
	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// openVault creates a vault in a new directory under root with a handoff
// identity named name. FastKDF keeps the example quick; the program
// calibrates the key derivation instead.
func openVault(root, name string) *store.Vault {
	kdf := store.FastKDF()
	opts := &store.Options{Actor: "承办人", KDF: &kdf, Sleep: func(time.Duration) {}}
	v, _, err := store.Create(filepath.Join(root, name), []byte("example passphrase"), opts)
	if err != nil {
		log.Fatal(err)
	}
	if err := v.Update(func(tx *store.Tx) error { _, err := handoff.Keygen(tx, name, false); return err }); err != nil {
		log.Fatal(err)
	}
	return v
}

// contactOf returns the public contact of v's identity: the line its
// owner reads out or hands over in the key exchange.
func contactOf(v *store.Vault) bundle.Contact {
	var c bundle.Contact
	err := v.View(func(tx *store.Tx) error {
		s, err := handoff.LoadSelf(tx)
		if err == nil {
			c = s.Contact()
		}
		return err
	})
	if err != nil {
		log.Fatal(err)
	}
	return c
}

// printCounts prints an import report's counts in a fixed order.
func printCounts(rep *handoff.Report) {
	var parts []string
	for r, n := range rep.Counts {
		parts = append(parts, fmt.Sprintf("%s=%d", r, n))
	}
	slices.Sort(parts)
	fmt.Println(" records:", strings.Join(parts, " "))
	fmt.Println(" attachment content written:", rep.ContentWritten, "already present:", rep.ContentPresent)
	fmt.Println(" audit entries imported:", rep.AuditImported, "known before:", rep.AuditKnown)
}

// Example exports one case from the vault of 甲 and imports it twice into
// the vault of 乙: the second import of the same bundle changes nothing.
func Example() {
	root, err := os.MkdirTemp("", "qingfeng-handoff-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(root)
	a, b := openVault(root, "甲"), openVault(root, "乙")
	defer a.Close()
	defer b.Close()

	// The key exchange: each vault adds the other's contact line.
	ca, cb := contactOf(a), contactOf(b)
	if err := a.Update(func(tx *store.Tx) error { return handoff.AddContact(tx, cb) }); err != nil {
		log.Fatal(err)
	}
	if err := b.Update(func(tx *store.Tx) error { return handoff.AddContact(tx, ca) }); err != nil {
		log.Fatal(err)
	}

	// In 甲: a subject, a lead about them and the case opened on it.
	var caseID string
	err = a.Update(func(tx *store.Tx) error {
		s := &model.Subject{Name: "王某某", Unit: "某县财政局"}
		if err := dossier.AddSubject(tx, s); err != nil {
			return err
		}
		l := &model.Lead{Source: model.SourcePetition, Received: model.MustDate("2024-03-01"),
			Summary: "反映王某某违规收受礼金", Category: model.CategoryIntegrity, SubjectIDs: []string{s.ID}}
		if err := dossier.AddLead(tx, l, "登记员"); err != nil {
			return err
		}
		c, err := dossier.OpenCase(tx, l.ID, model.CaseKinds[0], model.MustDate("2024-03-05"), "承办人")
		if err != nil {
			return err
		}
		caseID = c.ID
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := a.AddAttachment("情况说明.txt", "case/"+caseID, strings.NewReader("情况说明：……")); err != nil {
		log.Fatal(err)
	}

	path := filepath.Join(root, "0305.qfb")
	ctx := context.Background()
	exp, err := handoff.Export(ctx, a, path, handoff.ExportOptions{Dossiers: []string{caseID}, To: []string{"乙"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("exported:", exp.Records, "records,", exp.Attachments, "attachment")

	for i := 1; i <= 2; i++ {
		rep, err := handoff.Import(ctx, b, path, handoff.ImportOptions{})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("import %d from %s:\n", i, rep.Sender)
		printCounts(rep)
	}
	var title string
	err = b.View(func(tx *store.Tx) error {
		c, err := dossier.GetCase(tx, caseID)
		if err == nil {
			l, lerr := dossier.GetLead(tx, c.LeadID)
			title, err = l.Summary, lerr
		}
		return err
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("in 乙:", title, "check ok:", b.Check().OK())
	// Output:
	// exported: 4 records, 1 attachment
	// import 1 from 甲:
	//  records: added=4
	//  attachment content written: 1 already present: 0
	//  audit entries imported: 5 known before: 0
	// import 2 from 甲:
	//  records: unchanged=4
	//  attachment content written: 0 already present: 1
	//  audit entries imported: 0 known before: 5
	// in 乙: 反映王某某违规收受礼金 check ok: true
}
