#!/usr/bin/env bash
# Times `pauta build` on the Requínoa seed and on synthetic procedures of 100, 1,000 and 5,000
# sections of about 300 words, and, when `hugo` is on PATH, Hugo on the same Markdown in the
# same run. Prints medians of wall time and of peak memory (max RSS), and pauta/Hugo ratios.
# The two tools take turns run by run, so a busy moment of a shared machine falls on both.
#
# Each run builds over the output of the one before, as an author rebuilding does; pauta then
# keeps the files that did not change. FRESH=1 removes every output before each run instead,
# to time first builds.
#
#   bench/build.sh            # sizes 100 1000 5000, 7 runs each (3 for 5,000)
#   RUNS=5 SIZES="100 1000" bench/build.sh
#   FRESH=1 bench/build.sh
#   PAUTA=/tmp/pauta-old FRESH=1 bench/build.sh   # another build of pauta, same corpus
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
FRESH=${FRESH:-}
SIZES=${SIZES:-"100 1000 5000"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/r"

# PAUTA=path times that binary instead, e.g. one built from an earlier commit.
if [ -n "${PAUTA:-}" ]; then cp "$PAUTA" "$work/pauta"; else go build -o "$work/pauta" ./cmd/pauta; fi
have_hugo=false
command -v hugo >/dev/null && have_hugo=true

# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# once NAME CMD...: runs CMD once and appends "wall_s rss_KiB" to $work/NAME. Wall time comes
# from the clock in nanoseconds (/usr/bin/time's %e has 10 ms steps, too coarse for the seed),
# peak memory from /usr/bin/time.
once() {
  local name=$1; shift
  local t0 t1 m
  if [ -n "$FRESH" ]; then
    # sync: the file system finishes freeing what rm removed before the clock starts, so
    # that work does not fall on the run timed.
    rm -rf "$work/seed-out" "$work/hugo-seed-out" "$work"/p*/public "$work"/p*/hugo-out
    sync
  fi
  t0=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$work/t" "$@" >/dev/null 2>&1
  t1=$(date +%s%N)
  read -r m <"$work/t"
  awk -v a="$t0" -v b="$t1" -v m="$m" 'BEGIN {printf "%.4f %s\n", (b-a)/1e9, m}' >>"$work/r/$name"
}

# row NAME: the medians of NAME's runs.
row() {
  printf '%-14s %10s %10s\n' "$1" "$(cut -d' ' -f1 "$work/r/$1" | median)" \
    "$(cut -d' ' -f2 "$work/r/$1" | median | awk '{printf "%.0f", $1/1024}')"
}

# ratio SIZE: pauta's medians over Hugo's.
ratio() {
  local pt pm ht hm
  pt=$(cut -d' ' -f1 "$work/r/pauta-$1" | median); pm=$(cut -d' ' -f2 "$work/r/pauta-$1" | median)
  ht=$(cut -d' ' -f1 "$work/r/hugo-$1" | median); hm=$(cut -d' ' -f2 "$work/r/hugo-$1" | median)
  awk -v a="$pt" -v b="$ht" -v c="$pm" -v d="$hm" -v s="$1" \
    'BEGIN {printf "  %-6s time %.2f  memory %.2f\n", s, a/b, c/d}'
}

if $have_hugo; then
  mkdir -p "$work/hugo-seed/content"
  go run ./bench/gen -n 1 -out "$work/hugo-seed-gen" >/dev/null
  cp -r "$work/hugo-seed-gen/hugo/." "$work/hugo-seed/"
  rm -f "$work/hugo-seed/content/"*.md
  cp content/*.md "$work/hugo-seed/content/"
fi
sizes=(seed)
for n in $SIZES; do
  go run ./bench/gen -n "$n" -out "$work/p$n" >/dev/null
  sizes+=("$n")
done

printf '%-14s %10s %10s\n' "build" "wall (s)" "RSS (MiB)"
for n in "${sizes[@]}"; do
  runs=$RUNS
  [ "$n" != seed ] && [ "$n" -ge 5000 ] && runs=3
  for ((i = 0; i < runs; i++)); do
    if [ "$n" = seed ]; then
      once pauta-seed "$work/pauta" build --out "$work/seed-out"
      $have_hugo && once hugo-seed hugo --quiet -s "$work/hugo-seed" -d "$work/hugo-seed-out"
    else
      once "pauta-$n" "$work/pauta" build --src "$work/p$n" --out "$work/p$n/public"
      $have_hugo && once "hugo-$n" hugo --quiet -s "$work/p$n/hugo" -d "$work/p$n/hugo-out"
    fi
  done
  row "pauta-$n"
  $have_hugo && row "hugo-$n"
done

if $have_hugo; then
  echo
  echo "ratios pauta/hugo (time, memory):"
  for n in "${sizes[@]}"; do ratio "$n"; done
fi
