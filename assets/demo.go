package assets

import _ "embed" // the demo particulars are embedded below

//go:embed demo/particulars.json
var demoParticulars []byte

// DemoParticulars returns the 文书要素 (narrative parts of documents that the
// case model does not hold) that `qingfeng demo` stores as the demo vault's
// defaults, so every template renders from a demo case. Do not modify.
func DemoParticulars() []byte { return demoParticulars }
