# Times R's peers of QIKit's regression fits on the benchmark data written by
# `regression-fit-once generate` (Benchmarks/Sources/BenchmarkInputs/RegressionDataFile.swift):
#   logistic GLM, n = 1,000,000, p = 20:      stats::glm(family = binomial)
#   binomial GLMM, n = 100,000, 1,000 groups: lme4::glmer(nAGQ = 1), default settings
# Reading the CSV is outside the timed region (as for QIKit); glm and glmer build their model
# frame inside it, as `qi fit` does. Prints medians of RUNS runs of wall-clock (elapsed) and
# CPU (user + sys) time, and the estimates. With --tight it also fits glmer tightly converged
# (bobyqa rhoend 1e-12, tolPwrss 1e-13, restarted from its optimum until the deviance settles;
# untimed), the reference QIKit's GLMM estimates are compared with.
# With --glm-only it stops after the logistic GLM.
#   Rscript Benchmarks/peers/regression_peers.R [RUNS] [--tight] [--glm-only]
suppressPackageStartupMessages(library(lme4))
args <- commandArgs(trailingOnly = TRUE)
runs <- if (length(args) > 0 && !startsWith(args[1], "--")) as.integer(args[1]) else 3L
tight <- "--tight" %in% args
glm_only <- "--glm-only" %in% args
dir <- file.path(Sys.getenv("TMPDIR", "/tmp"), "qikit-benchmarks")
logistic_path <- Sys.glob(file.path(dir, "regression-logistic-1000000-rows-seed-*.csv"))[1]
mixed_path <- Sys.glob(file.path(dir, "regression-mixed-100000-rows-seed-*.csv"))[1]
if (is.na(logistic_path) || is.na(mixed_path)) stop("run `regression-fit-once generate` first")

timed <- function(f) {
  times <- lapply(seq_len(runs), function(i) {
    gc()
    t <- system.time(result <- f())
    list(wall = t[["elapsed"]], cpu = t[["user.self"]] + t[["sys.self"]], result = result)
  })
  list(wall = median(vapply(times, `[[`, 0, "wall")), cpu = median(vapply(times, `[[`, 0, "cpu")),
       result = times[[runs]]$result)
}
report <- function(label, timing, estimates, errors) {
  cat(sprintf("%s: median wall %.3f s, CPU %.3f s (%d runs)\n", label, timing$wall, timing$cpu, runs))
  for (j in seq_along(estimates)) {
    cat(sprintf("  %s %.12g %.12g\n", names(estimates)[j], estimates[j], errors[j]))
  }
}
cat(sprintf("R %s, lme4 %s, BLAS %s\n", getRversion(), packageVersion("lme4"),
            extSoftVersion()[["BLAS"]]))

logistic <- read.csv(logistic_path)
glm_timing <- timed(function() glm(y ~ ., family = binomial, data = logistic))
fit <- glm_timing$result
report("R glm logistic n=1e6 p=20", glm_timing, coef(fit), sqrt(diag(vcov(fit))))
cat(sprintf("  deviance %.10f, iterations %d\n", deviance(fit), fit$iter))
# glm's standard errors use the weights of its last iteration, at the previous estimate; one
# more iteration from its estimate (untimed) gives them at the estimate, as QIKit reports them.
polished <- suppressWarnings(glm(y ~ ., family = binomial, data = logistic, start = coef(fit),
                control = glm.control(maxit = 1)))
cat("  standard errors at the estimate (one more iteration, untimed):\n")
cat(sprintf("  %s %.12g\n", names(coef(polished)), sqrt(diag(vcov(polished)))), sep = "")
rm(logistic, fit, glm_timing); invisible(gc())
if (glm_only) quit(save = "no")

mixed <- read.csv(mixed_path, stringsAsFactors = TRUE)
formula <- y ~ x1 + x2 + x3 + x4 + (1 | g)
glmer_timing <- timed(function() glmer(formula, family = binomial, data = mixed))
fit <- glmer_timing$result
report("lme4 glmer Laplace n=1e5 groups=1000 (defaults)", glmer_timing, fixef(fit),
       sqrt(diag(as.matrix(vcov(fit)))))
cat(sprintf("  sigma %.12g, logLik %.10f\n", getME(fit, "theta")[[1]], as.numeric(logLik(fit))))

if (tight) {
  control <- glmerControl(optimizer = "bobyqa", tolPwrss = 1e-13,
                          optCtrl = list(rhoend = 1e-12, maxfun = 1e5))
  fit <- glmer(formula, family = binomial, data = mixed, control = control)
  repeat {
    previous <- deviance(fit)
    fit <- update(fit, start = list(theta = getME(fit, "theta"), fixef = fixef(fit)))
    if (abs(deviance(fit) - previous) < 1e-10) break
  }
  cat("lme4 glmer Laplace, tightly converged (untimed)\n")
  estimates <- fixef(fit)
  for (j in seq_along(estimates)) cat(sprintf("  %s %.12g\n", names(estimates)[j], estimates[j]))
  cat(sprintf("  sigma %.12g, logLik %.10f\n", getME(fit, "theta")[[1]], as.numeric(logLik(fit))))
}
