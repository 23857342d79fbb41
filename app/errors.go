package app

import (
	"errors"
	"strings"

	"qingfeng/app/msg"
	"qingfeng/export/bundle"
	"qingfeng/export/handoff"
	"qingfeng/export/pdf"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// Errors of the window itself.
var (
	// errNeedReason means a move that must give a reason was asked without one.
	errNeedReason = errors.New("app: reason required")
	// errBadDate means a date field does not hold a date.
	errBadDate = errors.New("app: bad date")
	// errCancelled means the user cancelled a long operation.
	errCancelled = errors.New("app: cancelled")
	// Checks of the 新建线索 form.
	errNeedSource   = errors.New("app: lead source required")
	errNeedSummary  = errors.New("app: lead summary required")
	errNeedCategory = errors.New("app: lead category required")
	errNeedReporter = errors.New("app: real-name reporter without a name")
	errFutureDate   = errors.New("app: date in the future")
	// errNeedReply means a 督办 reply was given without its text.
	errNeedReply = errors.New("app: reply text required")
	// Checks of the 交接 export.
	errNoCases         = errors.New("app: no case chosen for export")
	errNoRecipient     = errors.New("app: no contact chosen")
	errShortPass       = errors.New("app: bundle passphrase too short")
	errPassMismatch    = errors.New("app: bundle passphrases differ")
	errExportCancelled = errors.New("app: export cancelled")
)

// The one place where the window registers messages for the errors of the
// packages it calls (store/ registers its own in app/msg).
func init() {
	r := msg.Register
	r(ErrNoDisplay, "未找到图形显示（没有可用的 DISPLAY），无法打开窗口：所有工作都可以用命令行完成，见 qingfeng help。",
		"no graphical display was found (no usable DISPLAY), so the window cannot open: every task is available as a command-line verb, see qingfeng help.")
	r(errNeedReason, "请填写理由：这种流转必须说明理由。", "give a reason: this kind of move needs one.")
	r(errBadDate, "日期格式不对：请按 2026-03-15 的格式填写。", "bad date: write it as 2026-03-15.")
	r(errCancelled, "已取消，未做任何更改。", "cancelled; nothing was changed.")
	r(errNeedSource, "请选择线索来源。", "choose where the lead came from.")
	r(errNeedSummary, "请填写问题摘要：线索必须写明反映的问题。", "write the summary: a lead must say what is reported.")
	r(errNeedCategory, "请选择问题类别。", "choose the problem category.")
	r(errNeedReporter, "实名反映须填写反映人姓名。", "a real-name report needs the reporter's name.")
	r(errFutureDate, "日期不能晚于今天。", "the date cannot be after today.")
	r(errNeedReply, "请填写回复内容。", "write what the unit replied.")
	r(errNoCases, "请至少勾选一个要交接的案件。", "tick at least one case to hand over.")
	r(errNoRecipient, "请选择接收的联系人，或改用口令。", "choose the receiving contact, or use a passphrase.")
	r(errShortPass, "案卷包口令至少 8 个字符。", "the bundle passphrase needs at least 8 characters.")
	r(errPassMismatch, "两次输入的口令不一致。", "the two passphrases differ.")
	r(errExportCancelled, "已取消导出：写出的案卷包已删除（审计日志记有此事）。", "export cancelled: the bundle written was removed (the audit log says so).")
	r(model.ErrMissing, "缺少必填项", "a required field is missing")
	r(model.ErrInvalidValue, "填写的值不在允许范围内", "a value is not allowed")
	r(model.ErrInvalidDate, "日期不正确", "invalid date")
	r(model.ErrDateOrder, "日期先后顺序不对", "dates are out of order")
	r(model.ErrScheme, "该处置方式不属于本案卷库设定的处置方案", "this disposal is not in the vault's scheme")
	r(model.ErrNotDisposed, "该线索尚未处置，请先处置", "the lead is not disposed of yet")
	r(model.ErrOutcomeMissing, "尚未录入处置结果，不能办结", "no outcome recorded yet, the lead cannot be closed")
	r(model.ErrOutcomeNotAllowed, "该结果与处置方式不对应", "this outcome does not follow the disposal")
	r(model.ErrLeadClosed, "该线索已办结", "the lead is already closed")
	r(model.ErrNumberFormat, "编号格式不正确：须包含 {seq}，可含 {year}", "bad number format: it needs {seq} and may have {year}")
	r(model.ErrTransition, "流程不允许这样流转", "this stage move is not allowed")
	r(model.ErrMoveKind, "这一流转不能以此方式进行", "this kind of move is not allowed here")
	r(model.ErrStepMissing, "缺少流转前必须登记的步骤", "a required step is not on record")
	r(dossier.ErrHasCase, "该线索已转为案件", "the lead already has a case")
	r(dossier.ErrNotConcluded, "该案件尚未进入审理阶段，不能生成一案两报告", "the case has not reached 审理 yet")
	r(dossier.ErrNoOfficeCode, "设置中没有机关代字，无法编文号：请先在设置中填写机关代字。", "the settings have no office code (机关代字): set it first.")
	r(pdf.ErrTemplateField, "文书缺少必填内容，未生成文件：请补充文书要素，或在设置中填写发文机关、机关代字。", "the document lacks a required field; no file was written.")
	r(pdf.ErrTemplateNotFound, "没有这个文书模板", "no such template")
	r(pdf.ErrDocument, "文书内容不完整（至少要有标题或正文），未生成文件。", "the document is incomplete; no file was written.")
	r(pdf.ErrWrite, "生成 PDF 失败，未写出文件。", "writing the PDF failed; no file was written.")
}

// windowWords are errors whose registered line (written for the command
// line, naming its verbs and flags) the window words its own way.
var windowWords = []struct {
	err error
	key string
}{
	{handoff.ErrNoIdentity, "handoff.err.no_identity"},
	{handoff.ErrIdentityExists, "handoff.err.identity_exists"},
	{handoff.ErrContactExists, "handoff.err.contact_exists"},
	{handoff.ErrNoContact, "handoff.err.no_contact"},
	{bundle.ErrUnknownSender, "handoff.err.unknown_sender"},
	{bundle.ErrBadContact, "handoff.err.bad_contact"},
}

// errText is the one line shown for err: msg.Text, except that a refused
// stage move says which move and what is missing, in the user's words, and
// the handoff errors of windowWords name the window's buttons.
func errText(err error) string {
	var me *model.MoveError
	if errors.As(err, &me) {
		return moveErrText(me)
	}
	for _, w := range windowWords {
		if errors.Is(err, w.err) {
			return tr(w.key)
		}
	}
	return msg.Text(err)
}

// moveErrText explains a refused move in one line.
func moveErrText(e *model.MoveError) string {
	args := map[string]any{"From": string(e.From), "To": string(e.To), "Kind": string(e.Kind), "Missing": string(e.Missing)}
	switch {
	case e.Missing != "":
		return trf("move.err.missing", args)
	case errors.Is(e.Err, model.ErrTransition):
		names := make([]string, len(e.Allowed))
		for i, s := range e.Allowed {
			names[i] = string(s)
		}
		args["Allowed"] = strings.Join(names, "、")
		return trf("move.err.transition", args)
	case errors.Is(e.Err, model.ErrMoveKind):
		return trf("move.err.kind", args)
	case errors.Is(e.Err, model.ErrDateOrder):
		return trf("move.err.date", args)
	}
	return trf("move.err.other", args) + msg.Text(e.Err)
}
