# Reference values for `qi fit --compare` (likelihood-ratio tests of nested GLMs) and
# `qi fit --ci profile` with maximum likelihood (profile likelihood intervals).
#
# Likelihood-ratio tests: R's anova(reduced, full, test = "Chisq") for the binomial and
# Poisson families (the deviance difference is 2 (l_full - l_reduced) there), anova.negbin
# (MASS) for the negative binomial (each model with its own theta), and for the gaussian
# family 2 (logLik(full) - logLik(reduced)) with each model's ML sigma^2 (lmtest::lrtest's
# statistic; anova's test = "Chisq" scales the deviance difference by the full model's
# dispersion instead, kept as `anova_scaled_statistic`).
#
# Profile likelihood intervals: the exact roots of D_j(b) - D(beta^) = qchisq(level, 1), where
# D_j(b) is the deviance minimised with beta_j fixed at b (glm with that column moved into the
# offset, epsilon 1e-15), found by uniroot to 1e-13. MASS's confint.glm (R 4.2.2's
# confint for glm objects) targets the same roots but interpolates a spline through a grid
# of profile points, so it is about 1e-5 off; its values are kept as `mass_confint_*` for
# comparison only.
#
# Run from the repository root:
#   LC_ALL=C Rscript notebooks/reference/regression/inference_reference.R
suppressPackageStartupMessages({
  library(MASS)
  library(jsonlite)
})
stopifnot(Sys.getlocale("LC_COLLATE") == "C")
out_dir <- file.path("notebooks", "reference", "regression")
tight <- glm.control(epsilon = 1e-15, maxit = 500)
infert_data <- read.csv(file.path(out_dir, "data", "infert.csv"))
quine_data <- read.csv(file.path(out_dir, "data", "quine.csv"))
cbpp_data <- read.csv(file.path(out_dir, "data", "cbpp.csv"))
cbpp_data$herd <- factor(cbpp_data$herd)

lrt_case <- function(name, data_name, data, full, reduced, family) {
  if (identical(family, "negative-binomial")) {
    m1 <- glm.nb(as.formula(full), data = data, control = tight)
    m0 <- glm.nb(as.formula(reduced), data = data, control = tight)
    table <- anova(m0, m1)
    statistic <- table[2, "LR stat."]
    df <- table[2, "   df"]
    p <- table[2, "Pr(Chi)"]
    scaled <- NULL
  } else {
    m1 <- glm(as.formula(full), family = family, data = data, control = tight)
    m0 <- glm(as.formula(reduced), family = family, data = data, control = tight)
    table <- anova(m0, m1, test = "Chisq")
    df <- table[2, "Df"]
    if (family$family == "gaussian") {
      statistic <- 2 * (as.numeric(logLik(m1)) - as.numeric(logLik(m0)))
      p <- pchisq(statistic, df, lower.tail = FALSE)
      scaled <- table[2, "Deviance"] / summary(m1)$dispersion
    } else {
      statistic <- table[2, "Deviance"]
      p <- table[2, "Pr(>Chi)"]
      scaled <- NULL
    }
  }
  list(name = name, data = data_name, formula = full, reduced_formula = reduced,
       family = if (is.character(family)) family else family$family,
       statistic = statistic, df = df, p_value = p,
       full_log_likelihood = as.numeric(logLik(m1)),
       reduced_log_likelihood = as.numeric(logLik(m0)),
       anova_scaled_statistic = scaled)
}

# Mixed models (lme4 1.1-31 glmer, tightly converged as glmm_reference.R): the reduced model
# keeps the random intercept and drops fixed effects; anova(m0, m1)'s Chisq is
# 2 (logLik(m1) - logLik(m0)). At nAGQ > 1 lme4's logLik omits the saturated log-likelihood,
# the same constant in both models, so the difference is the full-likelihood one.
glmm_lrt_case <- function(name, data_name, data, full, reduced, nagq) {
  tight <- lme4::glmerControl(optimizer = "bobyqa", tolPwrss = 1e-13,
                              optCtrl = list(rhoend = 1e-12, maxfun = 1e5))
  fit <- function(formula) {
    m <- lme4::glmer(as.formula(formula), family = binomial, data = data, nAGQ = nagq, control = tight)
    for (round in 1:5) {
      previous <- deviance(m)
      m <- update(m, start = list(theta = lme4::getME(m, "theta"), fixef = lme4::fixef(m)))
      if (abs(deviance(m) - previous) < 1e-12 * abs(previous)) break
    }
    m
  }
  m1 <- fit(full)
  m0 <- fit(reduced)
  table <- anova(m0, m1)
  list(name = name, data = data_name, formula = full, reduced_formula = reduced, nagq = nagq,
       family = "binomial", statistic = table[2, "Chisq"], df = table[2, "Df"],
       p_value = table[2, "Pr(>Chisq)"])
}

