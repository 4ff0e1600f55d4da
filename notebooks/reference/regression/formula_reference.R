# Term and coefficient names from R's model.frame / model.matrix, the names `qi fit` must
# print, for formulas exercising every part of the formula interface.
#
# Run from the repository root with the C collation, so text levels sort by code point as
# QIKit sorts them (INTERFACE.md):
#   LC_ALL=C Rscript notebooks/reference/regression/formula_reference.R
suppressPackageStartupMessages(library(jsonlite))
stopifnot(Sys.getlocale("LC_COLLATE") == "C")
out_dir <- file.path("notebooks", "reference", "regression")

set.seed(20261105)
n <- 24
data <- data.frame(
  y = round(rnorm(n, 10, 2), 3),
  x = round(runif(n, 1, 5), 3),
  z = round(rnorm(n), 3),
  t = round(runif(n, 10, 100), 1),
  site = rep(c("b", "a", "C", "a b"), length.out = n),
  arm = rep(c("treated", "control"), each = 2, length.out = n),
  dose = rep(c(10, 2, 1, 100000), length.out = n),
  s = rpois(n, 3),
  practice = rep(sprintf("P%02d", 1:6), each = 4),
  project = rep(1:2, length.out = n)
)
data$f <- n - data$s + 1
data[3, "x"] <- NA
write.csv(data, file.path(out_dir, "data", "formula_cases.csv"), row.names = FALSE)
data <- read.csv(file.path(out_dir, "data", "formula_cases.csv"), stringsAsFactors = TRUE)

formulas <- c(
  "y ~ x",
  "y ~ x + z",
  "y ~ site",
  "y ~ x * arm",
  "y ~ arm:site + x",
  "y ~ site - 1",
  "y ~ 0 + x + arm",
  "y ~ -1 + x",
  "y ~ factor(dose)",
  "y ~ x:arm",
  "y ~ z:x + x",
  "y ~ log(t) + offset(log(t))",
  "y ~ I(x^2) + sqrt(t)",
  "y ~ log(t + 1)",
  "y ~ (x + z + arm)^2",
  "y ~ arm/x",
  "cbind(s, f) ~ arm + x",
  "cbind(s, f - s) ~ site",
  "log(y) ~ x",
  "y ~ x + (1 | practice)",
  "y ~ x + (x | practice)",
  "y ~ x + (1 | practice/project)"
)

no_bars <- function(f) {
  # lme4::nobars drops the random-effect terms; done by hand to need no lme4 here
  rhs <- gsub("\\+ \\([^)]*\\|[^)]*\\)", "", f)
  as.formula(rhs)
}

cases <- lapply(formulas, function(text) {
  f <- no_bars(text)
  mf <- model.frame(f, data)
  mm <- model.matrix(f, mf)
  list(formula = text,
       term_labels = attr(terms(f), "term.labels"),
       intercept = attr(terms(f), "intercept") == 1,
       response = deparse(f[[2]]),
       column_names = colnames(mm),
       rows_used = nrow(mm),
       first_row = unname(mm[1, ]),
       last_row = unname(mm[nrow(mm), ]),
       column_sums = unname(colSums(mm)))
})

write_json(list(tool = list(r_version = R.version.string), cases = cases),
           file.path(out_dir, "output", "formula_cases.json"), digits = NA, auto_unbox = TRUE,
           pretty = TRUE)
