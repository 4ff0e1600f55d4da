# Reference fits for `qi fit` linear mixed models (gaussian family with random-effect terms):
# lme4's lmer on data sets shipped with lme4 (GPL >= 2; see data/README.md):
#   sleepstudy  Reaction ~ Days + (Days | Subject)              REML and ML (correlated slope)
#   sleepstudy  Reaction ~ Days + (1 | Subject) + (0 + Days | Subject)   REML (uncorrelated)
#   sleepstudy  Reaction ~ Days + (Days || Subject)             ML (the same model written with ||)
#   Penicillin  diameter ~ 1 + (1 | plate) + (1 | sample)        REML (crossed)
#   Pastes      strength ~ 1 + (1 | batch/cask)                 REML and ML (nested)
#   Dyestuff    Yield ~ 1 + (1 | Batch)                         REML and ML
#   Dyestuff2   Yield ~ 1 + (1 | Batch)                         REML (boundary: singular fit)
#
# lmer's default optimiser (nloptwrap, BOBYQA) stops when theta changes by about 1e-4 relative
# (xtol_rel = 1e-6 on theta, ftol_abs 1e-6 on the deviance); here bobyqa runs with
# rhoend = 1e-12 and each fit is restarted from its own theta until the criterion stops falling,
# so theta is the optimum to about 1e-9 relative and the estimates can be compared at 1e-6
# relative. The default fit's theta is kept as `default_theta` to show the difference.
# A second optimiser (nloptwrap with xtol_rel = 1e-14, ftol_abs = 1e-14) is run as a check;
# the largest relative difference of its theta from bobyqa's is recorded as
# `theta_optimizer_disagreement`.
#
# Recorded per fit: theta (lme4's order: terms by decreasing number of levels, within a term
# column-wise lower triangle), fixed effects and vcov standard errors (sigma^2 (RX'RX)^-1 at
# the optimum, exact for an LMM), random effects as as.data.frame(VarCorr()), sigma, logLik
# (the REML log-likelihood for REML fits, as lme4 reports it), REMLcrit, the ML deviance at the
# estimates (deviance(fit, REML = FALSE)), AIC, BIC, the number of parameters, isSingular.
#
# Run from the repository root:
#   LC_ALL=C Rscript notebooks/reference/regression/lmm_reference.R
suppressPackageStartupMessages({
  library(lme4)
  library(jsonlite)
})
stopifnot(Sys.getlocale("LC_COLLATE") == "C")
out_dir <- file.path("notebooks", "reference", "regression")

write_data <- function(frame, name) {
  path <- file.path(out_dir, "data", paste0(name, ".csv"))
  write.csv(frame, path, row.names = FALSE)
  read.csv(path, stringsAsFactors = TRUE)
}
sleep_data <- write_data(sleepstudy[, c("Reaction", "Days", "Subject")], "sleepstudy")
sleep_data$Subject <- factor(sleep_data$Subject)
penicillin_data <- write_data(Penicillin[, c("diameter", "plate", "sample")], "penicillin")
pastes_data <- write_data(Pastes[, c("strength", "batch", "cask")], "pastes")
dyestuff_data <- write_data(Dyestuff, "dyestuff")
dyestuff2_data <- write_data(Dyestuff2, "dyestuff2")

tight <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5),
                     check.conv.grad = "ignore", check.conv.singular = "ignore")
tight_nlopt <- lmerControl(optimizer = "nloptwrap",
                           optCtrl = list(xtol_rel = 1e-14, ftol_abs = 1e-14, maxeval = 1e5),
                           check.conv.grad = "ignore", check.conv.singular = "ignore")

fit_tightly <- function(formula, data, reml) {
  fit <- lmer(formula, data, REML = reml, control = tight)
  for (restart in 1:20) {
    criterion <- deviance_of(fit)
    again <- lmer(formula, data, REML = reml, control = tight, start = getME(fit, "theta"))
    if (deviance_of(again) >= criterion) break
    fit <- again
  }
  fit
}
deviance_of <- function(fit) if (isREML(fit)) REMLcrit(fit) else deviance(fit)

