#!/usr/bin/env bash
# Times `pauta build` on the Requínoa seed and on synthetic procedures of 100, 1,000 and 5,000
# sections of about 300 words, and, when `hugo` is on PATH, Hugo on the same Markdown in the
# same run. Prints medians of wall time and of peak memory (max RSS), and pauta/Hugo ratios.
#
#   bench/build.sh            # sizes 100 1000 5000, 7 runs each (3 for 5,000)
#   RUNS=5 SIZES="100 1000" bench/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
SIZES=${SIZES:-"100 1000 5000"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/pauta" ./cmd/pauta

# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# measure NAME RUNS CMD...: prints "NAME wall_s rss_MiB" (medians)
measure() {
  local name=$1 runs=$2; shift 2
  local times=() rss=()
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>&1
    read -r t m <"$work/t"
    times+=("$t"); rss+=("$m")
  done
  printf '%s %s %s\n' "$name" "$(printf '%s\n' "${times[@]}" | median)" \
    "$(printf '%s\n' "${rss[@]}" | median | awk '{printf "%.0f", $1/1024}')"
}

printf '%-22s %10s %10s\n' "build" "wall (s)" "RSS (MiB)"
results=()
row() { results+=("$1"); set -- $1; printf '%-22s %10s %10s\n' "$1" "$2" "$3"; }

row "$(measure pauta-seed "$RUNS" "$work/pauta" build --out "$work/seed-out")"
if command -v hugo >/dev/null; then
  mkdir -p "$work/hugo-seed/content"
  go run ./bench/gen -n 1 -out "$work/hugo-seed-gen" >/dev/null
  cp -r "$work/hugo-seed-gen/hugo/." "$work/hugo-seed/"
  rm -f "$work/hugo-seed/content/"*.md
  cp content/*.md "$work/hugo-seed/content/"
  row "$(measure hugo-seed "$RUNS" hugo --quiet -s "$work/hugo-seed" -d "$work/hugo-seed-out")"
fi
for n in $SIZES; do
  go run ./bench/gen -n "$n" -out "$work/p$n" >/dev/null
  runs=$RUNS
  [ "$n" -ge 5000 ] && runs=3
  row "$(measure "pauta-$n" "$runs" "$work/pauta" build --src "$work/p$n" --out "$work/p$n/public")"
  if command -v hugo >/dev/null; then
    row "$(measure "hugo-$n" "$runs" hugo --quiet -s "$work/p$n/hugo" -d "$work/p$n/hugo-out")"
  fi
done

if command -v hugo >/dev/null; then
  echo
  echo "ratios pauta/hugo (time, memory):"
  for r in "${results[@]}"; do
    set -- $r
    case $1 in pauta-*)
      size=${1#pauta-}
      for h in "${results[@]}"; do
        set -- $h
        if [ "$1" = "hugo-$size" ]; then
          p=($r)
          awk -v a="${p[1]}" -v b="$2" -v c="${p[2]}" -v d="$3" -v s="$size" \
            'BEGIN {printf "  %-6s time %.2f  memory %.2f\n", s, a/b, c/d}'
        fi
      done ;;
    esac
  done
fi
