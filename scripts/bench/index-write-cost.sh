#!/bin/bash
# Write cost of assets indexes, in SQLite alone: copies the assets of a database (a copy of a bench
# state, e.g. `sqlite3 <state>/v3/d1/miniflare-D1DatabaseObject/<id>.sqlite ".backup /tmp/b.sqlite"`)
# in 1,000-row transactions (a sync page) into an empty database built from migrations 0000-0006
# (triggers included), plus the statements given for a variant, and prints the CPU seconds.
#
#   scripts/bench/index-write-cost.sh /tmp/b.sqlite [rounds]
#
# Variants: the migrations up to 0006; + the list-filter indexes of migration 0007 (read from
# it) one group at a time; all of them. Machine noise is large on shared cores: compare within a round, run two rounds.
set -euo pipefail
SRC=${1:?usage: index-write-cost.sh <source sqlite> [rounds]}
ROUNDS=${2:-2}
DIR=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
base() { rm -f "$WORK/x.sqlite"; for f in "$DIR"/migrations/000[0-6]*.sql; do sqlite3 "$WORK/x.sqlite" < "$f"; done; }
base
COLS=$(sqlite3 "$WORK/x.sqlite" "select group_concat('\"'||name||'\"', ',') from pragma_table_xinfo('assets') where hidden = 0")
N=$(sqlite3 "$SRC" "select max(rowid) from assets")
{ echo "ATTACH '$SRC' AS src;"; echo "INSERT INTO workspaces SELECT * FROM src.workspaces;"
  for ((i = 0; i * 1000 < N; i++)); do echo "BEGIN; INSERT INTO main.assets ($COLS) SELECT $COLS FROM src.assets WHERE rowid > $((i * 1000)) AND rowid <= $(((i + 1) * 1000)); COMMIT;"; done; } > "$WORK/load.sql"
run() {
  local name=$1; shift
  base
  for s in "$@"; do sqlite3 "$WORK/x.sqlite" "$s"; done
  local cpu
  cpu=$( { /usr/bin/time -f "%U+%S" sqlite3 "$WORK/x.sqlite" < "$WORK/load.sql" > /dev/null; } 2>&1 | tail -1 | bc)
  echo "$name: ${cpu} s CPU, $(sqlite3 "$WORK/x.sqlite" 'select count(*) from assets') rows, load $(cut -d' ' -f1 /proc/loadavg)"
}
# The statements of the migration that adds them (whatever its number after a merge).
stmt() { grep -h "$1" "$DIR"/migrations/*.sql | tail -1 | sed 's/;*--> statement-breakpoint//'; }
CAT=$(stmt 'CREATE INDEX `assets_ws_category_idx`')
ST=$(stmt 'CREATE INDEX `assets_ws_status_idx`')
ON=$(stmt 'CREATE INDEX `assets_ws_online_idx`')
WE=$(stmt 'CREATE INDEX `assets_ws_warranty_end_idx`')
AGECOL=$(stmt 'ADD `age_basis_ms`')
AGE=$(stmt 'CREATE INDEX `assets_ws_age_basis_idx`')
for ((r = 1; r <= ROUNDS; r++)); do
  echo "round $r"
  run "  0000-0006" 
  run "  + category, status, online" "$CAT" "$ST" "$ON"
  run "  + warranty end" "$WE"
  run "  + age basis" "$AGECOL" "$AGE"
  run "  + all of 0007" "$CAT" "$ST" "$ON" "$WE" "$AGECOL" "$AGE"
done
