#!/usr/bin/env bash
# Long-form kill -9 durability check (the short one is Tests/MemchatStoreTests/KillNineTests).
# Builds memchat-bench in release, then N times: start `memchat-bench append-loop` on one
# database, SIGKILL it after a random 30-300 ms, and keep the turn ids it printed on complete
# lines (each printed only after appendTurn returned). At the end every acknowledged id must
# be in the database and the database must pass an integrity check.
# Usage: scripts/kill-loop.sh [N=200]   (needs the sqlite3 command-line tool)
set -euo pipefail
cd "$(dirname "$0")/.."

cycles=${1:-200}
swift build -c release --product memchat-bench
bench=.build/release/memchat-bench

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/memchat.sqlite"
: > "$work/acknowledged"

for ((cycle = 1; cycle <= cycles; cycle++)); do
  "$bench" append-loop --db "$db" > "$work/out" 2> "$work/err" &
  pid=$!
  sleep "0.$(printf '%03d' $((RANDOM % 271 + 30)))"
  kill -KILL "$pid"
  status=0
  wait "$pid" 2>/dev/null || status=$?  # 137: killed by SIGKILL, as intended
  if ((status != 137)); then
    echo "cycle $cycle: append-loop exited with status $status before the kill:" >&2
    cat "$work/err" >&2
    exit 1
  fi
  # A last line without its newline was cut by the kill: not an acknowledgement.
  if [[ -n $(tail -c 1 "$work/out") ]]; then sed -i '$d' "$work/out"; fi
  cat "$work/out" >> "$work/acknowledged"
done

sqlite3 "$db" 'SELECT id FROM turns' | sort -u > "$work/stored"
sort -u "$work/acknowledged" > "$work/acknowledged.sorted"
missing=$(comm -23 "$work/acknowledged.sorted" "$work/stored" | wc -l)
integrity=$(sqlite3 "$db" 'PRAGMA integrity_check')

echo "kills:               $cycles"
echo "acknowledged turns:  $(wc -l < "$work/acknowledged.sorted")"
echo "turns in database:   $(wc -l < "$work/stored")"
echo "missing turns:       $missing"
echo "integrity check:     $integrity"
[[ $missing -eq 0 && $integrity == ok ]]
