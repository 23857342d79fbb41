package pdf

import (
	"bytes"
	"errors"
	"io/fs"
	"strings"
	"testing"

	"qingfeng/assets"
)

// minimalCase holds only the fields the built-in templates require.
func minimalCase() map[string]any {
	item := func(title, text string) map[string]any { return map[string]any{"title": title, "text": text} }
	return map[string]any{
		"org":     map[string]any{"name": "中共××市纪律检查委员会", "office": "中共××市纪委办公室", "leader": "委领导"},
		"doc":     map[string]any{"code": "×纪", "year": 2020, "serial": 5, "date": "2020-03-05"},
		"subject": map[string]any{"name": "张喆堃", "unit_post": "××市交通运输局原局长", "unit": "××市交通运输局"},
		"case": map[string]any{"nature": "严重违纪违法", "basis": "《中国共产党纪律检查机关监督执纪工作规则》", "approver": "市纪委主要负责人",
			"team": "第三审查调查组", "source": "2019年12月，市委巡察组移交问题线索", "filed_date": "2020-01-10",
			"process": "审查调查组调取了相关书证，与有关人员谈话。", "attitude": "能够认识错误。", "assets": "已全部收缴。",
			"proposal": "建议给予开除党籍处分。", "summary": "我委在查办案件中发现有关问题。"},
		"facts":          []any{item("违反廉洁纪律", "收受礼品礼金。")},
		"problems":       []any{item("制度执行不严", "招投标流于形式。")},
		"causes":         []any{item("监督缺位", "一把手权力过于集中。")},
		"suggestions":    []any{item("完善制度", "修订招投标管理办法。")},
		"talk":           map[string]any{"reason": "反映你的有关问题", "talkers": "王明、李强同志", "time": "2020年3月10日上午9时", "place": "市纪委谈话室", "contact": "王明", "phone": "0123-4567890"},
		"inquiry":        map[string]any{"reply_limit": "15个工作日", "party_committee": "中共××市交通运输局党组"},
		"unit":           map[string]any{"name": "××市交通运输局"},
		"rectify":        map[string]any{"deadline": "2020-04-30", "supervisor": "第二监督检查室"},
		"trial":          map[string]any{"office": "市纪委案件审理室", "accepted_date": "2020-02-20", "nature": "构成严重违纪违法", "articles": "《中国共产党纪律处分条例》第八十八条", "opinion": "同意给予开除党籍处分。"},
		"sanction":       map[string]any{"type": "开除党籍", "articles": "《中国共产党纪律处分条例》第八十八条", "approver": "市纪委常委会", "approved_date": "2020-03-01", "appeal_limit": "1个月", "appeal_to": "市纪委"},
		"gov_sanction":   map[string]any{"type": "撤职", "articles": "《中华人民共和国公职人员政务处分法》第三十三条", "approver": "市监委委务会议"},
		"review":         map[string]any{"route": "如不服本决定，可以自收到本决定之日起1个月内向作出决定的机关申请复审。"},
		"leader":         map[string]any{"name": "赵堃", "post": "××市交通运输局党组书记"},
		"accountability": map[string]any{"matter": "工程项目监管工作", "basis": "《中国共产党问责条例》", "way": "通报"},
		"circular":       map[string]any{"scope": "各县（区）纪委监委，市直各单位", "outcome": "给予其开除党籍处分。", "warning": "各级党员干部要引以为戒。"},
	}
}

