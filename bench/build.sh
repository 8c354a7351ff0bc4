#!/usr/bin/env bash
# Times `pauta build` on the Requínoa seed and on synthetic procedures of 100, 1,000 and 5,000
# sections of about 300 words (bench/gen: a vocabulary of thousands of words with a Zipf-like
# frequency), and, in the same runs, Hugo on the same text (a site of one page per section, with
# a sidebar of chapters and links to the page before and after, bench/gen's theme) and Hugo then
# Pagefind (`pagefind --site` on Hugo's output), as a Hugo site with search is built.
# Prints medians of wall time, of CPU time (user + system) and of peak memory (max RSS), the
# ratios of pauta's medians to the others', and pauta's time and memory per section.
#
# Every build is fresh: each run removes every output first (nothing kept from a previous
# build), which is the headline. FRESH=0 builds each run over the output of the one before
# instead, as an author rebuilding does (pauta then keeps the files that did not change).
# Runs are paired and alternate which tool goes first and which follows which, so a busy
# moment of a shared machine falls on all of them; the load average is printed before and after.
#
#   bench/build.sh            # seed and sizes 100 1000 5000, 7 runs each (3 for 5,000)
#   RUNS=5 SIZES="100 1000" bench/build.sh
#   FRESH=0 bench/build.sh    # incremental rebuilds
#   PAUTA=/tmp/pauta-old bench/build.sh   # another build of pauta, same corpus
#   BASE=/tmp/pauta-old bench/build.sh    # this pauta and another one in the same runs
#
# Hugo is used when `hugo` is on PATH (or HUGO=path), Pagefind when `pagefind` is (or
# PAGEFIND=path), e.g. `npm install --prefix /tmp/pagefind pagefind@1.6.0` and
# PAGEFIND=/tmp/pagefind/node_modules/.bin/pagefind.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
FRESH=${FRESH:-1}
SIZES=${SIZES:-"100 1000 5000"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/r"

# PAUTA=path times that binary instead, e.g. one built from an earlier commit.
if [ -n "${PAUTA:-}" ]; then cp "$PAUTA" "$work/pauta"; else go build -o "$work/pauta" ./cmd/pauta; fi
# BASE=path also times that binary in the same runs, taking turns with the others, and prints
# pauta's ratios to it: a change measured against the binary before it, under the same load.
BASE=${BASE:-}
[ -n "$BASE" ] && cp "$BASE" "$work/base" && echo "base: $BASE"
HUGO=${HUGO:-$(command -v hugo || true)}
PAGEFIND=${PAGEFIND:-$(command -v pagefind || true)}
if [ -n "$HUGO" ]; then echo "hugo: $("$HUGO" version | cut -d' ' -f1-2)"; else echo "hugo: not found, timing pauta alone"; fi
if [ -n "$HUGO" ] && [ -n "$PAGEFIND" ]; then echo "pagefind: $("$PAGEFIND" --version)"; else PAGEFIND=; echo "pagefind: not found, no Hugo + Pagefind column"; fi
if [ "$FRESH" = 0 ]; then echo "builds: incremental (each over the previous output)"; else echo "builds: fresh"; fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# once NAME CMD...: runs CMD once and appends "wall_s rss_KiB cpu_s" to $work/r/NAME. Wall time
# comes from the clock in nanoseconds (/usr/bin/time's %e has 10 ms steps, too coarse for the
# seed), peak memory and CPU time from /usr/bin/time.
once() {
  local name=$1; shift
  local t0 t1 m u s
  t0=$(date +%s%N)
  /usr/bin/time -f "%M %U %S" -o "$work/t" "$@" >/dev/null 2>&1
  t1=$(date +%s%N)
  read -r m u s <"$work/t"
  awk -v a="$t0" -v b="$t1" -v m="$m" -v c="$u+$s" 'BEGIN {split(c, x, "+"); printf "%.4f %s %.2f\n", (b-a)/1e9, m, x[1]+x[2]}' >>"$work/r/$name"
}

# fresh DIR...: removes outputs before a run. sync: the file system finishes freeing what rm
# removed before the clock starts, so that work does not fall on the run timed.
fresh() {
  [ "$FRESH" = 0 ] && return
  rm -rf "$@"
  sync
}

# col NAME FIELD: the median of FIELD (1 wall, 2 RSS, 3 CPU) over NAME's runs.
col() { cut -d' ' -f"$2" "$work/r/$1" | median; }

# row NAME: the medians of NAME's runs.
row() {
  [ -s "$work/r/$1" ] || return 0
  printf '%-22s %9.3f %9.2f %10.0f\n' "$1" "$(col "$1" 1)" "$(col "$1" 3)" "$(col "$1" 2 | awk '{print $1/1024}')"
}

# sum A B NAME: run by run, the wall and CPU times of A and B added and the larger peak memory,
# for a tool run after another (Hugo then Pagefind).
sum() {
  paste -d' ' "$work/r/$1" "$work/r/$2" | awk '{printf "%.4f %s %.2f\n", $1+$4, ($2>$5?$2:$5), $3+$6}' >"$work/r/$3"
}

# ratio SIZE OTHER: pauta's medians over OTHER's (wall time, CPU time, memory).
ratio() {
  [ -s "$work/r/$2-$1" ] || return 0
  awk -v a="$(col "pauta-$1" 1)" -v b="$(col "$2-$1" 1)" -v c="$(col "pauta-$1" 3)" -v d="$(col "$2-$1" 3)" \
    -v e="$(col "pauta-$1" 2)" -v f="$(col "$2-$1" 2)" -v s="$1" -v o="$2" \
    'BEGIN {printf "  %-6s pauta/%-14s time %.2f  cpu %.2f  memory %.2f\n", s, o, a/b, (d > 0 ? c/d : 0), e/f}'
}

sizes=(seed)
if [ -n "$HUGO" ]; then
  go run ./bench/gen -from . -out "$work/pseed" >/dev/null
fi
for n in $SIZES; do
  echo "corpus $n: $(go run ./bench/gen -n "$n" -out "$work/p$n")"
  sizes+=("$n")
done

# build SIZE TOOL: one build of SIZE by TOOL (pauta or base, or hugo followed by pagefind).
build() {
  local n=$1 src=$work/p$1
  case $2 in
  pauta | base)
    if [ "$n" = seed ]; then
      fresh "$work/$2-seed-out"
      once "$2-seed" "$work/$2" build --out "$work/$2-seed-out"
    else
      fresh "$src/$2-out"
      once "$2-$n" "$work/$2" build --src "$src" --out "$src/$2-out"
    fi
    ;;
  hugo)
    fresh "$src/hugo-out" "$src/hugo/resources"
    once "hugo-$n" "$HUGO" --quiet -s "$src/hugo" -d "$src/hugo-out"
    [ -n "$PAGEFIND" ] && once "pagefind-$n" "$PAGEFIND" --site "$src/hugo-out"
    ;;
  esac
  return 0
}

