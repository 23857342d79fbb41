package bundle

// progressStep is how many bytes pass between two progress calls.
const progressStep = 1 << 20

// progress counts entry bytes and reports them to a caller's callback. It is
// used by one goroutine only, the one running the operation, and calls fn on
// that goroutine.
type progress struct {
	fn          func(done, total int64)
	done, total int64
	last        int64
	reported    bool
}

// add counts n more bytes and calls fn every progressStep bytes.
func (p *progress) add(n int64) {
	p.done += n
	if p.fn != nil && p.done-p.last >= progressStep {
		p.report()
	}
}

// end makes sure the final count has been reported once.
func (p *progress) end() {
	if p.fn != nil && (!p.reported || p.last != p.done) {
		p.report()
	}
}

func (p *progress) report() {
	p.last, p.reported = p.done, true
	p.fn(p.done, p.total)
}

// progressWriter counts the bytes written through it.
type progressWriter struct{ p *progress }

func (w progressWriter) Write(b []byte) (int, error) {
	w.p.add(int64(len(b)))
	return len(b), nil
}
