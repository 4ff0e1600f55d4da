# Reference likelihood-ratio tests between nested linear mixed models for `qi fit --compare`
# (gaussian family with random-effect terms): lme4's anova(reduced, full), which refits both
# models by maximum likelihood when they were fitted by REML, on lme4's sleepstudy (GPL >= 2;
# see data/README.md):
#   full  Reaction ~ Days + (Days | Subject)   reduced  Reaction ~ 1 + (Days | Subject)
#   full  Reaction ~ Days + (1 | Subject)      reduced  Reaction ~ 1 + (1 | Subject)
# Each model is fitted by ML with bobyqa (rhoend = 1e-12) and restarted from its own theta
# until the deviance stops falling, so each log-likelihood is the optimum's to about 1e-10
# relative; anova() on those fits gives the statistic, df and p-value.
#
# Run from the repository root:
#   LC_ALL=C Rscript notebooks/reference/regression/lmm_lrt_reference.R
suppressPackageStartupMessages({
  library(lme4)
  library(jsonlite)
})
data <- read.csv("notebooks/reference/regression/data/sleepstudy.csv",
                 colClasses = c(Subject = "character"))
control <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5))
tight <- function(formula) {
  fit <- lmer(formula, data = data, REML = FALSE, control = control)
  repeat {
    previous <- deviance(fit)
    fit <- lmer(formula, data = data, REML = FALSE, control = control,
                start = list(theta = getME(fit, "theta")))
    if (previous - deviance(fit) < 1e-12) break
  }
  fit
}
cases <- list(
  list(name = "sleepstudy_slope", full = "Reaction ~ Days + (Days | Subject)",
       reduced = "Reaction ~ 1 + (Days | Subject)"),
  list(name = "sleepstudy_intercept", full = "Reaction ~ Days + (1 | Subject)",
       reduced = "Reaction ~ 1 + (1 | Subject)")
)
output <- lapply(cases, function(case) {
  full <- tight(as.formula(case$full))
  reduced <- tight(as.formula(case$reduced))
  table <- anova(reduced, full)
  list(name = case$name, full = case$full, reduced = case$reduced,
       full_log_likelihood = as.numeric(logLik(full)),
       reduced_log_likelihood = as.numeric(logLik(reduced)),
       statistic = table$Chisq[2], df = table$Df[2], p_value = table$`Pr(>Chisq)`[2])
})
versions <- list(R = as.character(getRversion()), lme4 = as.character(packageVersion("lme4")),
                 jsonlite = as.character(packageVersion("jsonlite")))
dir.create("notebooks/reference/regression/output", showWarnings = FALSE)
write(toJSON(list(versions = versions, cases = output), digits = NA, auto_unbox = TRUE,
             pretty = TRUE), "notebooks/reference/regression/output/lmm_lrt_cases.json")
