# Funnel plot reference values for `qi funnel`, from outside QIKit.
#
# Two sources:
#   1. FunnelPlotR 0.6.0 (nhs-r-community/FunnelPlotR, git 9020d49): target, unadjusted
#      z-scores, winsorised z-scores, phi, tau^2 and its additive (random effects) limits.
#   2. R's own qbinom/pbinom and qpois/ppois, with Spiegelhalter's (2005, Stat Med 24:1185,
#      appendix A.1) interpolation written out below: the exact limits without
#      overdispersion, which FunnelPlotR does not compute for proportions.
#
# Run from the repository root (see README.md):
#   R_LIBS=/tmp/rlib-funnel Rscript notebooks/reference/funnel/funnel_reference.R
suppressPackageStartupMessages({
  library(FunnelPlotR)
  library(jsonlite)
})

out_dir <- file.path("notebooks", "reference", "funnel", "output")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

tool <- list(
  funnelplotr_version = as.character(packageVersion("FunnelPlotR")),
  funnelplotr_commit = "9020d49",
  r_version = R.version.string,
  jsonlite_version = as.character(packageVersion("jsonlite"))
)

z95 <- qnorm(0.975)
z998 <- qnorm(0.999)

# --- Spiegelhalter (2005), appendix A.1: exact limits for discrete data, interpolated ---
# r_p = the p-quantile (smallest r with P(Y <= r) >= p);
# alpha = (P(Y <= r_p) - p) / (P(Y <= r_p) - P(Y <= r_p - 1));
# limit = (r_p - alpha) / n, here clamped to [0, 1] (p) or [0, Inf) (u).
spiegelhalter_limit <- function(p, n, target, chart) {
  if (chart == "p") {
    r <- qbinom(p, n, target)
    upper_cdf <- pbinom(r, n, target)
    lower_cdf <- pbinom(r - 1, n, target)
  } else {
    r <- qpois(p, n * target)
    upper_cdf <- ppois(r, n * target)
    lower_cdf <- ppois(r - 1, n * target)
  }
  alpha <- (upper_cdf - p) / (upper_cdf - lower_cdf)
  limit <- (r - alpha) / n
  limit <- pmax(limit, 0)
  if (chart == "p") limit <- pmin(limit, 1)
  limit
}

exact_limits <- function(n, target, chart) {
  sapply(n, function(one) c(
    lcl_95 = spiegelhalter_limit(0.025, one, target, chart),
    ucl_95 = spiegelhalter_limit(0.975, one, target, chart),
    lcl_998 = spiegelhalter_limit(0.001, one, target, chart),
    ucl_998 = spiegelhalter_limit(0.999, one, target, chart)))
}

# Limits on the variance-stabilising scale g, back-transformed (multiplicative: width
# z sqrt(phi) s; additive: z sqrt(s^2 + tau^2)). g = asin(sqrt(.)) for p, sqrt(.) for u.
scale_limits <- function(n, target, chart, half_width) {
  g <- if (chart == "p") asin(sqrt(target)) else sqrt(target)
  back <- function(x) {
    if (chart == "p") sin(pmin(pmax(x, 0), pi / 2))^2 else pmax(x, 0)^2
  }
  rbind(lcl_95 = back(g - z95 * half_width),
        ucl_95 = back(g + z95 * half_width),
        lcl_998 = back(g - z998 * half_width),
        ucl_998 = back(g + z998 * half_width))
}

flag <- function(rate, limits) {
  ifelse(rate > limits["ucl_998", ], "above_998",
    ifelse(rate > limits["ucl_95", ], "above_95",
      ifelse(rate < limits["lcl_998", ], "below_998",
        ifelse(rate < limits["lcl_95", ], "below_95", "within"))))
}

