package pdf

// Report says which font file serves each role and how the characters of a
// text are covered. It is what `qingfeng doc fonts` prints.
type Report struct {
	Roles     []RoleReport     `json:"roles"`
	Fallbacks []FallbackReport `json:"fallbacks,omitempty"`
	// Missing lists characters of the text that no available font has;
	// they would print as an empty box.
	Missing []string `json:"missing,omitempty"`
}

// RoleReport names the face serving one role.
type RoleReport struct {
	Role     string `json:"role"`
	Font     string `json:"font"`
	File     string `json:"file"`
	Official bool   `json:"official"`
}

// FallbackReport is one character that a role's face lacks and the face that
// draws it instead.
type FallbackReport struct {
	Char string `json:"char"`
	Role string `json:"role"`
	Font string `json:"font"`
	File string `json:"file"`
}

// FontReport reports on DefaultFonts for text (which may be empty).
func FontReport(text string) Report { return DefaultFonts().Report(text) }

// Report lists the face of each role and, for every distinct character of
// text (spaces and controls excluded), the roles whose face lacks it and the
// face that serves it instead.
func (fs *Fonts) Report(text string) Report {
	var rep Report
	for r := Role(0); r < numRoles; r++ {
		f := fs.role[r]
		rep.Roles = append(rep.Roles, RoleReport{Role: r.String(), Font: f.Name, File: f.File, Official: f.Official})
	}
	seen := map[rune]bool{}
	for _, c := range text {
		if seen[c] || c <= ' ' || c == 0x7F {
			continue
		}
		seen[c] = true
		rep.add(fs, c)
	}
	return rep
}

// add records how character c is served for every role.
func (rep *Report) add(fs *Fonts, c rune) {
	missing := true
	for r := Role(0); r < numRoles; r++ {
		f, ok := fs.faceFor(r, c)
		if !ok {
			continue
		}
		missing = false
		if f != fs.role[r] {
			rep.Fallbacks = append(rep.Fallbacks, FallbackReport{Char: string(c), Role: r.String(), Font: f.Name, File: f.File})
		}
	}
	if missing {
		rep.Missing = append(rep.Missing, string(c))
	}
}
