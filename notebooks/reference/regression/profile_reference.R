# Reference values for `qi fit --ci profile` with the gaussian family (identity and log links)
# and the negative binomial (NB2, theta by maximum likelihood): what R 4.2.2's confint() gives
# for these fits, computed as exact roots.
#
# R 4.2.2's confint() on a glm (or glm.nb) object is MASS's confint.glm: profile.glm then
# confint.profile.glm (MASS 7.3-58.2; printed with MASS:::profile.glm). Read from that code:
#   - the profile statistic for coefficient j at b is z_j(b) = sign(b - beta_j) *
#     sqrt((D_j(b) - D) / phi), D_j(b) the deviance of glm.fit with b x_j moved into the
#     offset, D the fit's deviance and phi = summary(fit)$dispersion: Pearson's X^2 / (n - p)
#     for the gaussian family (equal to D / (n - p), since V(mu) = 1), 1 for a negbin object
#     (summary.negbin fixes it at 1);
#   - glm.fit is called with family(fit), which for glm.nb is negative.binomial(theta^):
#     theta stays fixed at its estimate along the profile;
#   - confint.profile.glm interpolates (spline) the profile at cutoff qnorm((1 + level) / 2)
#     for every family: the normal quantile, also when the dispersion is estimated. (The F
#     quantile qf(1 - alpha, 1, n - p) appears only in the extent of the grid, `zmax`, for
#     the gaussian family and, because "Negative Binomial(1.2749)" matches no case of the
#     switch on the family name, for the negative binomial too.)
# So the interval at level 1 - alpha is {b : (D_j(b) - D) / phi <= qnorm(1 - alpha/2)^2}.
# For the identity link D_j(b) - D = (b - beta_j)^2 / [(X'X)^-1]_jj, so it is
# beta_j +- qnorm(1 - alpha/2) se_j, narrower than confint.lm's exact t interval
# beta_j +- qt(1 - alpha/2, n - p) se_j (kept here as `lm_t_lower`/`lm_t_upper`).
#
# ci_lower/ci_upper are the exact roots of z_j(b)^2 = qnorm(1 - alpha/2)^2, found by uniroot
# (tol 1e-13) on glm.fit refits converged to epsilon 1e-15 and restarted until the deviance
# stops falling; fits are polished as in glm_reference.R (theta of glm.nb by alternating
# theta.ml(eps 1e-13) and glm at fixed theta). MASS's confint (spline through a grid of 10
# points a side, about 1e-5 off) is kept as `mass_confint_*` for comparison, and
# `mass_profile_max_z_difference` is the largest difference between the z that MASS's
# profile.glm computes on its grid and the statistic above at the same b (on MASS's own fit,
# its theta): it confirms that the statistic is read correctly.
#
# Run from the repository root:
#   LC_ALL=C Rscript notebooks/reference/regression/profile_reference.R
suppressPackageStartupMessages({
  library(MASS)
  library(jsonlite)
})
stopifnot(Sys.getlocale("LC_COLLATE") == "C")
out_dir <- file.path("notebooks", "reference", "regression")
tight <- glm.control(epsilon = 1e-15, maxit = 500)
infert_data <- read.csv(file.path(out_dir, "data", "infert.csv"), stringsAsFactors = TRUE)
quine_data <- read.csv(file.path(out_dir, "data", "quine.csv"), stringsAsFactors = TRUE)

# Restart glm from its own estimate until the coefficients stop changing (glm_reference.R).
polish <- function(fit, refit) {
  for (i in 1:500) {
    old <- coef(fit)
    fit <- refit(old)
    if (max(abs(coef(fit) - old) / pmax(abs(old), 1e-3)) < 1e-15) break
  }
  fit
}

polished_nb <- function(formula, data) {
  fit <- glm.nb(as.formula(formula), data = data, control = tight)
  theta <- fit$theta
  for (i in 1:100) {
    th <- theta.ml(fit$y, fitted(fit), limit = 200, eps = 1e-13)
    fit <- polish(fit, function(start) glm(as.formula(formula), family = negative.binomial(th),
                                           data = data, start = start, control = tight))
    change <- abs(th - theta) / th
    theta <- th
    if (change < 1e-13) break
  }
  fit$theta <- as.numeric(theta)
  fit
}

# (D_j(b) - D) / phi for each coefficient, theta (if any) held at family(fit)'s value.
profile_statistic <- function(fit, dispersion) {
  x <- model.matrix(fit)
  y <- fit$y
  w <- fit$prior.weights
  base_offset <- if (is.null(fit$offset)) rep(0, nrow(x)) else fit$offset
  fam <- family(fit)
  deviance_hat <- deviance(fit)
  function(j, b) {
    offset <- base_offset + b * x[, j]
    rest <- x[, -j, drop = FALSE]
    start <- coef(fit)[-j]
    deviance <- Inf
    for (round in 1:50) {
      refit <- suppressWarnings(glm.fit(rest, y, weights = w, offset = offset, family = fam,
                                        start = start, control = tight, intercept = FALSE))
      if (refit$deviance >= deviance * (1 - 1e-15)) break
      deviance <- refit$deviance
      start <- refit$coefficients
    }
    (deviance - deviance_hat) / dispersion
  }
}

