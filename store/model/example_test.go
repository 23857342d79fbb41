package model_test

import (
	"fmt"

	"qingfeng/store/model"
)

func ExampleRules_Due() {
	cal, _ := model.DefaultCalendar()
	rules, _ := model.DefaultRules(cal)
	// A lead received on 1 September 2020: the month ends on 1 October,
	// inside 国庆, so the disposal opinion is due on the next working day.
	due, _ := rules.Due("lead_disposal", model.MustDate("2020-09-01"))
	fmt.Println(due)
	// 留置 does not roll.
	due, _ = rules.Due("detention", model.MustDate("2020-07-01"))
	fmt.Println(due)
	// Output:
	// 2020-10-09
	// 2020-10-01
}

func ExampleCalendar_AddWorkingDays() {
	cal, _ := model.DefaultCalendar()
	// Across 春节 2021, counting the make-up Sunday 2/7 and Saturday 2/20.
	fmt.Println(cal.AddWorkingDays(model.MustDate("2021-02-01"), 15))
	// Output: 2021-02-25
}

func ExampleNextNumber() {
	n, _ := model.NextNumber(model.DefaultLeadNumberFormat, 2020, []string{"XS〔2020〕14号", "XS〔2019〕80号"})
	fmt.Println(n)
	n, _ = model.FormatNumber(model.AltLeadNumberFormat, 2020, 15)
	fmt.Println(n)
	// Output:
	// XS〔2020〕15号
	// 2020-XS-0015
}

func ExampleCase_Move() {
	c := model.NewCase("c1", model.KindInvestigation, "l1", model.MustDate("2020-03-05"), "赵登记")
	_ = c.Move(model.Move{To: model.StageDisposal, Date: model.MustDate("2020-03-06"), Actor: "张䶮"})
	err := c.Move(model.Move{To: model.StageFiled, Date: model.MustDate("2020-03-20"), Actor: "张䶮"})
	fmt.Println(err)
	// Output: model: required step missing: 线索处置 → 立案 needs 立案审批
}

func ExampleSanction_EffectEnd() {
	s := model.Sanction{ID: "x1", Kind: model.KindParty, Measure: model.PartySeriousWarning,
		Decided: model.MustDate("2020-08-31")}
	fmt.Println(s.EffectEnd(), s.Form())
	// Output: 2022-02-28 2
}
