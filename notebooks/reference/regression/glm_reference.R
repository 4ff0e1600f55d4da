# Reference fits for `qi fit` generalised linear models, from R's glm and MASS::glm.nb on
# public data sets shipped with R (infert), MASS (quine, Insurance) and lme4 (cbpp).
#
# The data are written to data/*.csv and read back, so R fits exactly what QIKit reads
# (factor levels in code-point order under the C collation; ordered factors become unordered
# text, as from any CSV). Fits are converged far beyond R's default (epsilon 1e-15), so they
# are the optimum to about 1e-12 and can be compared at 1e-8 relative; for glm.nb, theta is
# polished by alternating theta.ml (eps 1e-13) and glm at fixed theta until theta settles,
# because glm.nb's own stopping rule (theta.ml eps = 1.2e-4) leaves theta about 1e-7 off.
#
# Run from the repository root:
#   LC_ALL=C Rscript notebooks/reference/regression/glm_reference.R
suppressPackageStartupMessages({
  library(MASS)
  library(jsonlite)
})
stopifnot(Sys.getlocale("LC_COLLATE") == "C")
out_dir <- file.path("notebooks", "reference", "regression")
tight <- glm.control(epsilon = 1e-15, maxit = 500)

write_data <- function(frame, name) {
  path <- file.path(out_dir, "data", paste0(name, ".csv"))
  write.csv(frame, path, row.names = FALSE)
  read.csv(path, stringsAsFactors = TRUE)
}

infert_data <- write_data(infert[, c("education", "age", "parity", "induced", "case",
                                     "spontaneous")], "infert")
quine_data <- write_data(quine, "quine")
insurance_data <- write_data(transform(Insurance, Group = as.character(Group),
                                       Age = as.character(Age)), "insurance")
data("cbpp", package = "lme4")
cbpp_data <- write_data(transform(cbpp, proportion = incidence / size), "cbpp")

# Standard errors from the Fisher information at the final estimate, phi (X'W X)^-1 with W
# recomputed from the fitted means (summary.glm uses the weights of the last iteration,
# which differ by up to 1e-7 when an iteration stops early); summary.glm's are kept beside.
se_at_estimate <- function(fit, dispersion) {
  fam <- family(fit)
  keep <- !is.na(coef(fit))
  x <- model.matrix(fit)[, keep, drop = FALSE]
  eta <- fit$linear.predictors
  w <- fit$prior.weights * fam$mu.eta(eta)^2 / fam$variance(fitted(fit))
  se <- rep(NA_real_, length(keep))
  se[keep] <- sqrt(diag(solve(crossprod(x, w * x))) * dispersion)
  se
}

# Fisher scoring converges linearly for non-canonical links, and glm's deviance criterion
# stops while the coefficients still move by about sqrt(epsilon) of their standard errors,
# so restart glm from its own estimate until the coefficients stop changing.
polish <- function(fit, refit) {
  if (anyNA(coef(fit))) return(fit)
  for (i in 1:500) {
    old <- coef(fit)
    fit <- refit(old)
    if (max(abs(coef(fit) - old) / pmax(abs(old), 1e-3)) < 1e-15) break
  }
  fit
}

summarise <- function(fit, name, formula, data_name, family, link, weights = NULL,
                      theta = NULL, theta_se = NULL, loglik = NULL, k_extra = 0) {
  s <- if (family == "negative-binomial") summary(fit, dispersion = 1) else summary(fit)
  est <- coef(fit)
  se_glm <- rep(NA_real_, length(est))
  names(se_glm) <- names(est)
  se_glm[rownames(s$coefficients)] <- s$coefficients[, 2]
  se <- se_at_estimate(fit, s$dispersion)
  ll <- if (is.null(loglik)) as.numeric(logLik(fit)) else loglik
  k <- fit$rank + k_extra + (if (family == "gaussian") 1 else 0)
  n <- sum(fit$prior.weights != 0)
  list(name = name, formula = formula, data = data_name, family = family, link = link,
       weights = weights,
       terms = names(est), estimates = unname(est), std_errors = unname(se),
       std_errors_summary_glm = unname(se_glm),
       deviance = fit$deviance, null_deviance = fit$null.deviance,
       log_likelihood = ll, aic = -2 * ll + 2 * k, bic = -2 * ll + log(n) * k,
       df_residual = fit$df.residual, df_null = fit$df.null, dispersion = s$dispersion,
       n = n, converged = fit$converged, iterations = fit$iter,
       theta = theta, theta_std_error = theta_se)
}

