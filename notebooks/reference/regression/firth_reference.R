# Reference values for separation detection and Firth's penalised logistic regression in
# `qi fit` (--family binomial, --method firth), from R's glm, lpSolve, brglm2 and logistf.
#
# Data: logistf's sex2 (urinary tract infection, Cytel 1999; `dia` separates the cases),
# brglm2's endometrial (Heinze & Schemper 2002; `NV` separates), and a small made-up data set
# whose factor level `c` has no successes (an estimate running to minus infinity).
#
# logistf is not packaged by Debian: it was installed for this script from its GitHub source
# (georgheinze/logistf 1.26.1) into a private library, with the `formula.tools` import removed
# (used only by `flic`/`flac`, not called here):
#   R CMD INSTALL -l /tmp/x/rlib <logistf source>
# Run from the repository root:
#   LC_ALL=C R_LIBS=/tmp/x/rlib Rscript notebooks/reference/regression/firth_reference.R
suppressPackageStartupMessages({
  library(logistf)
  library(brglm2)
  library(lpSolve)
  library(jsonlite)
})
stopifnot(Sys.getlocale("LC_COLLATE") == "C")
out_dir <- file.path("notebooks", "reference", "regression")

write_data <- function(frame, name) {
  path <- file.path(out_dir, "data", paste0(name, ".csv"))
  write.csv(frame, path, row.names = FALSE)
  read.csv(path, stringsAsFactors = TRUE)
}

data(sex2, package = "logistf")
data(endometrial, package = "brglm2")
sex2_data <- write_data(as.data.frame(lapply(sex2, as.numeric)), "sex2")
endometrial_data <- write_data(endometrial, "endometrial")
separated_data <- write_data(data.frame(
  y     = c(1, 0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 1),
  x     = c(2.1, 0.4, 1.7, 3.0, 1.1, 0.2, 2.6, 1.9, 0.8, 1.4, 2.2, 0.5, 1.0, 2.8, 0.3, 1.6, 2.4, 0.9, 1.3, 2.0),
  group = rep(c("a", "b", "c", "b", "a"), 4)), "separated")
separated_data$y[separated_data$group == "c"] <- 0
write.csv(separated_data, file.path(out_dir, "data", "separated.csv"), row.names = FALSE)

# Konis (2007) primal linear program solved by lpSolve (an independent LP code):
# maximise sum(Xt beta) subject to Xt beta >= 0, -1 <= beta <= 1, with Xt = diag(2y - 1) X,
# written with beta = b_plus - b_minus, 0 <= b_plus, b_minus <= 1.
konis <- function(x, y) {
  xt <- (2 * y - 1) * x
  p <- ncol(x)
  objective <- c(colSums(xt), -colSums(xt))
  constraints <- rbind(cbind(xt, -xt), diag(2 * p))
  directions <- c(rep(">=", nrow(xt)), rep("<=", 2 * p))
  rhs <- c(rep(0, nrow(xt)), rep(1, 2 * p))
  solution <- lp("max", objective, constraints, directions, rhs)
  stopifnot(solution$status == 0)
  beta <- solution$solution[1:p] - solution$solution[p + 1:p]
  names(beta) <- colnames(x)
  list(objective = solution$objval, beta = beta,
       direction = ifelse(beta > 1e-8, "+", ifelse(beta < -1e-8, "-", "")))
}

tight <- logistf.control(maxit = 1000, maxstep = 5, lconv = 1e-15, gconv = 1e-13, xconv = 1e-15)
# The profile limits stop at the rounding floor below 1e-12 (lconv = xconv = 1e-15 never
# converges); at 1e-10 and 1e-12 they agree to about 1e-13.
tight_pl <- logistpl.control(maxit = 1000, maxstep = 5, lconv = 1e-12, xconv = 1e-12)

reference <- function(name, formula, data) {
  formula <- as.formula(formula)
  x <- model.matrix(formula, data)
  y <- model.response(model.frame(formula, data))
  separation <- konis(x, y)
  ml <- suppressWarnings(glm(formula, binomial, data))
  brglm <- glm(formula, binomial, data, method = "brglmFit", type = "AS_mean",
               control = brglmControl(epsilon = 1e-14, maxit = 1000))
  firth <- logistf(formula, data, control = tight, plcontrol = tight_pl)
  global <- logistftest(firth, control = tight)
  mu <- brglm$fitted.values
  w <- mu * (1 - mu)
  fisher_se <- sqrt(diag(solve(crossprod(x, w * x))))
  unpenalised <- sum(dbinom(y, 1, firth$predict, log = TRUE))
  list(
    name = name, data = name, formula = deparse(formula), terms = colnames(x),
    separation = list(objective = separation$objective, beta = unname(separation$beta),
                      direction = unname(separation$direction)),
    glm_converged = ml$converged, glm_estimates = unname(coef(ml)),
    brglm2_estimates = unname(coef(brglm)),
    brglm2_std_errors = unname(summary(brglm)$coefficients[, 2]),
    fisher_std_errors = unname(fisher_se),
    logistf_estimates = unname(firth$coefficients),
    logistf_std_errors = unname(sqrt(diag(firth$var))),
    penalized_log_likelihood = unname(firth$loglik["full"]),
    penalized_log_likelihood_null = unname(firth$loglik["null"]),
    log_likelihood = unpenalised,
    ci_lower = unname(firth$ci.lower), ci_upper = unname(firth$ci.upper),
    p_values = unname(firth$prob),
    global_test = list(statistic = unname(global$loglik["full"] - global$loglik["null"]) * 2,
                       df = global$df, p_value = global$prob),
    pl_iterations = unname(firth$pl.iter[, 1:2])
  )
}

cases <- list(
  reference("sex2", "case ~ age + oc + vic + vicl + vis + dia", sex2_data),
  reference("endometrial", "HG ~ NV + PI + EH", endometrial_data),
  reference("separated", "y ~ x + group", separated_data)
)
# A data set without separation: the linear program's optimum is 0 at beta = 0.
infert_data <- read.csv(file.path(out_dir, "data", "infert.csv"), stringsAsFactors = TRUE)
no_separation <- konis(model.matrix(case ~ age + parity + induced + spontaneous, infert_data),
                       infert_data$case)

versions <- list(R = R.version.string, logistf = as.character(packageVersion("logistf")),
                 brglm2 = as.character(packageVersion("brglm2")),
                 lpSolve = as.character(packageVersion("lpSolve")),
                 jsonlite = as.character(packageVersion("jsonlite")))
writeLines(toJSON(list(versions = versions, cases = cases,
                       infert_separation = list(objective = no_separation$objective,
                                                beta = unname(no_separation$beta))),
                  auto_unbox = TRUE, digits = NA, pretty = TRUE),
           file.path(out_dir, "output", "firth_cases.json"))
