# Reference values for cluster-robust standard errors in `qi fit --cluster COL --robust TYPE`:
# sandwich's vcovCL (CR0 = HC0 without the G/(G-1) adjustment; CR1S = HC1 with it, i.e.
# G/(G-1) (n-1)/(n-k)) and clubSandwich's vcovCR (CR1S, CR2, CR3) with coef_test's
# Satterthwaite degrees of freedom, on GLMs converged to epsilon 1e-15.
#
# Data: R's infert (logistic, clustered by the matched set `stratum`: 83 clusters of 2 or 3),
# MASS's quine (Poisson, clustered by the 16 combinations of Eth, Sex and Age written as
# `cell`), and quine again with a gaussian model of log(Days + 1).
#
# Run from the repository root:
#   LC_ALL=C Rscript notebooks/reference/regression/cluster_reference.R
suppressPackageStartupMessages({
  library(MASS)
  library(sandwich)
  library(clubSandwich)
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
infert_data <- write_data(infert[, c("case", "age", "parity", "induced", "spontaneous",
                                     "stratum")], "infert_strata")
quine_data <- write_data(transform(quine, cell = paste(Eth, Sex, Age, sep = "_")), "quine_cells")

reference <- function(name, data_name, formula, family, cluster_column, data) {
  fit <- glm(as.formula(formula), family = family, data = data, control = tight)
  cluster <- data[[cluster_column]]
  out <- list(name = name, data = data_name, formula = formula, family = family$family,
              cluster = cluster_column, clusters = length(unique(cluster)),
              terms = names(coef(fit)), estimates = unname(coef(fit)))
  sandwich_types <- list(CR0 = vcovCL(fit, cluster = cluster, type = "HC0", cadjust = FALSE),
                         CR1S = vcovCL(fit, cluster = cluster, type = "HC1", cadjust = TRUE))
  for (type in c("CR0", "CR1S", "CR2", "CR3")) {
    vcov <- vcovCR(fit, cluster = cluster, type = type)
    test <- coef_test(fit, vcov = vcov, test = "Satterthwaite")
    entry <- list(std_errors = unname(sqrt(diag(as.matrix(vcov)))),
                  df = unname(test$df_Satt), p_values = unname(test$p_Satt))
    if (!is.null(sandwich_types[[type]])) {
      entry$sandwich_std_errors <- unname(sqrt(diag(sandwich_types[[type]])))
    }
    out[[type]] <- entry
  }
  out
}

cases <- list(
  reference("infert_stratum", "infert_strata", "case ~ age + parity + induced + spontaneous",
            binomial(), "stratum", infert_data),
  reference("quine_poisson_cell", "quine_cells", "Days ~ Eth + Sex + Lrn", poisson(), "cell",
            quine_data),
  reference("quine_gaussian_cell", "quine_cells", "log(Days + 1) ~ Eth + Sex + Lrn",
            gaussian(), "cell", quine_data)
)
versions <- list(R = R.version.string, sandwich = as.character(packageVersion("sandwich")),
                 clubSandwich = as.character(packageVersion("clubSandwich")),
                 MASS = as.character(packageVersion("MASS")),
                 jsonlite = as.character(packageVersion("jsonlite")))
writeLines(toJSON(list(versions = versions, cases = cases), auto_unbox = TRUE, digits = NA,
                  pretty = TRUE),
           file.path(out_dir, "output", "cluster_cases.json"))
