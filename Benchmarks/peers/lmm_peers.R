# Peer timings for `qi fit` linear mixed models: lme4's lmer on the same generated data.
# Writes the data (seeded) to the path given, then times lmer (default control, and bobyqa
# with rhoend 1e-12 as the references use) `runs` times each, printing
# "peer,run,elapsed,user_plus_sys". Used by Benchmarks/peers/lmm_compare.sh.
#   Rscript Benchmarks/peers/lmm_peers.R DATA.csv [groups] [rows_per_group] [runs]
suppressPackageStartupMessages(library(lme4))
arguments <- commandArgs(trailingOnly = TRUE)
path <- arguments[1]
groups <- if (length(arguments) > 1) as.integer(arguments[2]) else 1000L
per_group <- if (length(arguments) > 2) as.integer(arguments[3]) else 100L
runs <- if (length(arguments) > 3) as.integer(arguments[4]) else 5L
set.seed(20261127)
g <- rep(sprintf("p%04d", seq_len(groups)), each = per_group)
x <- rep((seq_len(per_group) - 1) %% 10, groups)
intercepts <- rnorm(groups, 0, 20)[rep(seq_len(groups), each = per_group)]
slopes <- rnorm(groups, 0, 5)[rep(seq_len(groups), each = per_group)]
y <- 250 + 10 * x + intercepts + slopes * x + rnorm(groups * per_group, 0, 25)
write.csv(data.frame(y = y, x = x, g = g), path, row.names = FALSE)
data <- read.csv(path)
tight <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5))
for (run in seq_len(runs)) {
  for (peer in c("lmer_default", "lmer_bobyqa_rhoend_1e-12")) {
    control <- if (peer == "lmer_default") lmerControl() else tight
    time <- system.time(lmer(y ~ x + (x | g), data, control = control))
    cat(sprintf("%s,%d,%.3f,%.3f\n", peer, run, time[["elapsed"]],
                time[["user.self"]] + time[["sys.self"]]))
  }
}
