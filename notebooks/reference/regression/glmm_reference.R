# Reference fits for `qi fit` binomial and Poisson mixed models: lme4's glmer on lme4's cbpp data,
# cbind(incidence, size - incidence) ~ factor(period) + (1 | herd), by the Laplace
# approximation (nAGQ = 1) and adaptive Gauss-Hermite quadrature (nAGQ = 5, 9), and the
# Poisson model incidence ~ factor(period) + (1 | herd) by the Laplace approximation.
#
# glmer's default optimiser stops about 1e-4 short of the optimum; here bobyqa runs with
# rhoend = 1e-12 and the fit is restarted from its own optimum until the deviance settles,
# so estimates are the optimum to about 1e-9 and can be compared at 1e-6 relative.
# The inner penalised IRLS is tightened too (tolPwrss = 1e-13; default 1e-7): at the default
# the conditional modes stop short and the Laplace log-likelihood is 2.8e-4 too low
# (-92.026566 instead of -92.026282 at the optimum) and sigma 3e-4 relative off; the
# default-tolerance values are kept as `default_tolpwrss_*` for comparison.
#
# Standard errors: lme4's `vcov` at nAGQ = 1 uses its own finite-difference Hessian
# (use.hessian = TRUE); QIKit differentiates the Laplace log-likelihood over (theta, beta)
# with Richardson-extrapolated central differences. Here the same quantity is computed from
# lme4's deviance function (devfun2-free: getME(., "devfun") with nAGQ > 0 takes c(theta,
# beta)) by numDeriv-free Richardson central differences written out below.
#
# Log-likelihood scale: at nAGQ = 1 logLik() is the full log-likelihood (binomial constants
# log choose(size, incidence) included). At nAGQ > 1 lme4 drops the saturated
# log-likelihood (lme4 issues 161, 567): its deviance is the deviance residual sum plus the
# quadrature term, so the full log-likelihood is -deviance/2 + saturated log-likelihood,
# with saturated = sum(dbinom(y, n, y/n, log = TRUE)). Both are recorded.
#
# Run from the repository root:
#   LC_ALL=C Rscript notebooks/reference/regression/glmm_reference.R
suppressPackageStartupMessages({
  library(lme4)
  library(jsonlite)
})
stopifnot(Sys.getlocale("LC_COLLATE") == "C")
out_dir <- file.path("notebooks", "reference", "regression")
cbpp_data <- read.csv(file.path(out_dir, "data", "cbpp.csv"), stringsAsFactors = TRUE)
cbpp_data$herd <- factor(cbpp_data$herd)
binomial_formula <- cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)
poisson_formula <- incidence ~ factor(period) + (1 | herd)
tight <- glmerControl(optimizer = "bobyqa", tolPwrss = 1e-13,
                      optCtrl = list(rhoend = 1e-12, maxfun = 1e5),
                      check.conv.grad = "ignore")

saturated <- with(cbpp_data, sum(dbinom(incidence, size, incidence / size, log = TRUE)))

richardson_hessian <- function(f, x, h0 = 1e-3, levels = 4) {
  k <- length(x)
  hess <- matrix(0, k, k)
  one <- function(i, j, h) {
    ei <- replace(numeric(k), i, h); ej <- replace(numeric(k), j, h)
    if (i == j) (f(x + ei) - 2 * f(x) + f(x - ei)) / h^2
    else (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)) / (4 * h^2)
  }
  for (i in 1:k) for (j in i:k) {
    table <- numeric(levels)
    for (l in 1:levels) table[l] <- one(i, j, h0 / 2^(l - 1))
    for (m in 2:levels) for (l in levels:m) table[l] <- (4^(m - 1) * table[l] - table[l - 1]) / (4^(m - 1) - 1)
    hess[i, j] <- hess[j, i] <- table[levels]
  }
  hess
}

# The Laplace approximation written out (Pinheiro & Bates 1995) with each herd's conditional
# mode found by Newton's method to 1e-15: an independent check of lme4's nAGQ = 1 deviance
# function. Their values agree to 1e-10 at the optimum, but the curvature in beta of lme4's
# function is about 1e-6 relative off (its standard errors from the Hessian below differ by
# 1e-6 to 2e-6 from this function's, whose differences are stable to 1e-8 across steps), so
# the Laplace standard errors are this function's Hessian; lme4's are kept beside them.
design <- model.matrix(~ factor(period), cbpp_data)
laplace_loglik <- function(par, poisson = FALSE) {
  sigma <- par[1]
  fixed <- drop(design %*% par[-1])
  total <- 0
  for (herd in levels(cbpp_data$herd)) {
    rows <- cbpp_data$herd == herd
    k <- cbpp_data$incidence[rows]
    m <- cbpp_data$size[rows]
    u <- 0
    mean_of <- function(u) if (poisson) exp(fixed[rows] + sigma * u) else m * plogis(fixed[rows] + sigma * u)
    information <- function(mean) if (poisson) sum(mean) else sum(mean * (1 - mean / m))
    for (iteration in 1:100) {
      mean <- mean_of(u)
      step <- (sigma * sum(k - mean) - u) / (1 + sigma^2 * information(mean))
      u <- u + step
      if (abs(step) < 1e-15) break
    }
    mean <- mean_of(u)
    conditional <- if (poisson) sum(dpois(k, mean, log = TRUE)) else sum(dbinom(k, m, mean / m, log = TRUE))
    total <- total + conditional - u^2 / 2 - 0.5 * log(1 + sigma^2 * information(mean))
  }
  total
}

