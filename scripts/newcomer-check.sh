#!/usr/bin/env bash
# The newcomer's path, checked: runs the README's first command (`./everynode up`, here with a
# data dir and port of its own so it cannot collide with a cluster the developer runs), takes the
# kubectl command it prints after "Try:", runs it verbatim and expects the three nodes Ready.
# Then stops `up` with Ctrl-C (SIGINT) and expects a clean exit. Run by scripts/test after the
# Maven build (which made the jar the launcher uses).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
tmp="$(mktemp -d)"
out="$tmp/up.out"
cleanup() {
  if [ -n "${pid:-}" ] && kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# Job control on: without it bash starts background commands with SIGINT ignored, and the
# Ctrl-C below would not reach `up` the way a terminal's does.
set -m
./everynode up --data-dir "$tmp/cluster" --port 0 >"$out" 2>"$tmp/up.err" &
pid=$!
set +m
for _ in $(seq 1 120); do
  grep -q '^Try:' "$out" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { echo "newcomer check: everynode up exited early:"; cat "$out" "$tmp/up.err"; exit 1; }
  sleep 1
done
try="$(grep '^Try:' "$out" | sed 's/^Try:[[:space:]]*//')"
[ -n "$try" ] || { echo "newcomer check: up printed no kubectl command:"; cat "$out" "$tmp/up.err"; exit 1; }
echo "newcomer check: up printed: $try"
ready=0
for _ in $(seq 1 30); do
  nodes="$(bash -c "$try" 2>&1 || true)"
  ready="$(printf '%s\n' "$nodes" | awk 'NR > 1 && $2 == "Ready"' | wc -l)"
  [ "$ready" -eq 3 ] && break
  sleep 1
done
printf '%s\n' "$nodes"
[ "$ready" -eq 3 ] || { echo "newcomer check: expected 3 Ready nodes, saw $ready"; exit 1; }
kill -INT "$pid"
for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
if kill -0 "$pid" 2>/dev/null; then echo "newcomer check: up did not stop on Ctrl-C"; exit 1; fi
echo "newcomer check: passed"
