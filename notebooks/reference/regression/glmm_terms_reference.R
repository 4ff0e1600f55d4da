# Reference fits for `qi fit` binomial and Poisson mixed models with several random-effect
# terms (crossed and nested) and random slopes, by the Laplace approximation (nAGQ = 1):
#   grouseticks (lme4): TICKS ~ factor(YEAR) + zHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION),
#     Poisson; INDEX (one per row) nested in BROOD nested in LOCATION; zHEIGHT = scale(HEIGHT)
#     written to the CSV (qi has no scale()).
#   grouseticks nested syntax: TICKS ~ factor(YEAR) + zHEIGHT + (1 | LOCATION/BROOD), Poisson,
#     which lme4 expands to (1 | BROOD:LOCATION) + (1 | LOCATION).
#   cbpp (lme4) with an observation-level random effect for overdispersion:
#     cbind(incidence, size - incidence) ~ factor(period) + (1 | herd) + (1 | obs).
#   cbpp with a correlated random slope on period (numeric 1-4), alone and with (1 | obs):
#     cbind(incidence, size - incidence) ~ period + (period | herd) [+ (1 | obs)]; the second
#     is a boundary fit (the herd correlation is -1: the factor's second diagonal is 0).
#   datasets/projects.csv, crossed practice and project (observation-level) intercepts:
#     improvements ~ control + payment + champion + coach_relationship + small + cross_org
#       + offset(log(months_followed)) + (1 | practice) + (1 | project), Poisson.
#
# Convergence: glmer with bobyqa (rhoend 1e-12, tolPwrss 1e-13) gives the start; the optimum
# is then polished on an independent Laplace log-likelihood written out below (dense penalised
# IRLS on the spherical random effects u to |step| < 1e-14, Bates et al. 2015 J Stat Softw
# 67(1) §5: log L = sum log p(y | u) - |u|^2/2 - log det(L)^2/2 with
# L L' = Lambda' Z' W Z Lambda + I) by Newton's method with its Richardson-extrapolated
# gradient and Hessian, until the step is below 1e-10 relative. The gradient at the recorded
# optimum is recorded (`gradient`), as is lme4's deviance function's value there
# (`lme4_log_likelihood_at_optimum`) as a check that both functions are the same.
# Standard errors: sqrt(diag(inverse negative Hessian)) of the written-out function over
# (theta, beta), Richardson-extrapolated central differences; at a boundary theta (a diagonal
# of a relative covariance factor below 1e-4) the Hessian is over beta and the other theta.
# Standard errors of the standard deviations by the delta method (a Jacobian of theta -> sd
# by central differences with one Richardson step); for a random intercept alone sd = theta.
#
# Run from the repository root:
#   LC_ALL=C Rscript notebooks/reference/regression/glmm_terms_reference.R
suppressPackageStartupMessages({
  library(lme4)
  library(jsonlite)
})
stopifnot(Sys.getlocale("LC_COLLATE") == "C")
out_dir <- file.path("notebooks", "reference", "regression")

# Data written for qi, read back so that both fit the same numbers.
grouse <- lme4::grouseticks
grouse_out <- data.frame(INDEX = as.character(grouse$INDEX), TICKS = grouse$TICKS,
                         BROOD = as.character(grouse$BROOD), HEIGHT = grouse$HEIGHT,
                         YEAR = as.character(grouse$YEAR), LOCATION = as.character(grouse$LOCATION),
                         zHEIGHT = sprintf("%.17g", as.numeric(scale(grouse$HEIGHT))))
write.csv(grouse_out, file.path(out_dir, "data", "grouseticks.csv"), row.names = FALSE, quote = FALSE)
grouse <- read.csv(file.path(out_dir, "data", "grouseticks.csv"), colClasses = c(INDEX = "character", BROOD = "character", YEAR = "character", LOCATION = "character"))
cbpp_data <- read.csv(file.path(out_dir, "data", "cbpp.csv"), stringsAsFactors = TRUE)
cbpp_data$obs <- sprintf("o%02d", seq_len(nrow(cbpp_data)))
write.csv(cbpp_data[, c("herd", "obs", "incidence", "size", "period")],
          file.path(out_dir, "data", "cbpp_obs.csv"), row.names = FALSE, quote = FALSE)