# One funnel: FunnelPlotR's estimates plus the limits and z-scores of every method.
# For u (rates per unit of exposure) FunnelPlotR is called as an indirectly standardised
# ratio with the CQC (square-root) method, O = y and E = n * target, which gives the same
# z-scores and phi as the square-root scale for rates; its tau^2 is on the scale of
# sqrt(O/E) and is multiplied by the target to put it on the scale of sqrt(y/n).
reference_case <- function(name, description, data, chart) {
  target <- sum(data$y) / sum(data$n)
  if (chart == "p") {
    call <- "funnel_plot(data, numerator = y, denominator = n, group = unit, data_type = \"PR\", draw_unadjusted = TRUE, draw_adjusted = TRUE, trim_by = 0.1)"
    fp <- funnel_plot(data, numerator = y, denominator = n, group = unit,
                      data_type = "PR", draw_unadjusted = TRUE, draw_adjusted = TRUE,
                      trim_by = 0.1)
    tau2_scale <- 1
  } else {
    data$expected <- data$n * target
    call <- "funnel_plot(data, numerator = y, denominator = expected, group = unit, data_type = \"SR\", sr_method = \"CQC\", draw_unadjusted = TRUE, draw_adjusted = TRUE, trim_by = 0.1) with expected = n * sum(y) / sum(n)"
    fp <- funnel_plot(data, numerator = y, denominator = expected, group = unit,
                      data_type = "SR", sr_method = "CQC", draw_unadjusted = TRUE,
                      draw_adjusted = TRUE, trim_by = 0.1)
    tau2_scale <- target
  }
  agg <- source_data(fp)
  agg <- agg[match(data$unit, agg$group), ]
  phi <- phi(fp)
  tau2_fp <- tau2(fp)
  tau2 <- tau2_fp * tau2_scale

  rate <- data$y / data$n
  s <- 1 / (2 * sqrt(data$n))
  z_unadjusted <- agg$Uzscore
  exact <- exact_limits(data$n, target, chart)
  multiplicative <- scale_limits(data$n, target, chart, sqrt(phi) * s)
  additive <- scale_limits(data$n, target, chart, sqrt(s^2 + tau2))
  applied <- phi > 1
  if (!applied) {
    multiplicative <- exact
    additive <- exact
  }
  g_rate <- if (chart == "p") asin(sqrt(rate)) else sqrt(rate)
  g_target <- if (chart == "p") asin(sqrt(target)) else sqrt(target)

  units <- lapply(seq_len(nrow(data)), function(i) {
    unit <- list(
      unit = as.character(data$unit[i]), y = data$y[i], n = data$n[i], rate = rate[i],
      z_unadjusted = z_unadjusted[i],
      winsorised_z = agg$Wuzscore[i],
      exact = as.list(exact[, i]),
      multiplicative = as.list(multiplicative[, i]),
      additive = as.list(additive[, i]),
      z_multiplicative = if (applied) (g_rate[i] - g_target) / (sqrt(phi) * s[i]) else z_unadjusted[i],
      z_additive = if (applied) (g_rate[i] - g_target) / sqrt(s[i]^2 + tau2) else z_unadjusted[i],
      flag_none = flag(rate[i], exact[, i, drop = FALSE]),
      flag_multiplicative = flag(rate[i], multiplicative[, i, drop = FALSE]),
      flag_additive = flag(rate[i], additive[, i, drop = FALSE]))
    if (applied && chart == "p") {
      # FunnelPlotR's own additive limits (rounded constants 1.959964, 3.090232).
      unit$funnelplotr_additive <- list(
        lcl_95 = agg$OD95LCL[i], ucl_95 = agg$OD95UCL[i],
        lcl_998 = agg$OD99LCL[i], ucl_998 = agg$OD99UCL[i])
    }
    unit
  })

  result <- list(
    case = name, description = description, chart = chart, tool = tool, call = call,
    winsorised_fraction = 0.1,
    target = target, phi = phi, tau2 = tau2, tau2_funnelplotr = tau2_fp,
    overdispersion_applied = applied,
    units = units)
  write(toJSON(result, auto_unbox = TRUE, digits = NA, pretty = TRUE),
        file.path(out_dir, paste0(name, ".json")))
  invisible(result)
}

# --- 1. A&E four-hour breaches, type 1 departments, March 2019 (p, overdispersed) ---
ae <- read.csv(file.path("datasets", "ae_attendances.csv"), stringsAsFactors = FALSE)
ae <- ae[ae$period == "2019-03-01" & ae$type == "1", ]
ae <- data.frame(unit = ae$org_code, y = ae$breaches, n = ae$attendances)
reference_case("ae_breaches_2019_03_p",
  "datasets/ae_attendances.csv, period 2019-03-01, type 1: unit = org_code, y = breaches, n = attendances",
  ae, "p")

# --- 2. A small synthetic p example (binomial, no overdispersion expected) ---
set.seed(2005)
small_n <- c(35L, 60L, 85L, 120L, 150L, 210L, 260L, 330L, 400L, 520L, 640L, 800L)
small <- data.frame(unit = sprintf("P%02d", seq_along(small_n)),
                    y = rbinom(length(small_n), small_n, 0.18), n = small_n)
reference_case("synthetic_small_p",
  "12 synthetic practices, y ~ Binomial(n, 0.18), set.seed(2005)", small, "p")

# --- 3. A Poisson example: events per 1000 patient-years, with extra-Poisson variation ---
set.seed(1185)
exposure <- round(runif(20, 2, 30), 1)
true_rate <- 4 * exp(rnorm(20, 0, 0.25))
rates <- data.frame(unit = sprintf("U%02d", 1:20),
                    y = rpois(20, exposure * true_rate), n = exposure)
reference_case("synthetic_poisson_u",
  "20 synthetic practices, n = exposure (1000 patient-years), y ~ Poisson(n * 4 * exp(N(0, 0.25^2))), set.seed(1185)",
  rates, "u")

# --- 4. Exact limits alone, straight from qbinom/qpois, over a range of n ---
grid <- list()
for (case in list(list(chart = "p", target = 0.1, n = c(1, 5, 10, 20, 50, 100, 1000, 10000)),
                  list(chart = "p", target = 0.5, n = c(2, 7, 30, 101, 2500)),
                  list(chart = "p", target = 0.97, n = c(10, 40, 300)),
                  list(chart = "u", target = 0.004, n = c(100, 1000, 5000, 25000)),
                  list(chart = "u", target = 2.5, n = c(0.5, 1, 3.7, 10, 80, 1000)))) {
  limits <- exact_limits(case$n, case$target, case$chart)
  for (i in seq_along(case$n)) {
    grid[[length(grid) + 1]] <- c(list(chart = case$chart, target = case$target, n = case$n[i]),
                                  as.list(limits[, i]))
  }
}
write(toJSON(list(
  description = "Spiegelhalter (2005) interpolated exact limits from R's qbinom/pbinom and qpois/ppois, clamped to [0, 1] (p) or [0, Inf) (u)",
  r_version = R.version.string,
  limits = grid), auto_unbox = TRUE, digits = NA, pretty = TRUE),
  file.path(out_dir, "exact_limits.json"))