// demoCase is minimalCase with every optional field filled and longer lists.
func demoCase() map[string]any {
	d := minimalCase()
	doc := d["doc"].(map[string]any)
	doc["copy_number"], doc["secret"], doc["secret_term"], doc["cc"], doc["print_date"] = "000123", "机密", "1年", "市委巡察办", "2020-03-06"
	d["subject"].(map[string]any)["profile"] = "男，汉族，1968年5月出生，中共党员，"
	c := d["case"].(map[string]any)
	c["measures"], c["doubts"], c["followup"] = "留置", "部分资金去向尚待查明。", "督促案发单位在3个月内报告整改情况。"
	d["facts"] = []any{
		map[string]any{"title": "违反中央八项规定精神", "text": "2018年至2020年，多次接受管理服务对象宴请。", "evidence": "证人证言、书证"},
		map[string]any{"title": "违反廉洁纪律", "text": "收受礼金共计人民币12.5万元。"},
		map[string]any{"title": "职务违法", "text": "利用职务便利为他人谋取利益，收受财物折合人民币356.8万元，其中李䶮、王𠮷经手部分共计20万元。"},
	}
	d["problems"] = append(d["problems"].([]any), map[string]any{"title": "监管薄弱", "text": "资金拨付缺乏监督。"})
	d["talk"].(map[string]any)["phone"] = "0123-4567890"
	d["rectify"].(map[string]any)["contact"] = "王明"
	d["gov_sanction"].(map[string]any)["period"] = "（处分期间为24个月）"
	return d
}

// TestBuiltinTemplatesRender renders every built-in template from the full
// demo case and from the minimal case, laid out and written as PDF.
func TestBuiltinTemplatesRender(t *testing.T) {
	ts, err := BuiltinTemplates()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"立案决定书", "立案通知书", "谈话通知书", "函询通知书", "约谈通知书", "初步核实情况报告", "案件调查报告",
		"案件剖析报告", "审理报告", "监察建议书", "责令限期整改通知书", "处分决定", "政务处分决定书", "问责决定", "通报"}
	if len(ts) != len(want) {
		t.Fatalf("%d templates, want %d", len(ts), len(want))
	}
	fonts := bundled(t)
	for i, tm := range ts {
		if tm.Name != want[i] {
			t.Errorf("template %d is %q, want %q", i, tm.Name, want[i])
		}
		for name, data := range map[string]map[string]any{"demo": demoCase(), "minimal": minimalCase()} {
			doc, err := tm.Execute(data)
			if err != nil {
				t.Fatalf("%s from %s case: %v", tm.Name, name, err)
			}
			if doc.Title == "" || len(doc.Body) == 0 || doc.Date != "2020年3月5日" && doc.Date != "2020-03-05" {
				t.Errorf("%s from %s case: title %q, %d blocks, date %q", tm.Name, name, doc.Title, len(doc.Body), doc.Date)
			}
			text := docText(doc)
			if strings.Contains(text, "{{") || !strings.Contains(text, "张喆堃") && !strings.Contains(text, "赵堃") && !strings.Contains(text, "××市交通运输局") {
				t.Errorf("%s from %s case: unfilled or nameless text %q", tm.Name, name, text)
			}
			p, err := Layout(doc, fonts)
			if err != nil || len(p.Missing) > 0 {
				t.Fatalf("%s: layout %v, missing %q", tm.Name, err, string(p.Missing))
			}
			var buf bytes.Buffer
			if err := WritePDF(&buf, p); err != nil || buf.Len() < 1000 {
				t.Fatalf("%s: PDF %d bytes, %v", tm.Name, buf.Len(), err)
			}
		}
	}
}

// docText joins the visible text of a document.
func docText(d *Document) string {
	s := d.Title + d.Recipients + d.Signature
	for _, b := range d.Body {
		s += b.Text + b.Run
	}
	return s
}

// TestTemplateMissingField: removing a required field fails with the
// template name, line and field, and no document.
func TestTemplateMissingField(t *testing.T) {
	ts, err := BuiltinTemplates()
	if err != nil {
		t.Fatal(err)
	}
	data := minimalCase()
	delete(data["subject"].(map[string]any), "name")
	failed := 0
	for _, tm := range ts {
		doc, err := tm.Execute(data)
		var te *TemplateError
		if !errors.As(err, &te) {
			if tm.Name != "问责决定" && tm.Name != "责令限期整改通知书" {
				t.Errorf("%s: got %v, want a missing-field error", tm.Name, err)
			}
			continue
		}
		failed++
		if doc != nil || !errors.Is(err, ErrTemplateField) || te.Field != "subject.name" || te.Template != tm.Name || te.Line < 2 {
			t.Errorf("%s: doc %v, error %+v", tm.Name, doc != nil, te)
		}
		if !strings.Contains(err.Error(), "pdf: template field missing: "+tm.Name+" line ") {
			t.Errorf("message %q", err)
		}
	}
	if failed != 13 {
		t.Errorf("%d templates failed, want 13 (all but 问责决定 and 责令限期整改通知书, which name no subject)", failed)
	}
}

