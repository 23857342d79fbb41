package bundle

import (
	"encoding/hex"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Names of the two fixed entries that open every bundle archive.
const (
	ManifestName  = "manifest.json"
	SignatureName = "manifest.sig"
)

// Kind says which of the three entry families a path belongs to. Entries of
// a bundle appear in Kind order: records, then attachments, then audit.
type Kind int

// The entry kinds, in archive order.
const (
	KindRecord     Kind = iota + 1 // records/<type>/<id>.json
	KindAttachment                 // attachments/<sha256hex>
	KindAudit                      // audit/<seq>.json
)

const (
	maxTypeLen = 64
	maxIDLen   = 128
)

// PathInfo is a parsed entry path. Only the fields of its Kind are set.
type PathInfo struct {
	Kind   Kind
	Type   string   // record type, e.g. "dossier"
	ID     string   // record id
	Sum    [32]byte // attachment SHA-256
	Seq    uint64   // audit sequence number
	SHA256 string   // attachment SHA-256 in lowercase hex
}

// RecordPath returns "records/<typ>/<id>.json". It does not validate; the
// writer does.
func RecordPath(typ, id string) string { return "records/" + typ + "/" + id + ".json" }

// AttachmentPath returns "attachments/<sha256 in lowercase hex>".
func AttachmentPath(sum [32]byte) string { return "attachments/" + hex.EncodeToString(sum[:]) }

// AuditPath returns "audit/<seq>.json" with seq in decimal.
func AuditPath(seq uint64) string { return "audit/" + strconv.FormatUint(seq, 10) + ".json" }

// unsafePath reports whether p is absolute or could climb out of the
// directory it is extracted into, on Unix or on Windows.
func unsafePath(p string) bool {
	if p == "" || p[0] == '/' || strings.ContainsAny(p, "\\\x00") {
		return true
	}
	first, _, _ := strings.Cut(p, "/")
	if strings.Contains(first, ":") {
		return true // a drive or volume name such as "C:"
	}
	for _, el := range strings.Split(p, "/") {
		if el == ".." {
			return true
		}
	}
	return false
}

// ParsePath checks that p is a canonical bundle entry path and splits it.
// The error wraps ErrUnsafePath for unsafe paths and ErrBadEntry otherwise.
func ParsePath(p string) (PathInfo, error) {
	if unsafePath(p) {
		return PathInfo{}, errorf(ErrUnsafePath, "%q", p)
	}
	var info PathInfo
	var ok bool
	switch {
	case strings.HasPrefix(p, "records/"):
		info, ok = parseRecordPath(strings.TrimPrefix(p, "records/"))
	case strings.HasPrefix(p, "attachments/"):
		info, ok = parseAttachmentPath(strings.TrimPrefix(p, "attachments/"))
	case strings.HasPrefix(p, "audit/"):
		info, ok = parseAuditPath(strings.TrimPrefix(p, "audit/"))
	}
	if !ok {
		return PathInfo{}, errorf(ErrBadEntry, "path %q is not in the bundle layout", p)
	}
	return info, nil
}

func parseRecordPath(rest string) (PathInfo, bool) {
	typ, file, ok := strings.Cut(rest, "/")
	id, isJSON := strings.CutSuffix(file, ".json")
	if !ok || !isJSON || !validType(typ) || !validID(id) {
		return PathInfo{}, false
	}
	return PathInfo{Kind: KindRecord, Type: typ, ID: id}, true
}

func parseAttachmentPath(name string) (PathInfo, bool) {
	var info PathInfo
	if len(name) != 64 || strings.ToLower(name) != name {
		return info, false
	}
	if _, err := hex.Decode(info.Sum[:], []byte(name)); err != nil {
		return info, false
	}
	info.Kind, info.SHA256 = KindAttachment, name
	return info, true
}

func parseAuditPath(file string) (PathInfo, bool) {
	num, isJSON := strings.CutSuffix(file, ".json")
	if !isJSON || num == "" || (len(num) > 1 && num[0] == '0') || strings.Trim(num, "0123456789") != "" {
		return PathInfo{}, false
	}
	seq, err := strconv.ParseUint(num, 10, 64)
	if err != nil {
		return PathInfo{}, false
	}
	return PathInfo{Kind: KindAudit, Seq: seq}, true
}

// validType accepts 1-64 of [a-z0-9_-], starting with a letter.
func validType(s string) bool {
	if s == "" || len(s) > maxTypeLen || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	return strings.Trim(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == ""
}

// validID accepts 1-128 bytes of UTF-8 letters and digits of any script
// (so 䶮 and 𠮷 are fine) and "-", "_", "."; it may not start with ".".
func validID(s string) bool {
	if s == "" || len(s) > maxIDLen || s[0] == '.' || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' && r != '.' {
			return false
		}
	}
	return true
}
