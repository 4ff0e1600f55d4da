# Reference values for `qi factors` on the bundled projects data (datasets/projects.csv) and
# the separated example (data/projects_separated.csv), both made by make_projects.py:
# R's glm (converged to epsilon 1e-15) with clubSandwich's CR2 errors by practice and
# coef_test's Satterthwaite df (the primary model when not separated), model-based errors
# (phi (X'WX)^-1 at the estimate), and Firth's method by brglm2 (estimates, Fisher-information
# errors) and logistf (profile penalised-likelihood intervals and penalised LR p-values).
#
# Run from the repository root, with logistf in a private library as for firth_reference.R:
#   LC_ALL=C R_LIBS=/tmp/x/rlib Rscript notebooks/reference/regression/projects_reference.R
suppressPackageStartupMessages({
  library(clubSandwich)
  library(brglm2)
  library(logistf)
  library(jsonlite)
})
stopifnot(Sys.getlocale("LC_COLLATE") == "C")
out_dir <- file.path("notebooks", "reference", "regression")
tight <- glm.control(epsilon = 1e-15, maxit = 500)
tight_firth <- logistf.control(maxit = 1000, maxstep = 5, lconv = 1e-15, gconv = 1e-13,
                               xconv = 1e-15)
tight_pl <- logistpl.control(maxit = 1000, maxstep = 5, lconv = 1e-12, xconv = 1e-12)
factors <- "control + payment + champion + coach_relationship + small + cross_org"

reference <- function(name, path, outcome, family, offset = NULL, firth = TRUE) {
  data <- read.csv(path)
  formula <- paste(outcome, "~", factors)
  if (!is.null(offset)) formula <- paste0(formula, " + offset(log(", offset, "))")
  used <- data[!is.na(data[[outcome]]), ]
  fit <- glm(as.formula(formula), family = family, data = used, control = tight)
  x <- model.matrix(fit)
  w <- fit$prior.weights * family$mu.eta(fit$linear.predictors)^2 /
    family$variance(fit$fitted.values)
  model_se <- sqrt(diag(solve(crossprod(x, w * x))))
  cr2 <- vcovCR(fit, cluster = used$practice, type = "CR2")
  test <- coef_test(fit, vcov = cr2, test = "Satterthwaite")
  interval <- conf_int(fit, vcov = cr2, level = 0.95, test = "Satterthwaite")
  out <- list(name = name, data = path, outcome = outcome, formula = formula,
              family = family$family, n = nrow(used), practices = length(unique(used$practice)),
              terms = names(coef(fit)), glm_estimates = unname(coef(fit)),
              model_std_errors = unname(model_se),
              cr2 = list(std_errors = unname(sqrt(diag(as.matrix(cr2)))),
                         df = unname(test$df_Satt), p_values = unname(test$p_Satt),
                         ci_lower = unname(interval$CI_L), ci_upper = unname(interval$CI_U)))
  if (firth) {
    br <- glm(as.formula(formula), binomial, used, method = "brglmFit", type = "AS_mean",
              control = brglmControl(epsilon = 1e-14, maxit = 1000))
    lf <- logistf(as.formula(formula), used, control = tight_firth, plcontrol = tight_pl)
    mu <- br$fitted.values
    out$firth <- list(estimates = unname(coef(br)),
                      std_errors = unname(sqrt(diag(solve(crossprod(x, mu * (1 - mu) * x))))),
                      logistf_estimates = unname(lf$coefficients),
                      ci_lower = unname(lf$ci.lower), ci_upper = unname(lf$ci.upper),
                      p_values = unname(lf$prob))
  }
  out
}

projects <- file.path("datasets", "projects.csv")
separated <- file.path(out_dir, "data", "projects_separated.csv")
cases <- list(
  reference("projects_success", projects, "success", binomial()),
  reference("projects_sustained", projects, "sustained_12m", binomial()),
  reference("projects_improvements", projects, "improvements", poisson(),
            offset = "months_followed", firth = FALSE),
  reference("separated_success", separated, "success", binomial())
)
versions <- list(R = R.version.string, clubSandwich = as.character(packageVersion("clubSandwich")),
                 brglm2 = as.character(packageVersion("brglm2")),
                 logistf = as.character(packageVersion("logistf")),
                 jsonlite = as.character(packageVersion("jsonlite")))
writeLines(toJSON(list(versions = versions, cases = cases), auto_unbox = TRUE, digits = NA,
                  pretty = TRUE),
           file.path(out_dir, "output", "projects_cases.json"))
