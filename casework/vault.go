package casework

import "qingfeng/store"

// Vault-wide work: the full check, the search index rebuild, backups and
// restores.

// Check verifies the whole vault (file structure, every record, the
// index, the audit chain, every attachment; see store.Vault.Check). With
// repair, the search index is first rebuilt from the records (audited by
// the store as "reindex"); a failed rebuild is returned before any check.
func (s *Service) Check(repair bool) (*store.Report, error) {
	if repair {
		if err := s.v.Reindex(); err != nil {
			return nil, err
		}
	}
	return s.v.Check(), nil
}

// Backup writes a consistent, sealed copy of the vault to path while it
// stays open (store.Vault.BackupFile): through internal/atomicfile, put in
// place inside the transaction that audits it, so a failed backup leaves
// nothing under path. The backup opens with the passphrase or recovery
// key of the day.
func (s *Service) Backup(path string) error { return s.v.BackupFile(path) }

// Restore replaces the vault in dir with the backup at path, unlocked by
// passphrase (the one of the day the backup was taken): the backup is
// decrypted beside the vault and checked before anything is replaced; the
// replaced file is kept as vault.qfv.before-restore and the restore is
// audited in the restored vault. It is a function, not a method: the
// vault must not be open anywhere while it is replaced. On a refused
// backup the report (when there is one) lists what was wrong.
func Restore(dir, path string, passphrase []byte, opts *store.Options) (*store.Report, error) {
	return store.Restore(dir, path, passphrase, opts)
}
