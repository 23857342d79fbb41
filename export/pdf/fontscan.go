package pdf

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// officialNames lists, per role and in order of preference, the family
// names of the official fonts.
var officialNames = [numRoles][]string{
	RoleFangSong:     {"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "华文仿宋"},
	RoleXiaoBiaoSong: {"方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05", "小标宋"},
	RoleHei:          {"黑体", "SimHei", "STHeiti", "华文黑体"},
	RoleKai:          {"楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", "华文楷体"},
}

// officialFiles maps well-known file names (lower case) to a role and the
// preference rank the file's font would have in officialNames.
var officialFiles = map[string]struct {
	role Role
	rank int
}{
	"fangsong_gb2312.ttf": {RoleFangSong, 0}, "仿宋_gb2312.ttf": {RoleFangSong, 0},
	"simfang.ttf": {RoleFangSong, 2}, "stfangso.ttf": {RoleFangSong, 4},
	"fzxbsjw.ttf": {RoleXiaoBiaoSong, 0}, "方正小标宋简体.ttf": {RoleXiaoBiaoSong, 0},
	"fzxbsk.ttf": {RoleXiaoBiaoSong, 2}, "simhei.ttf": {RoleHei, 0},
	"kaiti_gb2312.ttf": {RoleKai, 0}, "楷体_gb2312.ttf": {RoleKai, 0},
	"simkai.ttf": {RoleKai, 2}, "stkaiti.ttf": {RoleKai, 4},
}

// fontCandidate is one face of a font file with the names it declares.
type fontCandidate struct {
	path  string
	index int
	names []string
}

// SystemFontDirs lists the font folders of Windows, macOS and Linux that
// exist on this machine, user folders included.
func SystemFontDirs() []string {
	var dirs []string
	if w := os.Getenv("WINDIR"); w != "" {
		dirs = append(dirs, filepath.Join(w, "Fonts"))
	}
	if l := os.Getenv("LOCALAPPDATA"); l != "" {
		dirs = append(dirs, filepath.Join(l, "Microsoft", "Windows", "Fonts"))
	}
	dirs = append(dirs, `C:\Windows\Fonts`, "/Library/Fonts", "/System/Library/Fonts",
		"/usr/share/fonts", "/usr/local/share/fonts")
	if h, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(h, "Library", "Fonts"),
			filepath.Join(h, ".local", "share", "fonts"), filepath.Join(h, ".fonts"))
	}
	var out []string
	seen := map[string]bool{}
	for _, d := range dirs {
		key := strings.ToLower(filepath.Clean(d)) // Windows paths differ in case only
		if st, err := os.Stat(d); err == nil && st.IsDir() && !seen[key] {
			seen[key] = true
			out = append(out, d)
		}
	}
	return out
}

// scanFontDirs walks dirs and returns every TrueType face found with its
// names. Unreadable files and folders are skipped.
func scanFontDirs(dirs []string) []fontCandidate {
	var out []fontCandidate
	for _, d := range dirs {
		_ = filepath.WalkDir(d, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return nil
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".ttf", ".ttc":
				out = append(out, fileCandidates(path)...)
			}
			return nil
		})
	}
	return out
}

// fileCandidates reads the names of every face in one font file.
func fileCandidates(path string) []fontCandidate {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	offs, err := faceOffsets(f)
	if err != nil {
		return nil
	}
	var out []fontCandidate
	for i, off := range offs {
		dir, err := readDirectory(f, off)
		if err != nil {
			continue
		}
		name, err := readTable(f, dir["name"])
		if err != nil {
			continue
		}
		out = append(out, fontCandidate{path: path, index: i, names: fontNames(name)})
	}
	return out
}

// rankFor returns the preference rank of a candidate for role (lower is
// better), or -1 when it does not serve the role.
func rankFor(c fontCandidate, role Role) int {
	best := -1
	for rank, want := range officialNames[role] {
		for _, n := range c.names {
			if strings.EqualFold(n, want) && (best < 0 || rank < best) {
				best = rank
			}
		}
	}
	if fr, ok := officialFiles[strings.ToLower(filepath.Base(c.path))]; ok && fr.role == role {
		if best < 0 || fr.rank < best {
			best = fr.rank
		}
	}
	return best
}

// findOfficial loads, per role, the best-ranked candidate that parses as an
// embeddable TrueType face; roles without one stay nil.
func findOfficial(cands []fontCandidate) [numRoles]*Face {
	var out [numRoles]*Face
	for role := Role(0); role < numRoles; role++ {
		var ranked [][]fontCandidate
		for _, c := range cands {
			if r := rankFor(c, role); r >= 0 {
				for len(ranked) <= r {
					ranked = append(ranked, nil)
				}
				ranked[r] = append(ranked[r], c)
			}
		}
		out[role] = firstLoadable(ranked)
	}
	return out
}

// firstLoadable returns the first candidate, by rank, that loads.
func firstLoadable(ranked [][]fontCandidate) *Face {
	for _, group := range ranked {
		for _, c := range group {
			if f, err := loadFaceFile(c.path, c.index); err == nil {
				return f
			}
		}
	}
	return nil
}