as_case <- function(name, formula, data, data_name, reml) {
  fit <- fit_tightly(formula, data, reml)
  default_fit <- suppressMessages(lmer(formula, data, REML = reml))
  check <- lmer(formula, data, REML = reml, control = tight_nlopt)
  theta <- getME(fit, "theta")
  vc <- as.data.frame(VarCorr(fit))
  log_likelihood <- logLik(fit)
  list(
    name = name,
    formula = paste(deparse(formula, width.cutoff = 500), collapse = ""),
    data = data_name,
    method = if (reml) "reml" else "ml",
    n = nobs(fit),
    theta = unname(theta),
    theta_names = names(theta),
    default_theta = unname(getME(default_fit, "theta")),
    theta_optimizer_disagreement = max(abs(getME(check, "theta") - theta) / pmax(abs(theta), 1e-3)),
    terms = names(fixef(fit)),
    coefficients = unname(fixef(fit)),
    std_errors = unname(sqrt(diag(as.matrix(vcov(fit))))),
    random_effects = list(
      group = vc$grp, var1 = ifelse(is.na(vc$var1), "", vc$var1),
      var2 = ifelse(is.na(vc$var2), "", vc$var2), vcov = vc$vcov, sdcor = vc$sdcor),
    sigma = sigma(fit),
    log_likelihood = as.numeric(log_likelihood),
    parameters = attr(log_likelihood, "df"),
    reml_criterion = if (reml) REMLcrit(fit) else NULL,
    ml_deviance = deviance(fit, REML = FALSE),
    aic = AIC(fit),
    bic = BIC(fit),
    df_residual = df.residual(fit),
    singular = isSingular(fit)
  )
}

cases <- list(
  as_case("sleepstudy_slope_reml", Reaction ~ Days + (Days | Subject), sleep_data, "sleepstudy", TRUE),
  as_case("sleepstudy_slope_ml", Reaction ~ Days + (Days | Subject), sleep_data, "sleepstudy", FALSE),
  as_case("sleepstudy_uncorrelated_reml", Reaction ~ Days + (1 | Subject) + (0 + Days | Subject),
          sleep_data, "sleepstudy", TRUE),
  as_case("sleepstudy_double_bar_ml", Reaction ~ Days + (Days || Subject), sleep_data,
          "sleepstudy", FALSE),
  as_case("penicillin_crossed_reml", diameter ~ 1 + (1 | plate) + (1 | sample), penicillin_data,
          "penicillin", TRUE),
  as_case("pastes_nested_reml", strength ~ 1 + (1 | batch/cask), pastes_data, "pastes", TRUE),
  as_case("pastes_nested_ml", strength ~ 1 + (1 | batch/cask), pastes_data, "pastes", FALSE),
  as_case("dyestuff_reml", Yield ~ 1 + (1 | Batch), dyestuff_data, "dyestuff", TRUE),
  as_case("dyestuff_ml", Yield ~ 1 + (1 | Batch), dyestuff_data, "dyestuff", FALSE),
  as_case("dyestuff2_singular_reml", Yield ~ 1 + (1 | Batch), dyestuff2_data, "dyestuff2", TRUE)
)

output <- list(
  source = "lme4::lmer (bobyqa rhoend 1e-12, restarted until the criterion settles)",
  versions = list(R = R.version.string, lme4 = as.character(packageVersion("lme4")),
                  Matrix = as.character(packageVersion("Matrix")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  tolerance = "1e-6 relative: the reference optimum is converged to about 1e-9 in theta",
  cases = cases)
writeLines(toJSON(output, digits = NA, auto_unbox = TRUE, pretty = TRUE, null = "null"),
           file.path(out_dir, "output", "lmm_cases.json"))