# glm.fit's rank tolerance is min(1e-7, epsilon / 1000): at epsilon 1e-15 it would miss
# exact collinearity, so the aliased case uses epsilon 1e-10 (tolerance 1e-13; the logit is
# Newton's method, so the last step leaves an error of about 1e-10 in the coefficients).
fit_glm <- function(name, formula, data, data_name, family, link, weights = NULL,
                    control = tight) {
  fam <- get(family)(link = link)
  data$.w <- if (is.null(weights)) rep(1, nrow(data)) else data[[weights]]
  refit <- function(start) glm(as.formula(formula), family = fam, data = data, weights = .w,
                               start = start, control = control)
  fit <- polish(refit(NULL), refit)
  summarise(fit, name, formula, data_name, family, link, weights)
}

fit_nb <- function(name, formula, data, data_name) {
  fit <- glm.nb(as.formula(formula), data = data, control = tight)
  default_theta <- fit$theta
  y <- fit$y
  theta <- fit$theta
  for (i in 1:100) {
    th <- theta.ml(y, fitted(fit), limit = 200, eps = 1e-13)
    fit <- polish(fit, function(start) glm(as.formula(formula),
                                           family = negative.binomial(th), data = data,
                                           start = start, control = tight))
    change <- abs(th - theta) / th
    theta <- th
    if (change < 1e-13) break
  }
  th <- theta.ml(y, fitted(fit), limit = 200, eps = 1e-13)
  mu <- fitted(fit)
  w <- fit$prior.weights
  ll <- sum(w * (lgamma(th + y) - lgamma(th) - lgamma(y + 1) + th * log(th) +
                   y * log(mu + (y == 0)) - (th + y) * log(th + mu)))
  out <- summarise(fit, name, formula, data_name, "negative-binomial", "log",
                   theta = as.numeric(th), theta_se = attr(th, "SE"), loglik = ll, k_extra = 1)
  out$glm_nb_default_theta <- default_theta
  out
}

cases <- list(
  fit_glm("infert_logit", "case ~ age + parity + education + spontaneous + induced",
          infert_data, "infert", "binomial", "logit"),
  fit_glm("infert_probit", "case ~ age + parity + education + spontaneous + induced",
          infert_data, "infert", "binomial", "probit"),
  fit_glm("infert_cloglog", "case ~ age + parity + education + spontaneous + induced",
          infert_data, "infert", "binomial", "cloglog"),
  fit_glm("infert_aliased", "case ~ spontaneous + induced + I(spontaneous + induced)",
          infert_data, "infert", "binomial", "logit",
          control = glm.control(epsilon = 1e-10, maxit = 500)),
  fit_glm("infert_gaussian", "age ~ parity + education + spontaneous*induced",
          infert_data, "infert", "gaussian", "identity"),
  fit_glm("infert_gaussian_log", "age ~ parity + education", infert_data, "infert",
          "gaussian", "log"),
  fit_glm("quine_poisson", "Days ~ Eth + Sex + Age + Lrn", quine_data, "quine",
          "poisson", "log"),
  fit_nb("quine_negative_binomial", "Days ~ Eth + Sex + Age + Lrn", quine_data, "quine"),
  fit_nb("quine_negative_binomial_interaction", "Days ~ Eth*Sex + Age", quine_data, "quine"),
  fit_glm("insurance_poisson_offset",
          "Claims ~ factor(District) + Group + Age + offset(log(Holders))",
          insurance_data, "insurance", "poisson", "log"),
  fit_glm("cbpp_counts", "cbind(incidence, size - incidence) ~ factor(period)", cbpp_data, "cbpp",
          "binomial", "logit"),
  fit_glm("cbpp_proportion_weights", "proportion ~ factor(period)", cbpp_data, "cbpp",
          "binomial", "logit", weights = "size"),
  fit_glm("cbpp_herd_cloglog", "cbind(incidence, size - incidence) ~ factor(period) + factor(herd)",
          cbpp_data, "cbpp", "binomial", "cloglog")
)

tool <- list(r_version = R.version.string,
             mass_version = as.character(packageVersion("MASS")),
             lme4_version_for_cbpp = as.character(packageVersion("lme4")),
             jsonlite_version = as.character(packageVersion("jsonlite")),
             control = "glm.control(epsilon = 1e-15, maxit = 500)")
write_json(list(tool = tool, cases = cases), file.path(out_dir, "output", "glm_cases.json"),
           digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null", null = "null")
