package bundle

import (
	"archive/tar"
	"bytes"
	"fmt"
	"strconv"
	"testing"
)

// rawHeader builds a 512-byte USTAR header block by hand, for archives
// that archive/tar's writer refuses to produce.
func rawHeader(name string, typ byte, size int64) []byte {
	b := make([]byte, 512)
	copy(b[0:100], name)
	copy(b[100:], "0000600\x00")
	copy(b[108:], "0000000\x00")
	copy(b[116:], "0000000\x00")
	copy(b[124:], fmt.Sprintf("%011o\x00", size))
	copy(b[136:], fmt.Sprintf("%011o\x00", 1_700_000_000))
	b[156] = typ
	copy(b[257:], "ustar\x0000")
	copy(b[148:156], "        ")
	sum := 0
	for _, c := range b {
		sum += int(c)
	}
	copy(b[148:], fmt.Sprintf("%06o\x00 ", sum))
	return b
}

// paxRecord formats one PAX extended header record: "<len> key=value\n",
// where <len> counts the whole record including itself.
func paxRecord(key, value string) string {
	rest := " " + key + "=" + value + "\n"
	n := len(rest) + 1
	for len(strconv.Itoa(n))+len(rest) != n {
		n++
	}
	return strconv.Itoa(n) + rest
}

// block pads b with zeros to whole 512-byte blocks.
func block(b []byte) []byte {
	return append(b, make([]byte, (512-len(b)%512)%512)...)
}

// sparseBundle is a bundle whose first entry is a GNU sparse (PAX 1.0)
// file: 1 KiB in the archive, 1 TiB once archive/tar expands it.
func sparseBundle(t *testing.T, c cast) []byte {
	d := legitDraft(t, c.alice)
	var head bytes.Buffer
	tw := tar.NewWriter(&head)
	for _, it := range d.head(t, c.alice.id) {
		tw.WriteHeader(&it.hdr)
		tw.Write(it.data)
	}
	tw.Flush()
	const realSize = 1 << 40
	pax := paxRecord("GNU.sparse.major", "1") + paxRecord("GNU.sparse.minor", "0") +
		paxRecord("GNU.sparse.name", d.man.Entries[0].Path) +
		paxRecord("GNU.sparse.realsize", strconv.Itoa(realSize))
	sparseMap := block([]byte(fmt.Sprintf("1\n%d\n512\n", realSize-512)))
	data := append(sparseMap, bytes.Repeat([]byte{'A'}, 512)...)
	out := head.Bytes()
	out = append(out, rawHeader("PaxHeaders/x", tar.TypeXHeader, int64(len(pax)))...)
	out = append(out, block([]byte(pax))...)
	out = append(out, rawHeader("GNUSparseFile.0/x", tar.TypeReg, int64(len(data)))...)
	out = append(out, data...)
	return append(out, make([]byte, 1024)...)
}

// TestSparseBundleIsSparse makes sure the hand-made sparse entry is what it
// claims: archive/tar on its own reads it as a 1 TiB regular file.
func TestSparseBundleIsSparse(t *testing.T) {
	c := newCast(t)
	plain := sparseBundle(t, c)
	tr := tar.NewReader(bytes.NewReader(plain))
	for range 2 {
		if _, err := tr.Next(); err != nil {
			t.Fatal(err)
		}
	}
	hdr, err := tr.Next()
	if err != nil {
		t.Fatal(err)
	}
	if hdr.Size != 1<<40 || hdr.Typeflag != tar.TypeReg || !isSparse(hdr) {
		t.Fatalf("sparse entry reads as %q size %d type %q", hdr.Name, hdr.Size, hdr.Typeflag)
	}
}