tools=(pauta)
[ -n "$BASE" ] && tools+=(base)
[ -n "$HUGO" ] && tools+=(hugo)
for n in "${sizes[@]}"; do
  runs=$RUNS
  [ "$n" != seed ] && [ "$n" -ge 5000 ] && runs=$(( RUNS < 3 ? RUNS : 3 ))
  nt=${#tools[@]}
  for ((i = 0; i < runs; i++)); do
    # Each run starts with the next tool, so over the runs each goes first as often; every
    # other cycle goes the other way round, so each tool also follows each other as often.
    # (Always in one direction, pauta ran right after Hugo in every run, and its seed build
    # came out 5-7 % slower than the same binary timed as base.)
    for ((k = 0; k < nt; k++)); do
      if (((i / nt) % 2)); then
        build "$n" "${tools[(i - k + 2 * nt) % nt]}"
      else
        build "$n" "${tools[(i + k) % nt]}"
      fi
    done
  done
  [ -n "$PAGEFIND" ] && sum "hugo-$n" "pagefind-$n" "hugo+pagefind-$n"
done

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '%-22s %9s %9s %10s\n' "build (medians)" "wall (s)" "CPU (s)" "RSS (MiB)"
for n in "${sizes[@]}"; do
  row "pauta-$n"; row "base-$n"; row "hugo-$n"; row "pagefind-$n"; row "hugo+pagefind-$n"
done

if [ -n "$HUGO" ] || [ -n "$BASE" ]; then
  echo
  echo "ratios of the medians:"
  for n in "${sizes[@]}"; do ratio "$n" base; ratio "$n" hugo; ratio "$n" hugo+pagefind; done
fi

# Per section: each size's medians over its section count, and between consecutive sizes what
# each further section costs; equal figures mean linear.
echo
echo "pauta per section:"
prev=
for n in "${sizes[@]}"; do
  [ "$n" = seed ] && continue
  t=$(col "pauta-$n" 1); m=$(col "pauta-$n" 2)
  line=$(awk -v t="$t" -v m="$m" -v n="$n" 'BEGIN {printf "  %-6s %.3f ms  %.1f KiB", n, 1000*t/n, m/n}')
  if [ -n "$prev" ]; then
    read -r pn pt pm <<<"$prev"
    line+=$(awk -v t="$t" -v m="$m" -v n="$n" -v pt="$pt" -v pm="$pm" -v pn="$pn" \
      'BEGIN {printf "   from %d: %.3f ms  %.1f KiB a further section", pn, 1000*(t-pt)/(n-pn), (m-pm)/(n-pn)}')
  fi
  echo "$line"
  prev="$n $t $m"
done
