// Package msg turns errors from store/ and export/ into one-line messages for
// people: what failed and what to do. It is the only place that does so; the
// CLI and the window both use it. Chinese is the default language.
package msg

import (
	"errors"
	"os"
	"strings"
	"sync/atomic"
	"syscall"

	"qingfeng/store"
)

// entry is the Chinese and English text for one error.
type entry struct {
	err    error
	zh, en string
}

var lang atomic.Value // "zh" or "en"

// SetLang selects the language ("zh" or "en"); anything else means Chinese.
func SetLang(l string) {
	if strings.HasPrefix(strings.ToLower(l), "en") {
		lang.Store("en")
		return
	}
	lang.Store("zh")
}

// Lang returns the current language.
func Lang() string {
	if l, ok := lang.Load().(string); ok {
		return l
	}
	return "zh"
}

func init() { SetLang(os.Getenv("QINGFENG_LANG")) }

var table []entry

// Register adds messages for an error; packages above store/ (export, app)
// register their own sentinels at init.
func Register(err error, zh, en string) { table = append(table, entry{err, zh, en}) }

func init() {
	Register(store.ErrVaultInUse, "案卷库正被另一个清风案卷程序使用（vault is in use by another qingfeng process）：请先关闭另一个窗口或命令。", "vault is in use by another qingfeng process: close the other window or command first.")
	Register(store.ErrReadOnly, "案卷库所在位置只读或没有写权限：请把案卷库目录复制到可写的磁盘后再打开（未做任何更改）。", "the vault is on a read-only medium or not writable: copy the vault folder to a writable disk and open it there (nothing was changed).")
	Register(store.ErrNoVault, "此目录中没有案卷库：先用 init 创建，或用 --vault 指定目录。", "no vault in this directory: create one with init, or name the directory with --vault.")
	Register(store.ErrVaultExists, "此目录中已有案卷库：换一个目录，或直接打开它。", "a vault already exists here: choose another directory or open it.")
	Register(store.ErrWrongPassphrase, "口令不正确：请重新输入（多次输错后需等待片刻）。", "wrong passphrase: try again (after repeated failures you must wait a little).")
	Register(store.ErrBadRecoveryKey, "恢复密钥格式不对：应为 8 组、每组 4 个字符。", "malformed recovery key: it has 8 groups of 4 characters.")
	Register(store.ErrWeakPassphrase, "口令太短：至少 8 个字符，建议使用一句话。", "passphrase too short: use at least 8 characters, a sentence is better.")
	Register(store.ErrWeakKDF, "密钥派生参数低于下限，拒绝使用。", "key derivation parameters below the minimum; refused.")
	Register(store.ErrCorrupt, "案卷库数据已损坏或被篡改：请运行 check 查看详情，并从备份恢复。", "vault data is damaged or was tampered with: run check for details and restore from a backup.")
	Register(store.ErrUnsupported, "案卷库由更新版本的程序创建：请升级本程序。", "the vault was written by a newer version: upgrade this program.")
	Register(store.ErrNotFound, "找不到该记录：请用 list 或 search 核对编号。", "record not found: check the id with list or search.")
	Register(store.ErrInvalidRecord, "记录格式不正确：数据必须是 JSON 对象（见 README 的数据格式）。", "invalid record: data must be a JSON object (see the README's schema).")
	Register(store.ErrRevisionMismatch, "该记录已被他人修改：请重新打开后再改。", "the record was changed meanwhile: reopen it and edit again.")
	Register(store.ErrClosed, "案卷库已锁定：请重新解锁。", "the vault is locked: unlock it again.")
	Register(store.ErrAttachmentMismatch, "附件内容与登记的校验值不符：附件可能已损坏。", "attachment content does not match its hash: it may be damaged.")
	Register(store.ErrNoConflict, "该记录没有待处理的冲突。", "this record has no conflict to resolve.")
	Register(store.ErrBadBackup, "备份文件已损坏、被截断或不是清风案卷备份：未做任何更改。", "the backup file is damaged, truncated or not a qingfeng backup: nothing was changed.")
}

// Text returns the one-line message for err. An error not in the table is
// shown with a generic prefix and its own text, so nothing is hidden.
func Text(err error) string {
	if err == nil {
		return ""
	}
	for i := len(table) - 1; i >= 0; i-- {
		e := table[i]
		if errors.Is(err, e.err) {
			detail := detailOf(err, e.err)
			if Lang() == "en" {
				return e.en + detail
			}
			return e.zh + detail
		}
	}
	if diskFull(err) {
		if Lang() == "en" {
			return "the disk is full: free some space and try again; nothing was changed (" + err.Error() + ")"
		}
		return "磁盘空间不足：请腾出空间后重试；本次操作未写入任何内容（" + err.Error() + "）"
	}
	if Lang() == "en" {
		return "failed: " + err.Error()
	}
	return "操作失败：" + err.Error()
}

// diskFull recognises a full disk or quota, also when a library reported it
// as text instead of wrapping the system error (bbolt does).
func diskFull(err error) bool {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EFBIG) {
		return true
	}
	s := err.Error()
	return strings.Contains(s, "no space left on device") || strings.Contains(s, "file too large") || strings.Contains(s, "disk quota exceeded")
}

// detailOf keeps the specific part of a wrapped error ("record dossier/x"),
// which helps a person find the place, without repeating the sentinel.
func detailOf(err, sentinel error) string {
	s := err.Error()
	if s == sentinel.Error() {
		return ""
	}
	s = strings.TrimPrefix(strings.ReplaceAll(s, sentinel.Error(), ""), ": ")
	s = strings.Trim(s, " :")
	if s == "" {
		return ""
	}
	return "（" + s + "）"
}
