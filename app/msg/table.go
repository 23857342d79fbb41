package msg

import (
	"qingfeng/casework"
	"qingfeng/export/bundle"
	"qingfeng/export/handoff"
	"qingfeng/export/pdf"
	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// unchanged ends the line of every refused import or file.
const (
	unchangedZh = "未做任何更改。"
	unchangedEn = " Nothing was changed."
)

// table is the one line, in Chinese and English, for every sentinel error
// of store/, export/, casework/ and app/: what failed and what to do. Each
// error is here exactly once (msg_test.go parses those packages to check);
// the command line shows these lines, the window too unless windowTable
// words the error its own way.
var table = []entry{
	// store
	{store.ErrVaultInUse, "案卷库正被另一个清风案卷窗口或命令使用：请先关闭它，再重试。", "the vault is in use by another qingfeng window or command: close it first, then try again."},
	{store.ErrReadOnly, "案卷库所在位置只读或没有写权限：请把案卷库目录复制到可写的磁盘后再打开（未做任何更改）。", "the vault is on a read-only medium or not writable: copy the vault folder to a writable disk and open it there (nothing was changed)."},
	{store.ErrNoVault, "此目录中没有案卷库：先用 qingfeng init 创建，或用 --vault 指定案卷库所在的目录。", "no vault in this directory: create one with qingfeng init, or name its directory with --vault."},
	{store.ErrVaultExists, "此目录中已有案卷库：换一个目录，或直接打开它。", "a vault already exists here: choose another directory or open it."},
	{store.ErrWrongPassphrase, "口令不正确：请重新输入（多次输错后需等待片刻）。", "wrong passphrase: try again (after repeated failures you must wait a little)."},
	{store.ErrBadRecoveryKey, "恢复密钥格式不对：应为 8 组、每组 4 个字符，请对照保存的恢复密钥重新输入。", "malformed recovery key: it has 8 groups of 4 characters; copy it again from the one you kept."},
	{store.ErrWeakPassphrase, "口令太短：至少 8 个字符，建议使用一句话。", "passphrase too short: use at least 8 characters, a sentence is better."},
	{store.ErrWeakKDF, "案卷库的密钥派生参数低于安全下限，已拒绝：文件可能被改动，请从备份恢复。", "the vault's key derivation parameters are below the safe minimum, so it was refused: the file may have been altered; restore it from a backup."},
	{store.ErrCorrupt, "案卷库数据已损坏或被篡改：请运行命令 qingfeng check 查看详情，并从备份恢复。", "vault data is damaged or was tampered with: run qingfeng check for details and restore from a backup."},
	{store.ErrInternal, "程序内部出错（不是案卷库损坏）：本次操作没有保存任何内容，案卷库可以继续使用；请重试，并把案卷库目录中的 " + store.InternalLogName + " 交给技术支持。", "the program failed internally (the vault is not damaged): nothing of this operation was saved and the vault can be used on; try again, and hand " + store.InternalLogName + " from the vault folder to support."},
	{store.ErrUnsupported, "案卷库由更新版本的程序创建：请升级本程序。", "the vault was written by a newer version: upgrade this program."},
	{store.ErrNotFound, "找不到该记录：它可能已被删除，请核对编号（命令行可用 list 或 search 查找）。", "record not found: it may have been deleted; check the id (list or search finds it on the command line)."},
	{store.ErrInvalidRecord, "记录格式不正确：数据必须是一个 JSON 对象，并写明类型和编号（见 README 的 Record JSON 一节）。", "invalid record: its data must be one JSON object with a type and an id (see the README's Record JSON section)."},
	{store.ErrRevisionMismatch, "该记录已被他人修改：请重新打开后再改。", "the record was changed meanwhile: reopen it and edit again."},
	{store.ErrClosed, "案卷库已锁定：请重新解锁。", "the vault is locked: unlock it again."},
	{store.ErrAttachmentMismatch, "附件内容与登记的校验值不符，附件可能已损坏：请运行命令 qingfeng check，必要时从备份恢复。", "attachment content does not match its hash, it may be damaged: run qingfeng check and restore from a backup if needed."},
	{store.ErrNoConflict, "该记录没有待处理的冲突：无需处理（可能已经处理过）。", "this record has no conflict to resolve: nothing to do (it may have been resolved already)."},
	{store.ErrBadBackup, "备份文件已损坏、被截断或不是清风案卷备份：未做任何更改，请换一份备份。", "the backup file is damaged, truncated or not a qingfeng backup: nothing was changed; use another backup."},

	// store/model
	{model.ErrMissing, "缺少必填项：请补充后再保存。", "a required field is missing: fill it in and save again."},
	{model.ErrInvalidValue, "填写的值不在允许范围内：请从可选项中选择。", "a value is not allowed: choose one of the offered values."},
	{model.ErrInvalidDate, "日期不正确：请按 2026-03-15 的格式填写一个真实的日期。", "invalid date: write a real date as 2026-03-15."},
	{model.ErrDateOrder, "日期先后顺序不对：请核对前后两个日期。", "dates are out of order: check which comes first."},
	{model.ErrInvalidAmount, "金额不正确：请填写不为负数的数字。", "invalid amount: write a number that is not negative."},
	{model.ErrDanglingRef, "引用了不存在的条目（例如未列入的被反映人或案件）：请核对后重新选择。", "it refers to an entry that does not exist (a subject or case not on record, for example): check and choose again."},
	{model.ErrDuplicate, "有重复的条目：同一人员或内容只能出现一次，请删去重复的一项。", "an entry appears twice: each person or item may appear once; remove the duplicate."},
	{model.ErrScheme, "该处置方式不属于本案卷库设定的处置方案：请从方案中选择，或在设置中调整处置方案。", "this disposal is not in the vault's scheme: choose one of the scheme, or change the scheme in the settings."},
	{model.ErrNotDisposed, "该线索尚未处置：请先处置，再进行这一步。", "the lead is not disposed of yet: dispose of it first."},
	{model.ErrOutcomeMissing, "尚未录入处置结果，不能办结：请先录入结果。", "no outcome recorded yet, the lead cannot be closed: record the outcome first."},
	{model.ErrOutcomeNotAllowed, "该结果与处置方式不对应：请选择与处置方式相符的结果。", "this outcome does not follow the disposal: choose an outcome that fits it."},
	{model.ErrLeadClosed, "该线索已办结：不能再处置或录入结果。", "the lead is already closed: it can no longer be disposed of or given an outcome."},
	{model.ErrNumberFormat, "编号格式不正确：须包含 {seq}（序号），可含 {year}（年份），请在设置中改正。", "bad number format: it needs {seq} (the sequence number) and may have {year}; correct it in the settings."},
	{model.ErrTransition, "流程不允许这样流转：请选择允许的下一阶段。", "this stage move is not allowed: choose one of the allowed next stages."},
	{model.ErrMoveKind, "这一流转不能以此方式进行：请换一种流转方式。", "this kind of move is not allowed here: choose another kind."},
	{model.ErrStepMissing, "缺少流转前必须登记的审批或报告：请先登记，再流转。", "an approval or report this move needs is not on record: record it first."},
	{model.ErrLink, "一案双查关联不一致（问责案只能属于一个主案，且自身不能再有问责案）：请核对后重新关联。", "the 一案双查 link is inconsistent (an accountability case belongs to one main case and has none of its own): check and link again."},
	{model.ErrLinkedCases, "该案件还关联着问责案件，不能删除：请先解除一案双查关联。", "the case has linked accountability cases and cannot be deleted: unlink them first."},
	{model.ErrUnknownRule, "没有这个期限规则：请从期限规则中选择。", "no such deadline rule: choose one of the deadline rules."},
	{model.ErrNoPeriod, "该期限由文书规定，没有固定天数：请直接填写到期日期。", "this deadline is set by the document, with no fixed period: enter the due date itself."},
	{model.ErrRuleTable, "期限规则表格式不正确，未使用：请改正规则表后重试。", "the deadline rule table is malformed and was not used: correct it and try again."},
	{model.ErrCalendar, "节假日日历格式不正确，未使用：请改正日历后重试。", "the holiday calendar is malformed and was not used: correct it and try again."},
	{model.ErrSanction, "处分内容前后矛盾：请核对处分种类与期限。", "the sanction is inconsistent: check its kind and period."},

	// store/dossier
	{dossier.ErrWrongType, "该编号对应的是另一类记录（例如把线索当作案件）：请核对编号。", "this id belongs to another kind of record (a lead taken for a case, for example): check the id."},
	{dossier.ErrHasCase, "该线索已转为案件：请打开对应的案件继续办理。", "the lead already has a case: open that case to go on."},
	{dossier.ErrReferenced, "该记录仍被其他记录引用，不能删除：请先解除这些引用。", "the record is still referred to by others and cannot be deleted: remove those references first."},
	{dossier.ErrNotConcluded, "该案件尚未进入审理阶段，不能生成一案两报告：审查调查终结、移送审理后再生成。", "the case has not reached 审理: the two reports are made once the investigation is concluded."},
	{dossier.ErrNoOfficeCode, "设置中没有机关代字，无法编文号：请先在设置中填写机关代字。", "the settings have no office code (机关代字), so no document number can be given: set it first."},
	{dossier.ErrTemplateName, "模板文件中的“名称”与要保存的模板名不一致，未保存：请改正其中一个。", "the template's 名称 line names another template; nothing was saved: make the two agree."},
	{dossier.ErrDocFields, "文书要素必须是一个 JSON 对象，如 {\"审查调查过程\":\"……\"}，未保存：请改正后重试。", "document particulars must be one JSON object, such as {\"审查调查过程\":\"…\"}; nothing was saved: correct it and try again."},

	// export/pdf
	{pdf.ErrFontFormat, "字体文件无法使用（不是 TrueType 字体或已损坏）：请换一个字体文件。", "a font file cannot be used (not TrueType, or damaged): use another font file."},
	{pdf.ErrFontIndex, "字体集合中没有这个字体：请核对字体名称。", "the font collection has no such face: check the face name."},
	{pdf.ErrDocument, "文书内容不完整（至少要有标题或正文），未生成文件：请补充后重试。", "the document is incomplete (it needs a title or a body); no file was written: complete it and try again."},
	{pdf.ErrPage, "没有这一页：请选择文书中存在的页。", "there is no such page: choose a page the document has."},
	{pdf.ErrWrite, "生成 PDF 失败，未写出文件：请检查目标位置是否可写、磁盘是否已满后重试。", "writing the PDF failed; no file was written: check that the target is writable and the disk not full, then try again."},
	{pdf.ErrTemplateSyntax, "文书模板格式有误，未保存也未生成文件：请对照现有模板（qingfeng doc template show 模板名）改正该行。", "the template is malformed, nothing was saved or written: fix that line after an existing template (qingfeng doc template show NAME)."},
	{pdf.ErrTemplateField, "文书缺少必填内容，未生成文件：请用 doc fields 为该案件补充文书要素，或在设置中填写发文机关、机关代字。", "the document lacks a required field, no file was written: add it with doc fields, or set the issuing body and office code in the settings."},
	{pdf.ErrTemplateNotFound, "没有这个文书模板：用 doc templates 查看全部模板名称。", "no such template: list them with doc templates."},

	// export/bundle
	{bundle.ErrWrongKey, "无法解密案卷包：它不是发给本案卷库的，或口令不对。" + unchangedZh, "cannot decrypt the bundle: it was not made for this vault, or the passphrase is wrong." + unchangedEn},
	{bundle.ErrCorrupt, "案卷包已损坏或被改动：请对方重新导出，换一个 U 盘再传。" + unchangedZh, "the bundle is damaged or was altered: ask for a new export on another stick." + unchangedEn},
	{bundle.ErrTruncated, "案卷包不完整（文件被截断）：请重新拷贝。" + unchangedZh, "the bundle is truncated: copy it again." + unchangedEn},
	{bundle.ErrNotBundle, "这不是清风案卷包（.qfb）文件：请选择对方导出的案卷包。" + unchangedZh, "this is not a qingfeng bundle (.qfb): choose the bundle the other side exported." + unchangedEn},
	{bundle.ErrVersion, "案卷包的格式版本不受支持：请升级本程序。" + unchangedZh, "unknown bundle format version: upgrade this program." + unchangedEn},
	{bundle.ErrManifest, "案卷包清单格式不正确，文件可能被改动：请对方重新导出。" + unchangedZh, "the bundle's manifest is malformed; the file may have been altered: ask for a new export." + unchangedEn},
	{bundle.ErrUnsafePath, "案卷包含有越出目录的路径，拒绝导入：请与对方核实来源。" + unchangedZh, "the bundle holds a path that escapes its directory and was refused: check where it came from." + unchangedEn},
	{bundle.ErrDuplicate, "案卷包含有重复条目，拒绝导入：请对方重新导出。" + unchangedZh, "the bundle holds a duplicate entry and was refused: ask for a new export." + unchangedEn},
	{bundle.ErrUnlisted, "案卷包含有清单之外的内容，拒绝导入：请与对方核实来源。" + unchangedZh, "the bundle holds content its manifest does not list and was refused: check where it came from." + unchangedEn},
	{bundle.ErrMissing, "案卷包缺少清单列出的条目，文件可能被改动：请对方重新导出。" + unchangedZh, "an entry listed in the manifest is missing; the file may have been altered: ask for a new export." + unchangedEn},
	{bundle.ErrNotRegular, "案卷包含有非普通文件的条目，拒绝导入：请对方重新导出。" + unchangedZh, "the bundle holds an entry that is not a regular file and was refused: ask for a new export." + unchangedEn},
	{bundle.ErrSize, "案卷包条目大小与清单不符，文件可能被改动：请对方重新导出。" + unchangedZh, "an entry's size differs from the manifest; the file may have been altered: ask for a new export." + unchangedEn},
	{bundle.ErrTooLarge, "案卷包超出大小限制，拒绝导入：请对方分几次导出。" + unchangedZh, "the bundle exceeds a size limit and was refused: ask for the cases in several exports." + unchangedEn},
	{bundle.ErrHash, "案卷包内容与校验值不符，文件可能被改动：请对方重新导出。" + unchangedZh, "content does not match its hash; the file may have been altered: ask for a new export." + unchangedEn},
	{bundle.ErrSignature, "案卷包签名无效，文件可能被改动或伪造：请与对方电话核实。" + unchangedZh, "the bundle's signature is not valid; it may be altered or forged: check with the sender by phone." + unchangedEn},
	{bundle.ErrSenderMismatch, "发件人的密钥与同名（或同密钥）的联系人不一致，可能是冒充：请电话核对指纹。" + unchangedZh, "the sender's keys differ from the known contact of that name or key, possibly an impostor: compare fingerprints by phone." + unchangedEn},
	{bundle.ErrUnknownSender, "发件人不是已知联系人：先与对方电话核对指纹并用 handoff contacts add 添加，或核对无误后加 --trust。" + unchangedZh, "the sender is not a known contact: compare fingerprints by phone and add it with handoff contacts add, or add --trust once checked." + unchangedEn},
	{bundle.ErrBadIdentity, "本案卷库的交换密钥已损坏：请运行命令 qingfeng check，必要时从备份恢复。", "this vault's handoff key is damaged: run qingfeng check and restore from a backup if needed."},
	{bundle.ErrBadContact, "联系卡格式不正确：请完整复制对方 handoff whoami 给出的那一行。", "malformed contact line: copy the whole line the other side's handoff whoami prints."},
	{bundle.ErrBadEntry, "无法写入案卷包：有记录的编号不适合放入案卷包，请运行命令 qingfeng check。", "cannot write the bundle: a record id does not fit the bundle layout; run qingfeng check."},
	{bundle.ErrOptions, "导出设置不完整或相互矛盾：请核对接收人、口令和要导出的案件。", "export options are incomplete or contradictory: check the recipients, the passphrase and the cases."},

	// export/handoff
	{handoff.ErrNoIdentity, "本案卷库还没有交换密钥：先运行 handoff keygen。", "this vault has no handoff key yet: run handoff keygen first."},
	{handoff.ErrIdentityExists, "本案卷库已有交换密钥；重新生成后，发给旧密钥的案卷包将无法打开。确需重建请加 --force。", "this vault already has a handoff key; a new one cannot open bundles sent to the old one. Add --force if you mean it."},
	{handoff.ErrContactExists, "已有同名或同密钥的联系人：先用 handoff contacts remove 删除旧的。", "a contact with this name or these keys exists: remove it first with handoff contacts remove."},
	{handoff.ErrSelfContact, "这是本案卷库自己的联系卡，无需添加。", "this is this vault's own contact line; there is nothing to add."},
	{handoff.ErrNoContact, "没有这个联系人：用 handoff contacts list 查看。", "no such contact: see handoff contacts list."},
	{handoff.ErrNoDossier, "找不到要导出的案件：用 case list 核对编号。", "no case with this id to export: check it with case list."},
	{handoff.ErrRecipients, "请用 --to 指定联系人，或用 --passphrase-env 指定口令，二者选一；并至少指定一个 --dossier。", "name contacts with --to or a passphrase with --passphrase-env, not both, and at least one --dossier."},
	{handoff.ErrForbiddenRecord, "案卷包含有不允许导入的记录（密钥、联系人或本机设置），拒绝导入：请与对方核实来源。" + unchangedZh, "the bundle carries records that are never imported (keys, contacts, local settings) and was refused: check where it came from." + unchangedEn},
	{handoff.ErrBadRecord, "记录格式不正确，拒绝接受：请对方重新导出。" + unchangedZh, "a record is malformed and was refused: ask for a new export." + unchangedEn},
	{handoff.ErrBadAudit, "案卷包中的审计日志格式不正确，拒绝导入：请对方重新导出。" + unchangedZh, "an audit entry in the bundle is malformed and was refused: ask for a new export." + unchangedEn},
	{handoff.ErrMissingContent, "案卷包缺少附件内容：请对方重新导出。" + unchangedZh, "attachment content is missing from the bundle: ask for a new export." + unchangedEn},
	{handoff.ErrContentMismatch, "附件内容与本机同一附件不一致，拒绝导入：请与对方核实是哪一份。" + unchangedZh, "attachment content differs from the local attachment with the same id and was refused: check with the sender which is right." + unchangedEn},

	// casework
	{casework.ErrFutureDate, "日期不能晚于今天：请改正日期。", "the date cannot be after today: correct it."},
	{casework.ErrNoReplyText, "请填写回复内容：督办事项的回复不能为空。", "write what the unit replied: a reply cannot be empty."},

	// app (the window's own errors, declared in window.go)
	{ErrNoDisplay, "未找到图形显示（没有可用的 DISPLAY），无法打开窗口：所有工作都可以用命令行完成，见 qingfeng help。", "no graphical display was found (no usable DISPLAY), so the window cannot open: every task is available as a command-line verb, see qingfeng help."},
	{ErrNeedReason, "请填写理由：这种流转必须说明理由。", "give a reason: this kind of move needs one."},
	{ErrBadDate, "日期格式不对：请按 2026-03-15 的格式填写。", "bad date: write it as 2026-03-15."},
	{ErrCancelled, "已取消，未做任何更改。", "cancelled; nothing was changed."},
	{ErrNeedSource, "请选择线索来源。", "choose where the lead came from."},
	{ErrNeedSummary, "请填写问题摘要：线索必须写明反映的问题。", "write the summary: a lead must say what is reported."},
	{ErrNeedCategory, "请选择问题类别。", "choose the problem category."},
	{ErrNeedReporter, "实名反映须填写反映人姓名。", "a real-name report needs the reporter's name."},
	{ErrFutureDate, "日期不能晚于今天：请改正日期。", "the date cannot be after today: correct it."},
	{ErrNeedReply, "请填写回复内容。", "write what the unit replied."},
	{ErrNoCases, "请至少勾选一个要交接的案件。", "tick at least one case to hand over."},
	{ErrNoRecipient, "请选择接收的联系人，或改用口令。", "choose the receiving contact, or use a passphrase."},
	{ErrShortPass, "案卷包口令至少 8 个字符。", "the bundle passphrase needs at least 8 characters."},
	{ErrPassMismatch, "两次输入的口令不一致：请重新输入。", "the two passphrases differ: type them again."},
	{ErrExportCancelled, "已取消导出：写出的案卷包已删除（审计日志记有此事）。", "export cancelled: the bundle written was removed (the audit log says so)."},
}

// windowTable words, for the window, the errors whose table line names
// command-line verbs and flags: the window names its pages and buttons
// instead. Every error here is also in table, at most once here.
var windowTable = []entry{
	{store.ErrNoVault, "此目录中没有案卷库：请新建一个案卷库，或用 --vault 指定案卷库所在的目录后重新打开程序。", "no vault in this directory: create one, or start the program again with --vault naming its directory."},
	{store.ErrNotFound, "找不到该记录：它可能已被删除，请刷新列表后重试。", "record not found: it may have been deleted; refresh the list and try again."},
	{pdf.ErrTemplateField, "文书缺少必填内容，未生成文件：请补充文书要素，或在设置中填写发文机关、机关代字。", "the document lacks a required field; no file was written: add the particulars, or set the issuing body and office code in the settings."},
	{pdf.ErrTemplateNotFound, "没有这个文书模板：请从模板列表中选择。", "no such template: choose one from the list."},
	{bundle.ErrUnknownSender, "发件人不是已知联系人：请与对方电话核对指纹后添加为联系人，或勾选“信任未知发件人”。" + unchangedZh, "the sender is not a known contact: compare fingerprints by phone and add it, or tick “Trust an unknown sender”." + unchangedEn},
	{bundle.ErrBadContact, "联系卡格式不正确：请完整复制对方“交接”页上显示的那一行。", "malformed contact line: copy the whole line the other side's Handoff page shows."},
	{handoff.ErrNoIdentity, "本案卷库还没有交换密钥：请先在“交接”中点“生成交换密钥”。", "this vault has no handoff key yet: press “Make the handoff key” under Handoff first."},
	{handoff.ErrIdentityExists, "本案卷库已有交换密钥，未重新生成。", "this vault already has a handoff key; none was made."},
	{handoff.ErrContactExists, "已有同名或同密钥的联系人，未添加：请先删除旧的联系人。", "a contact with this name or these keys exists; nothing was added: remove the old contact first."},
	{handoff.ErrNoContact, "没有这个联系人：请在“联系人”中添加。", "no such contact: add it under Contacts."},
	{handoff.ErrNoDossier, "找不到要导出的案件：它可能已被删除，请刷新案件列表后重新勾选。", "no such case to export: it may have been deleted; refresh the case list and tick again."},
}
