# Checks a GLMM estimate on the benchmark's mixed file against lme4's own Laplace objective:
# lme4's deviance function (nAGQ = 1, conditional modes to tolPwrss = 1e-13) evaluated at the
# given (sigma, beta), its log-likelihood there, and its central-difference gradient (step 1e-5).
# A gradient g with the fit's covariance C puts the optimum of lme4's objective C g away.
#   Rscript Benchmarks/peers/glmm_optimum_check.R SIGMA B0 B1 B2 B3 B4
# (QIKit's estimate is printed by `regression-fit-once glmm`.)
suppressPackageStartupMessages(library(lme4))
estimate <- as.numeric(commandArgs(trailingOnly = TRUE))
stopifnot(length(estimate) == 6)
path <- Sys.glob(file.path(Sys.getenv("TMPDIR", "/tmp"), "qikit-benchmarks",
                           "regression-mixed-100000-rows-seed-*.csv"))[1]
mixed <- read.csv(path, stringsAsFactors = TRUE)
deviance <- glmer(y ~ x1 + x2 + x3 + x4 + (1 | g), family = binomial, data = mixed,
                  devFunOnly = TRUE, control = glmerControl(tolPwrss = 1e-13))
logLik <- function(p) -deviance(p) / 2
h <- 1e-5
gradient <- sapply(seq_along(estimate), function(k) {
  step <- replace(numeric(length(estimate)), k, h)
  (logLik(estimate + step) - logLik(estimate - step)) / (2 * h)
})
cat(sprintf("lme4 %s: Laplace log-likelihood at the estimate %.10f\n", packageVersion("lme4"),
            logLik(estimate)))
cat("central-difference gradient over (sigma, beta):", sprintf("%.3g", gradient), "\n")
