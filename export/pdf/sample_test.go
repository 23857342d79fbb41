package pdf

import "strings"

// sampleNotice is a two-page 监察建议书 with every header element, headings
// of all four levels, mixed Latin and digits, rare characters, 附件说明,
// seal, 附注 and 版记.
func sampleNotice() *Document {
	return &Document{
		CopyNumber: "000123",
		Secret:     "机密",
		SecretTerm: "1年",
		Urgency:    "特急",
		Issuer:     "中共××市纪律检查委员会",
		Number:     DocNumber{Code: "×纪建", Year: 2020, Serial: 5},
		Title:      "关于××市交通运输局在工程项目管理中存在问题的监察建议书",
		Recipients: "××市交通运输局党组",
		Body: []Block{
			{Text: "根据《中华人民共和国监察法》有关规定，我委在查办张喆堃严重违纪违法案中，发现你局在工程项目管理、资金拨付等方面存在以下问题，现提出监察建议如下。"},
			{Kind: Heading1, Text: "监督调查情况"},
			{Text: sampleBody},
			{Kind: Heading1, Text: "主要问题及原因"},
			{Kind: Heading2, Text: "制度执行不严。", Run: "招投标管理制度执行流于形式，2019年至2020年共有17个项目（合同金额合计3,456.78万元）未经集体研究即确定中标单位。"},
			{Kind: Heading3, Text: "监管薄弱。", Run: "对项目资金拨付缺乏有效监督，财务审核“走过场”。"},
			{Kind: Heading4, Text: "廉政风险防控机制不健全，", Run: "关键岗位长期未轮岗，李䶮、王𠮷等同志在同一岗位任职超过10年。"},
			{Kind: Heading1, Text: "整改建议、要求和期限"},
			{Text: "请你局自收到本建议书之日起30日内完成整改，并将整改情况书面报送我委。逾期不整改或者整改不到位的，我委将依规依纪依法追究有关人员责任。" + strings.Repeat("各单位要以案为鉴、以案促改，切实加强对权力运行的制约和监督。", 3)},
		},
		Enclosures: []string{"××市交通运输局工程项目问题清单", "整改情况报告模板（供参考使用，请按要求如实填写后报送）"},
		Signature:  "中共××市纪律检查委员会",
		Date:       "2020-03-05",
		Seal:       true,
		Note:       "联系人：王明，电话：0123-4567890",
		CC:         "××市人民政府，市委巡察办，市审计局",
		Printer:    "中共××市纪律检查委员会办公室",
		PrintDate:  "2020-03-06",
	}
}
