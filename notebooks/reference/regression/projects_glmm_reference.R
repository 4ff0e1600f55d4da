# Reference values for the primary model of `qi factors` on the bundled projects data
# (datasets/projects.csv, made by make_projects.py): a random intercept per practice fitted
# by lme4's glmer, tightly converged, for the two binary outcomes (logit) and the count
# outcome (Poisson, offset(log(months_followed))).
#
# qi factors' rule: adaptive Gauss-Hermite quadrature with 9 nodes when the median practice
# has fewer than 10 rows in the model (here 5), else the Laplace approximation. Both K = 9
# (the model qi factors fits) and K = 1 and K = 25 are recorded, to show how much the choice
# matters on these data.
#
# Convergence as glmm_reference.R: bobyqa with rhoend 1e-12, tolPwrss 1e-13, restarted from
# its optimum until the deviance settles. Standard errors: Richardson-extrapolated central
# differences over (theta, beta) of lme4's deviance function at the optimum (the quantity
# QIKit computes). Log-likelihood: at nAGQ > 1 lme4's deviance omits the saturated
# log-likelihood (lme4 issues 161, 567), added back here, so `log_likelihood` is the full one.
#
# Run from the repository root:
#   LC_ALL=C Rscript notebooks/reference/regression/projects_glmm_reference.R
suppressPackageStartupMessages({
  library(lme4)
  library(jsonlite)
})
stopifnot(Sys.getlocale("LC_COLLATE") == "C")
out_dir <- file.path("notebooks", "reference", "regression")
projects <- read.csv(file.path("datasets", "projects.csv"))
projects$practice <- factor(projects$practice)
factors <- "control + payment + champion + coach_relationship + small + cross_org"
tight <- glmerControl(optimizer = "bobyqa", tolPwrss = 1e-13,
                      optCtrl = list(rhoend = 1e-12, maxfun = 1e5),
                      check.conv.grad = "ignore", check.conv.singular = "ignore")

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

# The adaptive Gauss-Hermite log-likelihood written out (Pinheiro & Bates 1995; Liu & Pierce
# 1994) with lme4's GHrule nodes and each practice's conditional mode found by Newton's method
# to 1e-14: an independent check of lme4's deviance function, and the function whose
# Richardson Hessian gives `std_errors` (lme4's own deviance function gives standard errors
# 1e-6 to 2e-6 relative away, kept as `std_errors_lme4_devfun`, as glmm_reference.R found for
# its Laplace function). At a boundary fit (theta = 0) the Hessian is over beta alone, the
# limit as theta -> 0 (the cross derivatives vanish there because the log-likelihood is even
# in theta), which is the GLM's Fisher information.
agq_loglik <- function(par, x, y, offset, groups, poisson, nagq) {
  sigma <- par[1]
  fixed <- drop(x %*% par[-1]) + offset
  rule <- GHrule(nagq)
  total <- 0
  for (rows in split(seq_along(y), groups)) {
    h <- function(b) {
      eta <- fixed[rows] + sigma * b
      (if (poisson) sum(dpois(y[rows], exp(eta), log = TRUE))
       else sum(dbinom(y[rows], 1, plogis(eta), log = TRUE))) + dnorm(b, log = TRUE)
    }
    b <- 0
    for (iteration in 1:200) {
      mean <- if (poisson) exp(fixed[rows] + sigma * b) else plogis(fixed[rows] + sigma * b)
      information <- if (poisson) sum(mean) else sum(mean * (1 - mean))
      step <- (sigma * sum(y[rows] - mean) - b) / (1 + sigma^2 * information)
      b <- b + step
      if (abs(step) < 1e-14) break
    }
    mean <- if (poisson) exp(fixed[rows] + sigma * b) else plogis(fixed[rows] + sigma * b)
    scale <- 1 / sqrt(1 + sigma^2 * (if (poisson) sum(mean) else sum(mean * (1 - mean))))
    terms <- sapply(seq_len(nrow(rule)), function(k)
      log(rule[k, "w"]) + h(b + scale * rule[k, "z"]) - rule[k, "ldnorm"])
    top <- max(terms)
    total <- total + log(scale) + top + log(sum(exp(terms - top)))
  }
  total
}

