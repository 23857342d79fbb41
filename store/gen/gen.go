// Package gen generates realistic, deterministic case data for demos,
// tests and benchmarks: subjects with Chinese names (rare characters
// included), leads in every disposal category, cases in every stage with
// consistent event histories, tracked items due soon and overdue, a 一案双查
// pair and sanctions of every kind. The same seed and date always give the
// same data.
package gen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"qingfeng/store/model"
)

// Generator produces records. It is not safe for concurrent use.
type Generator struct {
	rng      *rand.Rand
	today    model.Date
	settings model.Settings
	rules    *model.Rules
	subjects []model.Subject
	leadSeq  map[int]int
	caseSeq  map[int]int
	rareNext int
	unit     string // when set, every new subject works here
	ids      uint64
}

// New returns a generator for a vault whose "today" is today, using the
// default settings (five-category scheme). It panics only if the shipped
// calendar or rule table fail to parse, which their tests rule out.
func New(seed int64, today model.Date) *Generator {
	cal, err := model.DefaultCalendar()
	if err != nil {
		panic(err)
	}
	rules, err := model.DefaultRules(cal)
	if err != nil {
		panic(err)
	}
	s := model.DefaultSettings()
	s.IssuingBody, s.OfficeCode = "中共某市纪律检查委员会", "某纪"
	return &Generator{
		rng:   rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15)),
		today: today, settings: s, rules: rules,
		leadSeq: map[int]int{}, caseSeq: map[int]int{},
	}
}

// UseScheme switches the disposal scheme of the generated vault.
func (g *Generator) UseScheme(s model.Scheme) { g.settings.Scheme = s }

// Settings returns the settings of the generated vault.
func (g *Generator) Settings() model.Settings { return g.settings }

// Subjects returns every subject generated so far.
func (g *Generator) Subjects() []model.Subject { return g.subjects }

// id returns a fresh record ID: a prefix and 16 hex digits.
func (g *Generator) id(prefix string) string {
	g.ids++
	return fmt.Sprintf("%s%016x", prefix, g.rng.Uint64()^g.ids)
}

// pick returns a random element.
func pick[T any](g *Generator, xs []T) T { return xs[g.rng.IntN(len(xs))] }

// between returns a random int in [lo, hi].
func (g *Generator) between(lo, hi int) int { return lo + g.rng.IntN(hi-lo+1) }

// chance returns true with probability p.
func (g *Generator) chance(p float64) bool { return g.rng.Float64() < p }

// name returns a Chinese name; the first few are the rare-character ones.
func (g *Generator) name() string {
	if g.rareNext < len(rareNames) {
		g.rareNext++
		return rareNames[g.rareNext-1]
	}
	n := pick(g, surnames) + pick(g, givenChars)
	if g.chance(0.6) {
		n += pick(g, givenChars)
	}
	return n
}

// number gives the next number of a per-year sequence.
func (g *Generator) number(format string, seq map[int]int, year int) string {
	seq[year]++
	n, err := model.FormatNumber(format, year, seq[year])
	if err != nil {
		panic(err) // the settings formats are constants checked by tests
	}
	return n
}

// clamp keeps d on or before today.
func (g *Generator) clamp(d model.Date) model.Date {
	if d.After(g.today) {
		return g.today
	}
	return d
}

// Subject generates a subject and remembers it.
func (g *Generator) Subject() model.Subject {
	unit := pick(g, units)
	if g.unit != "" {
		unit = g.unit
	}
	post := pick(g, postsAt(unit))
	s := model.Subject{
		ID: g.id("s"), Name: g.name(), Gender: pick(g, model.Genders), Ethnicity: pick(g, ethnicities),
		Unit: unit, Position: post.position, Rank: post.rank, Authority: post.authority,
	}
	born := g.between(1962, 1990)
	s.Born = model.Month{Y: born, M: pickMonth(g)}
	s.Political = model.PartyMember
	if !post.leading && g.chance(0.15) {
		s.Political = model.Masses
	} else {
		s.PartyJoined = model.Month{Y: born + g.between(20, 30), M: pickMonth(g)}
	}
	g.subjects = append(g.subjects, s)
	return s
}

func pickMonth(g *Generator) time.Month { return time.Month(g.between(1, 12)) }

// summary writes a 问题摘要 of 80–300 characters about a problem.
func (g *Generator) summary(subj model.Subject, p problem) string {
	var b strings.Builder
	who := subj.Unit + subj.Position + subj.Name
	b.WriteString("反映" + who + "存在" + p.title + "问题。")
	target := g.between(80, 300)
	lines := append([]string(nil), p.lines...)
	g.rng.Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
	for len(lines) < 8 { // further problems the reporter adds
		if l := pick(g, pick(g, problems).lines); !slices.Contains(lines, l) {
			lines = append(lines, l)
		}
	}
	for _, l := range lines {
		line := pick(g, connectors) + g.fill(l, subj.Name)
		if utf8.RuneCountInString(b.String()) >= target || utf8.RuneCountInString(b.String()+line) > 300 {
			break
		}
		b.WriteString(line)
	}
	for utf8.RuneCountInString(b.String()) < 80 {
		b.WriteString(pick(g, closers))
	}
	if c := pick(g, closers); utf8.RuneCountInString(b.String()+c) <= 300 {
		b.WriteString(c)
	}
	return b.String()
}

// fill substitutes the placeholders of a phrase.
func (g *Generator) fill(line, subject string) string {
	return g.fillAmount(line, subject, g.between(2, 600)*1000)
}

// fillAmount substitutes the placeholders, with a given amount in yuan.
func (g *Generator) fillAmount(line, subject string, yuan int) string {
	return strings.NewReplacer(
		"{s}", subject, "{p}", pick(g, projects),
		"{a}", fmt.Sprint(yuan), "{y}", fmt.Sprint(g.today.Year()-g.between(1, 4)),
	).Replace(line)
}