cbpp_data <- read.csv(file.path(out_dir, "data", "cbpp_obs.csv"), colClasses = c(herd = "character", obs = "character", period = "character"))
projects <- read.csv(file.path("datasets", "projects.csv"))

tight <- glmerControl(optimizer = "bobyqa", tolPwrss = 1e-13,
                      optCtrl = list(rhoend = 1e-12, maxfun = 1e5),
                      check.conv.grad = "ignore", check.conv.singular = "ignore")

richardson <- function(f0, h0, levels) {
  table <- vapply(1:levels, function(l) f0(h0 / 2^(l - 1)), numeric(1))
  for (m in 2:levels) for (l in levels:m) table[l] <- (4^(m - 1) * table[l] - table[l - 1]) / (4^(m - 1) - 1)
  table[levels]
}
richardson_gradient <- function(f, x, h0 = 1e-3, levels = 4) {
  vapply(seq_along(x), function(i) richardson(function(h) {
    e <- replace(numeric(length(x)), i, h); (f(x + e) - f(x - e)) / (2 * h) }, h0, levels), numeric(1))
}
richardson_hessian <- function(f, x, h0 = 1e-3, levels = 4, only = seq_along(x)) {
  k <- length(x)
  hess <- matrix(0, k, k)
  fx <- f(x)
  for (i in only) for (j in only[only >= i]) {
    hess[i, j] <- hess[j, i] <- richardson(function(h) {
      ei <- replace(numeric(k), i, h); ej <- replace(numeric(k), j, h)
      if (i == j) (f(x + ei) - 2 * fx + f(x - ei)) / h^2
      else (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)) / (4 * h^2)
    }, h0, levels)
  }
  hess[only, only, drop = FALSE]
}

# The written-out Laplace log-likelihood over (theta, beta). Z and the pattern of Lambda
# (which theta fills which entry, lme4's Lind) come from lme4's model frame; the rest is
# written out: Lambda' = theta[Lind], penalised IRLS for the mode, the log determinant.
laplace_function <- function(x, y, size, offset, zt, lambdat, lind, family) {
  q <- nrow(zt)
  nt <- max(lind)
  u_last <- numeric(q)
  function(par) {
    theta <- par[1:nt]
    beta <- par[-(1:nt)]
    lambdat@x <- theta[lind]
    zl <- Matrix::t(lambdat %*% zt)
    fixed <- drop(x %*% beta) + offset
    u <- u_last  # warm start from the last evaluation; the mode is found to |step| < 1e-14
    for (iteration in 1:200) {
      eta <- fixed + drop(as.matrix(zl %*% u))
      if (family == "poisson") { mu <- exp(eta); score <- y - mu; w <- mu }
      else { p <- plogis(eta); score <- y - size * p; w <- size * p * (1 - p) }
      h <- Matrix::crossprod(zl, Matrix::Diagonal(x = w) %*% zl) + Matrix::Diagonal(q)
      step <- drop(as.matrix(Matrix::solve(h, drop(as.matrix(Matrix::crossprod(zl, score))) - u)))
      u <- u + step
      if (max(abs(step)) < 1e-14) break
    }
    u_last <<- u
    eta <- fixed + drop(as.matrix(zl %*% u))
    if (family == "poisson") { mu <- exp(eta); w <- mu; cond <- sum(dpois(y, mu, log = TRUE)) }
    else { p <- plogis(eta); w <- size * p * (1 - p); cond <- sum(dbinom(y, size, p, log = TRUE)) }
    h <- Matrix::crossprod(zl, Matrix::Diagonal(x = w) %*% zl) + Matrix::Diagonal(q)
    cond - sum(u^2) / 2 - as.numeric(Matrix::determinant(h, logarithm = TRUE)$modulus) / 2
  }
}

# Standard deviations and correlations (with the previous column of the same term) from
# theta, term by term as lme4's VarCorr.
components_of <- function(theta, cnms) {
  sds <- numeric(0); cors <- numeric(0); position <- 0
  for (names in cnms) {
    k <- length(names)
    tmat <- matrix(0, k, k)
    tmat[lower.tri(tmat, diag = TRUE)] <- theta[position + seq_len(k * (k + 1) / 2)]
    position <- position + k * (k + 1) / 2
    sigma <- tmat %*% t(tmat)
    sds <- c(sds, sqrt(diag(sigma)))
    cors <- c(cors, NA, if (k > 1) vapply(2:k, function(c) sigma[c, c - 1] / sqrt(sigma[c, c] * sigma[c - 1, c - 1]), numeric(1)))
  }
  list(sd = sds, correlation = cors)
}

