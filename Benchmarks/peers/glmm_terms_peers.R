# Times lme4's glmer (defaults: Nelder-Mead then bobyqa, nAGQ = 1) on grouseticks with three
# nested random intercepts, the fit alone (read.csv outside), one line per run:
# peer,run,wall,cpu (user + sys, seconds).
#   Rscript Benchmarks/peers/glmm_terms_peers.R DATA.csv RUNS
suppressPackageStartupMessages(library(lme4))
arguments <- commandArgs(trailingOnly = TRUE)
data <- read.csv(arguments[1])
for (run in seq_len(as.integer(arguments[2]))) {
  timing <- system.time(fit <- glmer(TICKS ~ factor(YEAR) + zHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION),
                                     family = poisson, data = data))
  cat(sprintf("glmer_default,%d,%.3f,%.3f\n", run, timing[["elapsed"]],
              timing[["user.self"]] + timing[["sys.self"]]))
}
