// Package plainscan looks for plaintext on disk: the confidentiality tests
// write unique markers into a vault, then scan every file a session could
// have touched for each marker in the encodings text takes on Chinese
// systems. It is test support shared by store/ and app/cli, and writes nothing.
package plainscan

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Markers returns strings that cannot occur on disk by chance: one ASCII,
// one of common Chinese, one with characters of Extensions A and B.
func Markers() []string {
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 3))
	cjk := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteRune(rune(0x4E00 + rng.IntN(0x5000)))
		}
		return b.String()
	}
	return []string{fmt.Sprintf("QFMARKER%08x", rng.Uint32()), "被反映人" + cjk(4), "䶮𠮷喆" + cjk(3)}
}

// Forms returns the byte forms a marker takes in UTF-8, UTF-16LE and GB18030.
func Forms(m string) (map[string][]byte, error) {
	u16, err := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(m))
	if err != nil {
		return nil, err
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(m))
	if err != nil {
		return nil, err
	}
	return map[string][]byte{"utf-8": []byte(m), "utf-16le": u16, "gb18030": gb}, nil
}

// Scan reads every regular file under roots (only those modified since
// `since`, when it is not zero; none larger than 256 MiB) and returns how
// many it read and one line per marker form found.
func Scan(roots []string, since time.Time, marks []string) (files int, hits []string, err error) {
	forms := map[string]map[string][]byte{}
	for _, m := range marks {
		if forms[m], err = Forms(m); err != nil {
			return 0, nil, err
		}
	}
	for _, root := range roots {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return nil
			}
			info, err := d.Info()
			if err != nil || (!since.IsZero() && info.ModTime().Before(since)) || info.Size() > 256<<20 {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			files++
			for _, m := range marks {
				for enc, needle := range forms[m] {
					if bytes.Contains(b, needle) {
						hits = append(hits, fmt.Sprintf("%s (%s) in %s", m, enc, p))
					}
				}
			}
			return nil
		})
	}
	return files, hits, nil
}