fit_case <- function(name, formula, data, family, x, y, size, offset, data_file, qi_formula) {
  fit <- glmer(formula, family = family, data = data, nAGQ = 1, control = tight)
  for (round in 1:5) {
    previous <- deviance(fit)
    fit <- update(fit, start = list(theta = getME(fit, "theta"), fixef = fixef(fit)))
    if (abs(deviance(fit) - previous) < 1e-12 * abs(previous)) break
  }
  cnms <- getME(fit, "cnms")
  term_factors <- rep(names(cnms), lengths(cnms))
  term_columns <- unlist(cnms, use.names = FALSE)
  loglik <- laplace_function(x, y, size, offset, getME(fit, "Zt"), getME(fit, "Lambdat"),
                             getME(fit, "Lind"), family()$family)
  lower <- getME(fit, "lower")
  nt <- length(lower)
  diagonal <- which(lower == 0)
  par <- c(unname(getME(fit, "theta")), unname(fixef(fit)))
  lme4_start <- par
  devfun <- update(fit, devFunOnly = TRUE)
  # Newton polish with Richardson derivatives; diagonal theta kept >= 0, boundary ones fixed at 0.
  bounds <- c(lower, rep(-Inf, length(par) - nt))
  for (iteration in 1:50) {
    boundary <- diagonal[par[diagonal] < 1e-4]
    free <- setdiff(seq_along(par), boundary)
    if (length(boundary)) par[boundary] <- 0
    g <- richardson_gradient(loglik, par, 1e-3, 3)
    hess <- richardson_hessian(loglik, par, 1e-3, 2, only = free)
    step <- numeric(length(par))
    step[free] <- -solve(hess, g[free])
    scale <- 1
    while (loglik(pmax(par + scale * step, bounds)) < loglik(par) - 1e-12 && scale > 1e-6) scale <- scale / 2
    new <- pmax(par + scale * step, bounds)
    change <- max(abs(new - par) / pmax(1, abs(par)))
    par <- new
    cat(name, "iteration", iteration, "change", change, "loglik", sprintf("%.12f", loglik(par)), "\n")
    if (change < 1e-10) break
  }
  boundary <- diagonal[par[diagonal] < 1e-4]
  par[boundary] <- 0
  free <- setdiff(seq_along(par), boundary)
  gradient <- richardson_gradient(loglik, par, 1e-3, 4)
  hess <- richardson_hessian(loglik, par, 1e-3, 4, only = free)
  covariance <- matrix(0, length(par), length(par))
  covariance[free, free] <- solve(-hess)
  se <- sqrt(diag(covariance))
  value <- loglik(par)
  theta <- par[1:nt]
  beta <- par[-(1:nt)]
  nobs <- nrow(x)
  components <- components_of(theta, cnms)
  # Standard errors of the standard deviations by the delta method, the Jacobian of
  # theta -> sd by Richardson central differences.
  jacobian <- vapply(seq_len(nt), function(i) {
    central <- function(h) {
      e <- replace(numeric(nt), i, h)
      (components_of(theta + e, cnms)$sd - components_of(theta - e, cnms)$sd) / (2 * h)
    }
    (4 * central(5e-5) - central(1e-4)) / 3
  }, numeric(length(components$sd)))
  jacobian <- t(matrix(jacobian, nrow = length(components$sd)))
  sd_se <- sqrt(diag(t(jacobian) %*% covariance[1:nt, 1:nt, drop = FALSE] %*% jacobian))
  sd_se[components$sd == 0] <- NA
  list(
    name = name, data_file = data_file, qi_formula = qi_formula,
    family = family()$family,
    formula = paste(deparse(formula, width.cutoff = 500), collapse = ""),
    terms = colnames(x),
    groups = term_factors,
    columns = term_columns,
    group_counts = unname(vapply(term_factors, function(f) nlevels(getME(fit, "flist")[[f]]), numeric(1))),
    theta = theta,
    coefficients = beta,
    std_errors = se[-(1:nt)],
    sd = components$sd,
    sd_std_errors = sd_se,
    correlation = components$correlation,
    variance = components$sd^2,
    boundary = term_factors[match(boundary, diagonal)],
    boundary_terms = term_columns[match(boundary, diagonal)],
    # The second derivative of the log-likelihood in each boundary theta at 0,
    # Richardson central differences.
    boundary_curvature = vapply(boundary, function(t) richardson(function(h) {
      e <- replace(numeric(length(par)), t, h); (loglik(par + e) - 2 * value + loglik(par - e)) / h^2 }, 1e-3, 4),
      numeric(1)),
    log_likelihood = value,
    lme4_log_likelihood_at_optimum = -devfun(par) / 2,
    lme4_logLik_at_its_stop = as.numeric(logLik(fit)),
    lme4_theta_at_its_stop = lme4_start[1:nt],
    lme4_fixef_at_its_stop = lme4_start[-(1:nt)],
    std_errors_lme4_vcov = unname(sqrt(diag(as.matrix(vcov(fit))))),
    gradient = gradient,
    aic = -2 * value + 2 * length(par),
    bic = -2 * value + log(nobs) * length(par),
    n = nobs
  )
}

