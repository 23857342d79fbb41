package model

// Hand-written records shared by the tests.

func sampleSubject() Subject {
	return Subject{ID: "s1", Name: "𠮷喆", Gender: Male, Ethnicity: "汉族",
		Born: Month{1972, 4}, Political: PartyMember, PartyJoined: Month{1995, 7},
		Unit: "某市住房和城乡建设局", Position: "副局长", Rank: "县处级副职", Authority: "市管干部"}
}

func sampleLead() Lead {
	return Lead{
		ID: "l1", Number: "XS〔2020〕15号", Source: SourcePetition,
		Received:   MustDate("2020-03-05"),
		Reporter:   Reporter{Name: "王堃", RealName: true, Contact: "来信"},
		SubjectIDs: []string{"s1"},
		Summary:    "反映某市住房和城乡建设局副局长𠮷喆在工程项目招投标中插手干预，收受施工方所送礼金。",
		Category:   CategoryIntegrity, Leader: "李书记", Department: "第三监督检查室", Handler: "张䶮",
		Trail:  []Handling{{Who: "赵登记", When: MustDate("2020-03-05"), Action: "登记"}},
		Status: LeadPending,
	}
}

// caseAt builds a case that reached stage s the regular way: every step
// recorded and every move made through Move, one day apart.
func caseAt(s Stage) Case {
	c := NewCase("c1", KindInvestigation, "l1", MustDate("2020-03-05"), "赵登记")
	c.SubjectIDs = []string{"s1"}
	day := MustDate("2020-03-06")
	path := pathTo(s)
	for _, to := range path {
		satisfyAll(&c, to, day)
		t, _ := findTransition(c.Stage, to)
		reason := ""
		if t.Kinds[0] != MoveAdvance || to == StageAppeal {
			reason = "依规办理"
		}
		if err := c.Move(Move{To: to, Kind: t.Kinds[0], Date: day, Actor: "张䶮", Reason: reason}); err != nil {
			panic(err)
		}
		day = day.AddDays(1)
	}
	return c
}

// pathTo lists the stages walked from 受理 to reach s.
func pathTo(s Stage) []Stage {
	switch s {
	case StageReceived:
		return nil
	case StageAppeal:
		return append(pathTo(StageExecution), StageAppeal)
	case StageArchived:
		return append(pathTo(StageExecution), StageArchived)
	}
	main := []Stage{StageDisposal, StagePrelim, StageFiled, StageInvestigate,
		StageTrial, StageDecision, StageExecution}
	for i, st := range main {
		if st == s {
			return main[:i+1]
		}
	}
	panic("no path to " + string(s))
}

// satisfyAll records whatever the move from c's stage to `to` requires,
// dated day.
func satisfyAll(c *Case, to Stage, day Date) {
	t, ok := findTransition(c.Stage, to)
	if !ok {
		return
	}
	for _, r := range t.Requires {
		satisfy(c, r, day)
	}
}

// satisfy records one requirement.
func satisfy(c *Case, r Requirement, day Date) {
	switch r {
	case ReqLead:
		c.LeadID = "l1"
	case ReqArchive:
		c.Archive = &Archive{Number: "WS·2020·Y·001", Retention: RetainPermanent, Archived: day}
	case ReqOutcomes:
		for _, id := range c.SubjectIDs {
			if c.OutcomeFor(id) == nil {
				c.Outcomes = append(c.Outcomes, SubjectOutcome{SubjectID: id, Decided: day,
					Sanctions: []Sanction{{ID: "x-" + id, Kind: KindParty, Measure: PartySeriousWarning, Decided: day}}})
			}
		}
	default:
		if err := c.AddStep(Step{Kind: StepKind(r), Date: day, Actor: "张䶮", People: []string{"李书记", "王副书记"}}); err != nil {
			panic(err)
		}
	}
}
