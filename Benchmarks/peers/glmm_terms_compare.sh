#!/bin/sh
# Times `qi fit` (release build) on a Poisson mixed model with three nested random intercepts,
# TICKS ~ factor(YEAR) + zHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION) on lme4's
# grouseticks (403 rows, 584 random effects), beside lme4's glmer with its defaults on the
# same file, and prints the medians of wall and CPU (user + sys) time. OpenBLAS runs
# single-threaded. Reading the CSV is included for qi (R's read.csv is outside its timing).
#   sh Benchmarks/peers/glmm_terms_compare.sh [runs]
set -eu
runs=${1:-5}
data=notebooks/reference/regression/data/grouseticks.csv
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
swift build -c release --product qi >/dev/null
Rscript Benchmarks/peers/glmm_terms_peers.R "$data" "$runs" > "$folder/peers.csv"
for run in $(seq "$runs"); do
  /usr/bin/time -f "qi,$run,%e,%U,%S" -a -o "$folder/qi.csv" env OPENBLAS_NUM_THREADS=1 \
    .build/release/qi fit "$data" --family poisson --format json \
    --formula "TICKS ~ factor(YEAR) + zHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)" >/dev/null
done
awk -F, '{ print $1 "," $2 "," $3 "," $4 + $5 }' "$folder/qi.csv" >> "$folder/peers.csv"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for peer in qi glmer_default; do
  wall=$(grep "^$peer," "$folder/peers.csv" | cut -d, -f3 | median)
  cpu=$(grep "^$peer," "$folder/peers.csv" | cut -d, -f4 | median)
  echo "$peer: median wall $wall s, median CPU (user+sys) $cpu s over $runs runs"
done