grouse_x <- model.matrix(~ factor(YEAR) + zHEIGHT, grouse)
cases <- list()
cases$grouseticks <- fit_case("grouseticks",
  TICKS ~ factor(YEAR) + zHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION), grouse, poisson,
  grouse_x, grouse$TICKS, 1, 0, "data/grouseticks.csv",
  "TICKS ~ factor(YEAR) + zHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)")
cases$grouseticks_nested <- fit_case("grouseticks_nested",
  TICKS ~ factor(YEAR) + zHEIGHT + (1 | LOCATION/BROOD), grouse, poisson,
  grouse_x, grouse$TICKS, 1, 0, "data/grouseticks.csv",
  "TICKS ~ factor(YEAR) + zHEIGHT + (1 | LOCATION/BROOD)")
cbpp_x <- model.matrix(~ factor(period), cbpp_data)
cases$cbpp_obs <- fit_case("cbpp_obs",
  cbind(incidence, size - incidence) ~ factor(period) + (1 | herd) + (1 | obs), cbpp_data, binomial,
  cbpp_x, cbpp_data$incidence, cbpp_data$size, 0, "data/cbpp_obs.csv",
  "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd) + (1 | obs)")
cbpp_num <- cbpp_data
cbpp_num$period <- as.numeric(cbpp_num$period)
cbpp_slope_x <- model.matrix(~ period, cbpp_num)
cases$cbpp_slope <- fit_case("cbpp_slope",
  cbind(incidence, size - incidence) ~ period + (period | herd), cbpp_num, binomial,
  cbpp_slope_x, cbpp_num$incidence, cbpp_num$size, 0, "data/cbpp_obs.csv",
  "cbind(incidence, size - incidence) ~ period + (period | herd)")
cases$cbpp_slope_obs <- fit_case("cbpp_slope_obs",
  cbind(incidence, size - incidence) ~ period + (period | herd) + (1 | obs), cbpp_num, binomial,
  cbpp_slope_x, cbpp_num$incidence, cbpp_num$size, 0, "data/cbpp_obs.csv",
  "cbind(incidence, size - incidence) ~ period + (period | herd) + (1 | obs)")
projects_x <- model.matrix(~ control + payment + champion + coach_relationship + small + cross_org, projects)
cases$projects_crossed <- fit_case("projects_crossed",
  improvements ~ control + payment + champion + coach_relationship + small + cross_org +
    offset(log(months_followed)) + (1 | practice) + (1 | project), projects, poisson,
  projects_x, projects$improvements, 1, log(projects$months_followed), "datasets/projects.csv",
  "improvements ~ control + payment + champion + coach_relationship + small + cross_org + offset(log(months_followed)) + (1 | practice) + (1 | project)")

result <- list(
  generated_by = "notebooks/reference/regression/glmm_terms_reference.R",
  r_version = R.version.string,
  lme4_version = as.character(packageVersion("lme4")),
  matrix_version = as.character(packageVersion("Matrix")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  method = "Laplace (nAGQ = 1); glmer bobyqa start polished by Newton on the written-out Laplace log-likelihood to relative step < 1e-10",
  tolerance = "1e-6 relative for log-likelihood, coefficients, sd, standard errors",
  cases = cases)
writeLines(toJSON(result, digits = NA, auto_unbox = TRUE, pretty = TRUE),
           file.path(out_dir, "output", "glmm_terms_cases.json"))