profile_case <- function(name, data_name, data, formula, family, level = 0.95) {
  fit <- glm(as.formula(formula), family = family, data = data, control = tight)
  x <- model.matrix(fit)
  y <- fit$y
  w <- fit$prior.weights
  base_offset <- if (is.null(fit$offset)) rep(0, nrow(x)) else fit$offset
  deviance_hat <- deviance(fit)
  cutoff <- qchisq(level, 1)
  se <- sqrt(diag(summary(fit)$cov.unscaled))
  profile_deviance <- function(j, b) {
    offset <- base_offset + b * x[, j]
    rest <- x[, -j, drop = FALSE]
    start <- coef(fit)[-j]
    refit <- suppressWarnings(glm.fit(rest, y, weights = w, offset = offset, family = family,
                                      start = start, control = tight, intercept = FALSE))
    refit$deviance
  }
  lower <- upper <- numeric(ncol(x))
  for (j in seq_len(ncol(x))) {
    f <- function(b) profile_deviance(j, b) - deviance_hat - cutoff
    beta <- coef(fit)[j]
    step <- se[j]
    hi <- beta + step; while (f(hi) < 0) hi <- hi + step
    lo <- beta - step; while (f(lo) < 0) lo <- lo - step
    upper[j] <- uniroot(f, c(beta, hi), tol = 1e-13)$root
    lower[j] <- uniroot(f, c(lo, beta), tol = 1e-13)$root
  }
  mass <- suppressMessages(confint(fit, level = level))
  list(name = name, data = data_name, formula = formula, family = family$family,
       link = family$link, level = level, terms = colnames(x), estimates = unname(coef(fit)),
       ci_lower = lower, ci_upper = upper,
       mass_confint_lower = unname(mass[, 1]), mass_confint_upper = unname(mass[, 2]))
}

lrt <- list(
  lrt_case("infert_binomial", "infert.csv", infert_data,
           "case ~ age + parity + induced + spontaneous", "case ~ age + parity", binomial()),
  lrt_case("quine_poisson", "quine.csv", quine_data,
           "Days ~ Eth + Sex + Age + Lrn", "Days ~ Eth + Lrn", poisson()),
  lrt_case("quine_gaussian", "quine.csv", quine_data,
           "Days ~ Eth + Sex + Age + Lrn", "Days ~ Eth", gaussian()),
  lrt_case("quine_negative_binomial", "quine.csv", quine_data,
           "Days ~ Eth + Sex + Age + Lrn", "Days ~ Eth + Age", "negative-binomial"),
  glmm_lrt_case("cbpp_glmm_laplace", "cbpp.csv", cbpp_data,
                "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)",
                "cbind(incidence, size - incidence) ~ 1 + (1 | herd)", 1),
  glmm_lrt_case("cbpp_glmm_agq9", "cbpp.csv", cbpp_data,
                "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)",
                "cbind(incidence, size - incidence) ~ 1 + (1 | herd)", 9))
profiles <- list(
  profile_case("infert_logit", "infert.csv", infert_data,
               "case ~ age + parity + induced + spontaneous", binomial()),
  profile_case("infert_probit_90", "infert.csv", infert_data,
               "case ~ age + parity + induced + spontaneous", binomial(link = "probit"), 0.9),
  profile_case("quine_poisson", "quine.csv", quine_data, "Days ~ Eth + Sex + Age + Lrn",
               poisson()))
versions <- list(R = R.version.string, MASS = as.character(packageVersion("MASS")),
                 lme4 = as.character(packageVersion("lme4")),
                 jsonlite = as.character(packageVersion("jsonlite")))
writeLines(toJSON(list(generated_by = "notebooks/reference/regression/inference_reference.R",
                       versions = versions, likelihood_ratio_tests = lrt,
                       profile_intervals = profiles),
                  auto_unbox = TRUE, digits = NA, pretty = TRUE),
           file.path(out_dir, "output", "inference_cases.json"))
