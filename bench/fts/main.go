// Command fts compares the vault's search with SQLite FTS5 (trigram
// tokenizer), the usual alternative, on the same dossiers in one run: p50/p95
// latency of the first 50 hits and the size on disk. It lives in its own
// module so the program never depends on SQLite.
//
//	go run . -vault ../../.bench/vault-100000
package main

import (
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	_ "modernc.org/sqlite"

	"qingfeng/store"
)

var queries = []string{"喆", "堃", "礼金", "津补贴", "工程项目", "违规 公车", "收受购物卡"}

var columns = []string{"title", "number", "subject", "unit", "summary", "handler"}

func main() {
	dir := flag.String("vault", "../../.bench/vault-100000", "vault built by the store benchmarks")
	pass := flag.String("pass", "correct horse battery", "its passphrase")
	runs := flag.Int("runs", 300, "searches per engine")
	flag.Parse()
	v, err := store.Open(*dir, []byte(*pass), nil)
	if err != nil {
		log.Fatal(err)
	}
	defer v.Close()
	rows := loadRows(v)
	db, dbPath := buildFTS(rows)
	defer os.RemoveAll(filepath.Dir(dbPath))
	checkCounts(v, db)
	ours := timeIt(*runs, func(q string) { searchOurs(v, q, 50) })
	theirs := timeIt(*runs, func(q string) { searchFTS(db, q, 50) })
	theirsCount := timeIt(*runs, func(q string) { searchFTS(db, q, 50); countFTS(db, q) })
	vs, _ := os.Stat(store.Path(*dir))
	fs, _ := os.Stat(dbPath)
	fmt.Printf("search %d dossiers, first 50 hits, %d runs each\n", len(rows), *runs)
	fmt.Printf("%-22s %8s %8s %10s\n", "", "p50 ms", "p95 ms", "size MB")
	fmt.Printf("%-22s %8.2f %8.2f %10.0f  (encrypted records + keyed index + audit)\n", "qingfeng vault", ours[0], ours[1], float64(vs.Size())/1e6)
	fmt.Printf("%-22s %8.2f %8.2f %10.0f  (plaintext, FTS5 trigram)\n", "SQLite FTS5 trigram", theirs[0], theirs[1], float64(fs.Size())/1e6)
	fmt.Printf("%-22s %8.2f %8.2f             (first 50 plus count(*) of all hits, which ours returns with them)\n", "SQLite FTS5 + count", theirsCount[0], theirsCount[1])
	fmt.Printf("ratio p95 (SQLite / ours): %.2f first 50; %.2f with the count\n", theirs[1]/ours[1], theirsCount[1]/ours[1])
}

// loadRows decrypts every dossier's searchable fields.
func loadRows(v *store.Vault) [][]string {
	var rows [][]string
	err := v.View(func(tx *store.Tx) error {
		return tx.List("dossier", func(r *store.Record) error {
			var d map[string]any
			json.Unmarshal(r.Data, &d)
			row := make([]string, len(columns))
			for i, c := range columns {
				row[i], _ = d[c].(string)
			}
			rows = append(rows, row)
			return nil
		})
	})
	if err != nil {
		log.Fatal(err)
	}
	return rows
}

func buildFTS(rows [][]string) (*sql.DB, string) {
	tmp, _ := os.MkdirTemp("", "fts-bench-")
	path := filepath.Join(tmp, "fts.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		log.Fatal(err)
	}
	must(db.Exec(fmt.Sprintf("CREATE VIRTUAL TABLE t USING fts5(%s, tokenize='trigram')", strings.Join(columns, ", "))))
	tx, _ := db.Begin()
	stmt, _ := tx.Prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)")
	for _, r := range rows {
		must(stmt.Exec(r[0], r[1], r[2], r[3], r[4], r[5]))
	}
	if err := tx.Commit(); err != nil {
		log.Fatal(err)
	}
	return db, path
}

// ftsWhere builds the query the alternative needs: MATCH for terms of three
// characters or more (the trigram index), LIKE for shorter ones (a scan:
// trigram cannot index them).
func ftsWhere(q string) (string, []any) {
	var conds []string
	var args []any
	for _, term := range strings.Fields(q) {
		if len([]rune(term)) >= 3 {
			conds = append(conds, "t MATCH ?")
			args = append(args, `"`+term+`"`)
			continue
		}
		var ors []string
		for _, c := range columns {
			ors = append(ors, c+" LIKE ?")
			args = append(args, "%"+term+"%")
		}
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	return strings.Join(conds, " AND "), args
}

func searchFTS(db *sql.DB, q string, limit int) int {
	where, args := ftsWhere(q)
	rows, err := db.Query("SELECT rowid FROM t WHERE "+where+fmt.Sprintf(" LIMIT %d", limit), args...)
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n
}

func countFTS(db *sql.DB, q string) int {
	where, args := ftsWhere(q)
	var n int
	if err := db.QueryRow("SELECT count(*) FROM t WHERE "+where, args...).Scan(&n); err != nil {
		log.Fatal(err)
	}
	return n
}

func searchOurs(v *store.Vault, q string, limit int) int {
	var n int
	err := v.View(func(tx *store.Tx) error {
		res, err := tx.Search(q, limit)
		if err == nil {
			n = len(res.Records)
		}
		return err
	})
	if err != nil {
		log.Fatal(err)
	}
	return n
}

// checkCounts makes sure both engines find the same number of dossiers.
func checkCounts(v *store.Vault, db *sql.DB) {
	for _, q := range queries {
		where, args := ftsWhere(q)
		var theirs int
		if err := db.QueryRow("SELECT count(*) FROM t WHERE "+where, args...).Scan(&theirs); err != nil {
			log.Fatal(err)
		}
		ours := searchOurs(v, q, 0)
		fmt.Printf("%-10s %6d hits (SQLite %6d)\n", q, ours, theirs)
		if ours != theirs {
			log.Fatalf("engines disagree on %q", q)
		}
	}
}

// timeIt runs fn over the queries round-robin and returns p50 and p95 in ms.
func timeIt(runs int, fn func(q string)) [2]float64 {
	var d []time.Duration
	for i := 0; i < runs; i++ {
		start := time.Now()
		fn(queries[i%len(queries)])
		d = append(d, time.Since(start))
	}
	slices.Sort(d)
	ms := func(q float64) float64 { return float64(d[int(q*float64(len(d)-1))].Microseconds()) / 1000 }
	return [2]float64{ms(0.5), ms(0.95)}
}

func must(_ sql.Result, err error) {
	if err != nil {
		log.Fatal(err)
	}
}