fit_case <- function(name, outcome, family, nagq, offset = NULL) {
  used <- projects[!is.na(projects[[outcome]]), ]
  used$practice <- droplevels(used$practice)
  text <- paste(outcome, "~", factors)
  if (!is.null(offset)) text <- paste0(text, " + offset(log(", offset, "))")
  text <- paste(text, "+ (1 | practice)")
  fit <- glmer(as.formula(text), family = family, data = used, nAGQ = nagq, control = tight)
  for (round in 1:8) {
    previous <- deviance(fit)
    fit <- update(fit, start = list(theta = getME(fit, "theta"), fixef = fixef(fit)))
    if (abs(deviance(fit) - previous) < 1e-12 * abs(previous)) break
  }
  theta <- unname(getME(fit, "theta"))
  beta <- unname(fixef(fit))
  devfun <- update(fit, devFunOnly = TRUE)
  par <- c(theta, beta)
  lme4_covariance <- solve(-richardson_hessian(function(x) -devfun(x) / 2, par))
  y <- used[[outcome]]
  x <- model.matrix(fit)
  exposure <- if (is.null(offset)) rep(0, nrow(used)) else log(used[[offset]])
  poisson <- family$family == "poisson"
  written_out <- function(p) agq_loglik(p, x, y, exposure, used$practice, poisson, nagq)
  covariance <- if (theta < 1e-4) {
    beta_only <- solve(-richardson_hessian(function(b) written_out(c(0, b)), beta))
    rbind(c(NA, rep(0, length(beta))), cbind(0, beta_only))
  } else {
    solve(-richardson_hessian(written_out, par))
  }
  saturated <- if (family$family == "poisson") sum(dpois(y, y, log = TRUE)) else 0
  full_loglik <- if (nagq == 1) as.numeric(logLik(fit)) else -devfun(par) / 2 + saturated
  sizes <- as.numeric(table(used$practice))
  list(name = name, outcome = outcome, formula = text, family = family$family, nagq = nagq,
       n = nrow(used), practices = nlevels(used$practice), median_practice_size = median(sizes),
       terms = names(fixef(fit)), coefficients = beta,
       std_errors = sqrt(diag(covariance))[-1],
       std_errors_lme4_devfun = sqrt(diag(lme4_covariance))[-1],
       written_out_log_likelihood = written_out(par),
       std_errors_lme4_vcov = unname(sqrt(diag(as.matrix(vcov(fit))))),
       sd = theta, sd_std_error = if (theta < 1e-4) NULL else sqrt(covariance[1, 1]),
       log_likelihood = full_loglik, lme4_logLik = as.numeric(logLik(fit)),
       aic = -2 * full_loglik + 2 * (length(beta) + 1))
}

cases <- list()
for (nagq in c(9, 1, 25)) {
  cases[[length(cases) + 1]] <- fit_case("success", "success", binomial(), nagq)
  cases[[length(cases) + 1]] <- fit_case("sustained", "sustained_12m", binomial(), nagq)
  cases[[length(cases) + 1]] <- fit_case("improvements", "improvements", poisson(), nagq,
                                         offset = "months_followed")
}
result <- list(
  generated_by = "notebooks/reference/regression/projects_glmm_reference.R",
  versions = list(R = R.version.string, lme4 = as.character(packageVersion("lme4")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  control = "glmerControl(optimizer = 'bobyqa', tolPwrss = 1e-13, optCtrl = list(rhoend = 1e-12, maxfun = 1e5)), restarted until the deviance settles",
  cases = cases)
writeLines(toJSON(result, auto_unbox = TRUE, digits = NA, pretty = TRUE),
           file.path(out_dir, "output", "projects_glmm_cases.json"))
