package pdf

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// Document is an official document to typeset: the 版头, 主体 and 版记 of
// GB/T 9704-2012. It is the JSON input of `qingfeng doc render --json`; the
// field names below are that schema. Every field is optional except that a
// document needs a title or a body.
type Document struct {
	CopyNumber string    `json:"copy_number,omitempty"` // 份号, printed as given (6 digits by custom)
	Secret     string    `json:"secret,omitempty"`      // 密级: 绝密, 机密 or 秘密
	SecretTerm string    `json:"secret_term,omitempty"` // 保密期限, e.g. "1年"; printed as 机密★1年
	Urgency    string    `json:"urgency,omitempty"`     // 紧急程度: 特急 or 加急
	Issuer     string    `json:"issuer,omitempty"`      // 发文机关标志, e.g. "中共××市纪委监委文件"
	Number     DocNumber `json:"number"`                // 文号
	Signer     string    `json:"signer,omitempty"`      // 签发人 (上行文)

	Title      string   `json:"title,omitempty"`
	Recipients string   `json:"recipients,omitempty"` // 主送机关, without the final colon
	Body       []Block  `json:"body,omitempty"`
	Enclosures []string `json:"enclosures,omitempty"` // 附件说明: attachment names

	Signature string `json:"signature,omitempty"` // 署名 (issuing organ)
	Date      string `json:"date,omitempty"`      // 成文日期: 2020-03-05 or 2020年3月5日
	Seal      bool   `json:"seal,omitempty"`      // printed for a seal (date 右空四字)
	Note      string `json:"note,omitempty"`      // 附注, without parentheses

	Attachments []Attachment `json:"attachments,omitempty"` // 附件 pages

	CC        string `json:"cc,omitempty"`         // 抄送 organs, separated by "，"
	Printer   string `json:"printer,omitempty"`    // 印发机关
	PrintDate string `json:"print_date,omitempty"` // 印发日期

	Watermark string `json:"watermark,omitempty"` // diagonal text on every page
}

// DocNumber is a 文号: 机关代字, year and serial number, printed as
// 代字〔2020〕5号 (六角括号, full year, no 第, no zero padding).
type DocNumber struct {
	Code   string `json:"code,omitempty"`
	Year   int    `json:"year,omitempty"`
	Serial int    `json:"serial,omitempty"`
}

// String formats the number, or "" when it has no code.
func (n DocNumber) String() string {
	if n.Code == "" {
		return ""
	}
	return fmt.Sprintf("%s〔%d〕%d号", n.Code, n.Year, n.Serial)
}

// Block kinds.
const (
	Paragraph = "p"  // body paragraph (the default)
	Heading1  = "h1" // 一、 in 黑体
	Heading2  = "h2" // （一） in 楷体
	Heading3  = "h3" // 1. in 仿宋
	Heading4  = "h4" // （1） in 仿宋
)

// Block is one body paragraph or heading. Headings are numbered
// automatically per level (一、 （一） 1. （1）); Text holds the heading
// without its number. Run, when set on a heading, continues the same
// paragraph in body type after the heading (a run-in heading); the layout
// ends the heading with "。" unless it already ends with punctuation. A
// heading without Run is kept on the same page as the line after it.
type Block struct {
	Kind string `json:"kind,omitempty"`
	Text string `json:"text"`
	Run  string `json:"run,omitempty"`
}

// Attachment is one 附件, set on pages of its own after the main text.
type Attachment struct {
	Title string  `json:"title,omitempty"`
	Body  []Block `json:"body,omitempty"`
}

var isoDate = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)

// FormatDate turns 2020-03-05 into 2020年3月5日; other text is returned as
// given. It fails on an ISO-looking date that does not exist.
func FormatDate(s string) (string, error) {
	m := isoDate.FindStringSubmatch(s)
	if m == nil {
		return s, nil
	}
	if _, err := time.Parse("2006-1-2", s); err != nil {
		return "", fmt.Errorf("%w: date %q", ErrDocument, s)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	return fmt.Sprintf("%d年%d月%d日", y, mo, d), nil
}

// validate checks what the layout cannot do without.
func (d *Document) validate() error {
	if d.Title == "" && len(d.Body) == 0 {
		return fmt.Errorf("%w: no title and no body", ErrDocument)
	}
	for i, b := range d.Body {
		switch b.Kind {
		case "", Paragraph, Heading1, Heading2, Heading3, Heading4:
		default:
			return fmt.Errorf("%w: block %d has kind %q", ErrDocument, i, b.Kind)
		}
	}
	return nil
}
