package handoff

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"qingfeng/export/bundle"
	"qingfeng/store"
)

// Record types of the keys. Both stay in the vault: they are never exported
// and a bundle carrying them is refused.
const (
	TypeIdentity = "identity" // the vault's own identity, id IdentityID
	TypeContact  = "contact"  // one per known sender, id = fingerprint in hex
	IdentityID   = "self"
)

// Self is the vault's own identity and the name it sends bundles under.
type Self struct {
	Name     string
	Identity *bundle.Identity
	Created  time.Time
}

// Contact returns the public half of the identity, the line handed to others.
func (s *Self) Contact() bundle.Contact { return s.Identity.Contact(s.Name) }

// identityData is the JSON of the identity record. The secret travels as an
// array of numbers, not a string: the store indexes every string of a record
// for search, and no n-gram of the secret key may reach the index.
type identityData struct {
	Name    string    `json:"name"`
	Secret  []int     `json:"secret"` // bundle.Identity.MarshalBinary, byte by byte
	Created time.Time `json:"created"`
}

// Keygen gives the vault a fresh identity named name, in the caller's
// transaction. An existing identity is kept (ErrIdentityExists) unless
// replace is true; bundles sent to a replaced key cannot be opened any more.
func Keygen(tx *store.Tx, name string, replace bool) (*Self, error) {
	old, err := tx.Get(TypeIdentity, IdentityID)
	switch {
	case err == nil && !replace:
		return nil, ErrIdentityExists
	case err != nil && !errors.Is(err, store.ErrNotFound):
		return nil, err
	}
	id, err := bundle.NewIdentity()
	if err != nil {
		return nil, err
	}
	self := &Self{Name: name, Identity: id, Created: time.Now().UTC().Truncate(time.Second)}
	if err := self.Contact().Validate(); err != nil {
		return nil, err
	}
	rec := &store.Record{Type: TypeIdentity, ID: IdentityID}
	if old != nil {
		rec.Rev = old.Rev
	}
	if rec.Data, err = self.marshal(); err != nil {
		return nil, err
	}
	return self, tx.Put(rec)
}

func (s *Self) marshal() ([]byte, error) {
	b, err := s.Identity.MarshalBinary()
	if err != nil {
		return nil, err
	}
	d := identityData{Name: s.Name, Secret: make([]int, len(b)), Created: s.Created}
	for i, c := range b {
		d.Secret[i] = int(c)
	}
	return json.Marshal(d)
}

// LoadSelf reads the vault's identity, or fails with ErrNoIdentity.
func LoadSelf(tx *store.Tx) (*Self, error) {
	r, err := tx.Get(TypeIdentity, IdentityID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrNoIdentity
	}
	if err != nil {
		return nil, err
	}
	var d identityData
	if err := json.Unmarshal(r.Data, &d); err != nil {
		return nil, fmt.Errorf("%w: identity record: %v", store.ErrCorrupt, err)
	}
	b := make([]byte, len(d.Secret))
	for i, c := range d.Secret {
		if c < 0 || c > 255 {
			return nil, fmt.Errorf("%w: identity record", store.ErrCorrupt)
		}
		b[i] = byte(c)
	}
	id, err := bundle.ParseIdentity(b)
	if err != nil {
		return nil, fmt.Errorf("%w: identity record: %w", store.ErrCorrupt, err)
	}
	return &Self{Name: d.Name, Identity: id, Created: d.Created}, nil
}

// contactData is the JSON of a contact record.
type contactData struct {
	Name        string    `json:"name"`
	Line        string    `json:"line"` // bundle.Contact.String
	Fingerprint string    `json:"fingerprint"`
	Added       time.Time `json:"added"`
}

// contactID is the record id of a contact: its fingerprint in hex.
func contactID(c bundle.Contact) string {
	f := c.Fingerprint()
	return hex.EncodeToString(f[:])
}

// AddContact stores c as a known sender and recipient, in the caller's
// transaction. A contact sharing its name or a key with a known one, or
// carrying the vault's own keys, is refused.
func AddContact(tx *store.Tx, c bundle.Contact) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if self, err := LoadSelf(tx); err == nil && sameKey(self.Contact(), c) {
		return ErrSelfContact
	}
	known, err := Contacts(tx)
	if err != nil {
		return err
	}
	for _, k := range known {
		if k.Name == c.Name || sameKey(k, c) {
			return fmt.Errorf("%w: %q (%s)", ErrContactExists, k.Name, k.Fingerprint())
		}
	}
	data, err := json.Marshal(contactData{Name: c.Name, Line: c.String(),
		Fingerprint: c.Fingerprint().String(), Added: time.Now().UTC().Truncate(time.Second)})
	if err != nil {
		return err
	}
	return tx.Put(&store.Record{Type: TypeContact, ID: contactID(c), Data: data})
}

// sameKey reports whether a and b share either public key.
func sameKey(a, b bundle.Contact) bool {
	return a.Recipient == b.Recipient || bytes.Equal(a.SigningKey, b.SigningKey)
}

// Contacts returns the known contacts sorted by name.
func Contacts(tx *store.Tx) ([]bundle.Contact, error) {
	var out []bundle.Contact
	err := tx.List(TypeContact, func(r *store.Record) error {
		var d contactData
		if err := json.Unmarshal(r.Data, &d); err != nil {
			return fmt.Errorf("%w: contact %s: %v", store.ErrCorrupt, r.ID, err)
		}
		c, err := bundle.ParseContact(d.Line)
		if err != nil {
			return fmt.Errorf("%w: contact %s: %w", store.ErrCorrupt, r.ID, err)
		}
		c.Name = d.Name
		out = append(out, c)
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, err
}

// FindContact returns the contact with the given name, or ErrNoContact.
func FindContact(tx *store.Tx, name string) (bundle.Contact, error) {
	all, err := Contacts(tx)
	if err != nil {
		return bundle.Contact{}, err
	}
	for _, c := range all {
		if c.Name == name {
			return c, nil
		}
	}
	return bundle.Contact{}, fmt.Errorf("%w: %q", ErrNoContact, name)
}

// RemoveContact deletes the contact with the given name and returns it.
// Bundles it sends are then refused as from an unknown sender.
func RemoveContact(tx *store.Tx, name string) (bundle.Contact, error) {
	c, err := FindContact(tx, name)
	if err != nil {
		return c, err
	}
	return c, tx.Delete(TypeContact, contactID(c))
}
