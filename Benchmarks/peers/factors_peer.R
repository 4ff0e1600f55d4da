# The facilitator analysis of `qi factors datasets/projects.csv --outcome
# success,sustained_12m,improvements --exposure months_followed` done with R's packages, for a
# side-by-side timing (scripts/time-factors.sh): per outcome lme4's glmer with a random
# intercept per practice (nAGQ = 9, default controls), glm with clubSandwich's CR2 errors and
# Satterthwaite tests, and for the binary outcomes logistf (Firth, profile intervals).
# Prints the elapsed time of the analysis (after loading packages and reading the file).
#   LC_ALL=C R_LIBS=/tmp/x/rlib Rscript Benchmarks/peers/factors_peer.R
suppressPackageStartupMessages({
  library(lme4)
  library(clubSandwich)
  library(logistf)
})
projects <- read.csv("datasets/projects.csv")
factors <- "control + payment + champion + coach_relationship + small + cross_org"
started <- proc.time()
for (outcome in c("success", "sustained_12m", "improvements")) {
  used <- projects[!is.na(projects[[outcome]]), ]
  count <- outcome == "improvements"
  text <- paste(outcome, "~", factors, if (count) "+ offset(log(months_followed))" else "")
  family <- if (count) poisson() else binomial()
  mixed <- suppressMessages(glmer(as.formula(paste(text, "+ (1 | practice)")), family = family,
                                  data = used, nAGQ = 9))
  fit <- glm(as.formula(text), family = family, data = used)
  robust <- coef_test(fit, vcov = vcovCR(fit, cluster = used$practice, type = "CR2"),
                      test = "Satterthwaite")
  if (!count) firth <- logistf(as.formula(text), data = used)
}
elapsed <- proc.time() - started
cat(sprintf("R analysis: elapsed %.3f s, user+sys %.3f s\n", elapsed[["elapsed"]],
            elapsed[["user.self"]] + elapsed[["sys.self"]]))
