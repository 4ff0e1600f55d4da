#!/bin/sh
# Times `qi fit` (release build) on a linear mixed model with a correlated random slope,
# y ~ x + (x | g), 1,000 groups of 100 rows, beside lme4's lmer on the same file, and prints
# the medians of wall and CPU (user + sys) time. OpenBLAS runs single-threaded (the blocks
# are tiny; its threads only add system time). Reading the CSV is included for both (R's
# read.csv is outside its timing: R's figures are the fit alone).
#   sh Benchmarks/peers/lmm_compare.sh [runs]
set -eu
runs=${1:-5}
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
swift build -c release --product qi >/dev/null
Rscript Benchmarks/peers/lmm_peers.R "$folder/lmm.csv" 1000 100 "$runs" > "$folder/peers.csv"
for run in $(seq "$runs"); do
  /usr/bin/time -f "qi,$run,%e,%U,%S" -a -o "$folder/qi.csv" env OPENBLAS_NUM_THREADS=1 \
    .build/release/qi fit "$folder/lmm.csv" --formula "y ~ x + (x | g)" --format json >/dev/null
done
awk -F, '{ print $1 "," $2 "," $3 "," $4 + $5 }' "$folder/qi.csv" >> "$folder/peers.csv"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for peer in qi lmer_default lmer_bobyqa_rhoend_1e-12; do
  wall=$(grep "^$peer," "$folder/peers.csv" | cut -d, -f3 | median)
  cpu=$(grep "^$peer," "$folder/peers.csv" | cut -d, -f4 | median)
  echo "$peer: median wall $wall s, median CPU (user+sys) $cpu s over $runs runs"
done