fit_case <- function(nagq, formula = binomial_formula, family = binomial) {
  poisson <- identical(family, poisson)
  fit <- glmer(formula, family = family, data = cbpp_data, nAGQ = nagq, control = tight)
  for (round in 1:5) {
    previous <- deviance(fit)
    fit <- update(fit, start = list(theta = getME(fit, "theta"), fixef = fixef(fit)))
    if (abs(deviance(fit) - previous) < 1e-12 * abs(previous)) break
  }
  loose <- glmer(formula, family = family, data = cbpp_data, nAGQ = nagq,
                 control = glmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5)))
  theta <- unname(getME(fit, "theta"))
  beta <- unname(fixef(fit))
  devfun <- update(fit, devFunOnly = TRUE)
  # log-likelihood over (sigma, beta) on lme4's scale; full log-likelihood adds saturated at nAGQ > 1
  loglik_of <- function(par) -devfun(par) / 2
  par <- c(theta, beta)
  lme4_covariance <- solve(-richardson_hessian(loglik_of, par))
  covariance <- if (nagq == 1) solve(-richardson_hessian(function(x) laplace_loglik(x, poisson), par)) else lme4_covariance
  lme4_deviance <- devfun(par)
  saturated <- if (poisson) with(cbpp_data, sum(dpois(incidence, incidence, log = TRUE))) else saturated
  full_loglik <- if (nagq == 1) as.numeric(logLik(fit)) else -lme4_deviance / 2 + saturated
  list(
    nagq = nagq,
    terms = names(fixef(fit)),
    coefficients = beta,
    std_errors = sqrt(diag(covariance))[-1],
    std_errors_lme4_devfun = sqrt(diag(lme4_covariance))[-1],
    sd_std_error_lme4_devfun = sqrt(lme4_covariance[1, 1]),
    written_out_laplace_log_likelihood = if (nagq == 1) laplace_loglik(par, poisson) else NULL,
    std_errors_lme4_vcov = unname(sqrt(diag(as.matrix(vcov(fit))))),
    sd = theta,
    sd_std_error = sqrt(covariance[1, 1]),
    variance = theta^2,
    log_likelihood = full_loglik,
    lme4_logLik = as.numeric(logLik(fit)),
    lme4_deviance = lme4_deviance,
    saturated_log_likelihood = saturated,
    aic = -2 * full_loglik + 2 * (length(beta) + 1),
    bic = -2 * full_loglik + log(nrow(cbpp_data)) * (length(beta) + 1),
    n = nrow(cbpp_data),
    groups = nlevels(cbpp_data$herd),
    default_tolpwrss_sd = unname(getME(loose, "theta")),
    default_tolpwrss_log_likelihood = if (nagq == 1) as.numeric(logLik(loose)) else as.numeric(logLik(loose)) + saturated,
    default_fit_coefficients = unname(fixef(glmer(formula, family = family, data = cbpp_data, nAGQ = nagq)))
  )
}

cases <- list(laplace = fit_case(1), agq9 = fit_case(9), agq5 = fit_case(5),
              poisson_laplace = fit_case(1, poisson_formula, poisson))
result <- list(
  generated_by = "notebooks/reference/regression/glmm_reference.R",
  r_version = R.version.string,
  lme4_version = as.character(packageVersion("lme4")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  data = "data/cbpp.csv (lme4's cbpp)",
  formulas = c(binomial = "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)",
               poisson = "incidence ~ factor(period) + (1 | herd)"),
  control = "glmerControl(optimizer = 'bobyqa', tolPwrss = 1e-13, optCtrl = list(rhoend = 1e-12, maxfun = 1e5)), restarted until the deviance settles",
  cases = cases)
writeLines(toJSON(result, digits = NA, auto_unbox = TRUE, pretty = TRUE),
           file.path(out_dir, "output", "glmm_cases.json"))