exact_limits <- function(fit, dispersion, level) {
  statistic <- profile_statistic(fit, dispersion)
  cutoff <- qnorm((1 + level) / 2)^2
  se <- sqrt(dispersion * diag(summary(fit, dispersion = dispersion)$cov.unscaled))
  lower <- upper <- numeric(length(coef(fit)))
  for (j in seq_along(coef(fit))) {
    f <- function(b) statistic(j, b) - cutoff
    beta <- coef(fit)[j]
    hi <- beta + se[j]; while (f(hi) < 0) hi <- hi + se[j]
    lo <- beta - se[j]; while (f(lo) < 0) lo <- lo - se[j]
    upper[j] <- uniroot(f, c(beta, hi), tol = 1e-13)$root
    lower[j] <- uniroot(f, c(lo, beta), tol = 1e-13)$root
  }
  list(lower = unname(lower), upper = unname(upper))
}

# The largest |z_MASS - sign(b - beta) sqrt(statistic(b))| over MASS's profile grid.
mass_profile_check <- function(fit, dispersion, level) {
  statistic <- profile_statistic(fit, dispersion)
  profiles <- suppressMessages(profile(fit, alpha = (1 - level) / 4))
  worst <- 0
  for (j in seq_along(coef(fit))) {
    grid <- profiles[[j]]
    b <- grid$par.vals[, j]
    z <- grid[[1]]
    exact <- sign(b - coef(fit)[j]) * sqrt(pmax(sapply(b, function(v) statistic(j, v)), 0))
    worst <- max(worst, abs(z - exact))
  }
  worst
}

gaussian_case <- function(name, data_name, data, formula, link, level = 0.95) {
  refit <- function(start) glm(as.formula(formula), family = gaussian(link = link), data = data,
                               start = start, control = tight)
  fit <- polish(refit(NULL), refit)
  dispersion <- summary(fit)$dispersion
  limits <- exact_limits(fit, dispersion, level)
  mass <- suppressMessages(confint(fit, level = level))
  out <- list(name = name, data = data_name, formula = formula, family = "gaussian",
              link = link, level = level, terms = names(coef(fit)),
              estimates = unname(coef(fit)), dispersion = dispersion,
              deviance_over_df = deviance(fit) / fit$df.residual,
              df_residual = fit$df.residual,
              ci_lower = limits$lower, ci_upper = limits$upper,
              mass_confint_lower = unname(mass[, 1]), mass_confint_upper = unname(mass[, 2]),
              mass_profile_max_z_difference = mass_profile_check(fit, dispersion, level))
  if (link == "identity") {
    exact_t <- confint(lm(as.formula(formula), data = data), level = level)
    out$lm_t_lower <- unname(exact_t[, 1])
    out$lm_t_upper <- unname(exact_t[, 2])
  }
  out
}

negative_binomial_case <- function(name, data_name, data, formula, level = 0.95) {
  fit <- polished_nb(formula, data)
  limits <- exact_limits(fit, 1, level)
  mass_fit <- glm.nb(as.formula(formula), data = data, control = tight)
  mass <- suppressMessages(confint(mass_fit, level = level))
  list(name = name, data = data_name, formula = formula, family = "negative-binomial",
       link = "log", level = level, terms = names(coef(fit)), estimates = unname(coef(fit)),
       theta = fit$theta, ci_lower = limits$lower, ci_upper = limits$upper,
       mass_theta = mass_fit$theta,
       mass_confint_lower = unname(mass[, 1]), mass_confint_upper = unname(mass[, 2]),
       mass_profile_max_z_difference = mass_profile_check(mass_fit, 1, level))
}

cases <- list(
  gaussian_case("infert_gaussian", "infert.csv", infert_data,
                "age ~ parity + education + spontaneous*induced", "identity"),
  gaussian_case("infert_gaussian_log", "infert.csv", infert_data, "age ~ parity + education",
                "log"),
  gaussian_case("quine_gaussian_90", "quine.csv", quine_data, "Days ~ Eth + Sex + Age + Lrn",
                "identity", 0.9),
  negative_binomial_case("quine_negative_binomial", "quine.csv", quine_data,
                         "Days ~ Eth + Sex + Age + Lrn"),
  negative_binomial_case("quine_negative_binomial_interaction_90", "quine.csv", quine_data,
                         "Days ~ Eth*Sex + Age", 0.9))
versions <- list(R = R.version.string, MASS = as.character(packageVersion("MASS")),
                 jsonlite = as.character(packageVersion("jsonlite")))
writeLines(toJSON(list(generated_by = "notebooks/reference/regression/profile_reference.R",
                       versions = versions,
                       convention = paste(
                         "MASS confint.glm: {b : (D_j(b) - D) / phi <= qnorm((1 + level) / 2)^2},",
                         "phi = summary(fit)$dispersion (gaussian: Pearson X^2 / (n - p);",
                         "negative binomial: 1), theta fixed at its estimate; exact roots by uniroot"),
                       tolerance = paste(
                         "ci_lower/ci_upper solved to about 1e-11: compare at 1e-8 relative to",
                         "max(|limit|, 1); mass_confint_* are spline interpolations, about 1e-5 off"),
                       profile_intervals = cases),
                  auto_unbox = TRUE, digits = NA, pretty = TRUE),
           file.path(out_dir, "output", "profile_cases.json"))