// TestTemplateLineNumbers checks the line reported for a field inside a
// loop, and that a missing list is reported at its range line.
func TestTemplateLineNumbers(t *testing.T) {
	src := "名称: 测试\n标题: {{t}}\n---\n第一段\n{{range f in facts}}\n## {{f.title}}｜{{f.body}}\n{{end}}\n"
	tm, err := LoadTemplate("x", src)
	if err != nil {
		t.Fatal(err)
	}
	_, err = tm.Execute(map[string]any{"t": "题", "facts": []any{map[string]any{"title": "甲"}}})
	var te *TemplateError
	if !errors.As(err, &te) || te.Line != 6 || te.Field != "f.body" || te.Template != "测试" {
		t.Fatalf("got %v", err)
	}
	_, err = tm.Execute(map[string]any{"t": "题"})
	if !errors.As(err, &te) || te.Line != 5 || te.Field != "facts" {
		t.Fatalf("got %v", err)
	}
	doc, err := tm.Execute(map[string]any{"t": "题", "facts": []map[string]any{{"title": "甲", "body": "乙"}}})
	if err != nil || len(doc.Body) != 2 || doc.Body[1].Kind != Heading2 || doc.Body[1].Text != "甲" || doc.Body[1].Run != "乙" {
		t.Fatalf("doc %+v, %v", doc, err)
	}
}

// TestTemplateSyntaxErrors lists malformed templates and the line blamed.
func TestTemplateSyntaxErrors(t *testing.T) {
	cases := []struct {
		src  string
		line int
	}{
		{"标题: x\n", 2},                           // no ---
		{"未知键: x\n---\n", 1},                     // unknown key
		{"标题 x\n---\n", 1},                       // no colon
		{"标题: {{a\n---\n", 1},                    // unclosed placeholder
		{"---\n{{range x facts}}\n{{end}}\n", 2}, // bad range
		{"---\n{{if a}}\n文字\n", 4},               // missing end
		{"---\n{{end}}\n", 2},                    // stray end
		{"---\n文字 {{a.}} 文字\n", 2},               // bad path
		{"---\n文字 }} 文字\n", 2},                   // stray braces
	}
	for _, c := range cases {
		_, err := LoadTemplate("t", c.src)
		var te *TemplateError
		if !errors.As(err, &te) || !errors.Is(err, ErrTemplateSyntax) || te.Line != c.line {
			t.Errorf("%q: got %v, want syntax error at line %d", c.src, err, c.line)
		}
	}
	tm, err := LoadTemplate("t", "文号: {{n}}\n---\n正文\n")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tm.Execute(map[string]any{"n": "没有括号"}); !errors.Is(err, ErrTemplateSyntax) {
		t.Errorf("malformed 文号 accepted: %v", err)
	}
}

// FuzzLoadTemplate: parsing never panics, and a parsed template executes to
// a document or a *TemplateError.
func FuzzLoadTemplate(f *testing.F) {
	files, _ := fs.Glob(assets.Templates(), "*.tmpl")
	for _, n := range files {
		b, _ := fs.ReadFile(assets.Templates(), n)
		f.Add(string(b))
	}
	f.Add("---\n{{range a in b}}\n{{if c}}\n{{a}}\n{{end}}\n{{end}}\n")
	data := demoCase()
	f.Fuzz(func(t *testing.T, src string) {
		tm, err := LoadTemplate("fuzz", src)
		if err != nil {
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		doc, err := tm.Execute(data)
		var te *TemplateError
		if err != nil && (!errors.As(err, &te) || doc != nil) {
			t.Fatalf("execute: %v", err)
		}
	})
}
