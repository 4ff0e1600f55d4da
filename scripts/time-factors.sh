#!/bin/sh
# Times `qi factors` on the bundled projects data (three outcomes: two GLMMs by adaptive
# quadrature, one Poisson GLMM, ML + CR2, ML, Firth with profile intervals) against the same
# analysis in R (Benchmarks/peers/factors_peer.R), RUNS times each, in one session so that the
# ratio is measured under the same load. Prints wall and user+sys seconds per run; report
# medians. Needs a release build: swift build -c release --product qi
set -eu
RUNS=${RUNS:-5}
QI=${QI:-.build/release/qi}
for run in $(seq "$RUNS"); do
  /usr/bin/time -f "qi factors: wall %e s, user+sys %U+%S s" "$QI" factors datasets/projects.csv \
    --outcome success,sustained_12m,improvements --exposure months_followed --format json \
    > /dev/null 2> /tmp/qi-factors-time.$$ || true
  tail -n 1 /tmp/qi-factors-time.$$
  LC_ALL=C R_LIBS=${R_LIBS:-/tmp/x/rlib} Rscript Benchmarks/peers/factors_peer.R
done
rm -f /tmp/qi-factors-time.$$
