package pdf_test

import (
	"bytes"
	"fmt"
	"log"
	"strings"
	"time"

	"qingfeng/export/pdf"
)

// Example lays out a short notice with the bundled open fonts (so the
// result does not depend on the fonts installed on the machine) and writes
// it as a PDF to a buffer.
func Example() {
	fonts, err := pdf.BundledFonts()
	if err != nil {
		log.Fatal(err)
	}
	doc := &pdf.Document{
		Issuer:     "中共××市纪委监委文件",
		Number:     pdf.DocNumber{Code: "×纪发", Year: 2024, Serial: 3},
		Title:      "关于开展案卷质量评查工作的通知",
		Recipients: "各派驻纪检监察组，各室",
		Body: []pdf.Block{
			{Text: "为提高审查调查工作质量，现就开展案卷质量评查工作通知如下。"},
			{Kind: pdf.Heading1, Text: "评查范围"},
			{Text: "二〇二三年度办结的审查调查案件。"},
			{Kind: pdf.Heading1, Text: "工作要求"},
			{Text: "请于3月31日前报送自查报告。"},
		},
		Signature: "中共××市纪委监委",
		Date:      "2024-03-05",
	}
	pages, err := pdf.Layout(doc, fonts)
	if err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	// A fixed time makes the file byte-reproducible; the program passes none.
	at := time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC)
	if err := pdf.WritePDFWith(&buf, pages, pdf.WriteOptions{Time: at}); err != nil {
		log.Fatal(err)
	}
	fmt.Println("pages:", len(pages.Pages))
	fmt.Println("characters without a font:", len(pages.Missing))
	fmt.Println("文号 on page 1:", strings.Contains(pages.Text(0), doc.Number.String()))
	fmt.Println("date on page 1:", strings.Contains(pages.Text(0), "2024年3月5日"))
	fmt.Println("starts with %PDF-:", bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")))
	// Output:
	// pages: 1
	// characters without a font: 0
	// 文号 on page 1: true
	// date on page 1: true
	// starts with %PDF-: true
}
