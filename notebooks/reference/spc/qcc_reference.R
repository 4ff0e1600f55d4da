# Reference charts from qcc (Shewhart charts, cusum, ewma, Western Electric / Nelson rules)
# on Montgomery's textbook data sets shipped with qcc.
# Run: Rscript notebooks/reference/spc/qcc_reference.R   (see README.md)

source(file.path(local({
  a <- commandArgs(FALSE); f <- sub("^--file=", "", a[grepl("^--file=", a)])
  if (length(f)) dirname(normalizePath(f[1])) else "."
}), "common.R"))

suppressPackageStartupMessages(library(qcc))
tool_version <- pkg_version("qcc")

rule_names_we <- c("1" = "outside_limits", "2" = "two_of_three", "3" = "four_of_five", "4" = "shift")
rule_names_nelson <- c("1" = "outside_limits", "2" = "shift", "3" = "trend", "4" = "alternating",
                       "5" = "two_of_three", "6" = "four_of_five", "7" = "fifteen_within_one_sigma",
                       "8" = "eight_outside_one_sigma")

expand_limits <- function(lim, n) {
  lim <- as.matrix(lim)
  if (nrow(lim) == 1) lim <- lim[rep(1, n), , drop = FALSE]
  lim
}

# Emit a qcc() Shewhart chart.
emit_qcc <- function(case, expr, data_desc, input, std_dev_method, note = NULL, env = parent.frame()) {
  q <- eval(expr, env)
  stats <- c(q$statistics, q$newstats)
  sizes <- c(q$sizes, q$newsizes)
  n <- length(stats)
  lim <- expand_limits(q$limits, n)
  z1 <- qcc:::qccRulesSigmaLimits(q, k = 1)
  z2 <- qcc:::qccRulesSigmaLimits(q, k = 2)
  center <- rep_len(q$center, n)
  viol <- as.vector(q$violations)
  names_map <- if (q$rule.set == "nelson") rule_names_nelson else rule_names_we
  points <- data.frame(
    index = seq_len(n),
    label = names(stats),
    y = num(stats),
    n = num(sizes),
    phase = c(rep("calibration", length(q$statistics)), rep("new", length(q$newstats))),
    cl = num(center), lcl = num(lim[, 1]), ucl = num(lim[, 2]),
    lcl_1sigma = num(z1[, 1]), ucl_1sigma = num(z1[, 2]),
    lcl_2sigma = num(z2[, 1]), ucl_2sigma = num(z2[, 2]),
    sigma_signal = !is.na(viol) & viol == 1,
    violation = viol,
    violation_name = unname(ifelse(is.na(viol), NA, names_map[as.character(viol)])),
    stringsAsFactors = FALSE)
  obj <- list(
    case = case, tool = "qcc", tool_version = tool_version, r_version = r_version,
    call = call_text(expr), data = data_desc, chart = q$type,
    rules = if (q$rule.set == "nelson") "nelson" else "western-electric",
    options = list(type = q$type, nsigmas = q$nsigmas, rules = as.numeric(q$rules), rule_set = q$rule.set,
                   std_dev_method = std_dev_method, std_dev = q$std.dev,
                   center = if (length(q$center) == 1) q$center else NULL,
                   n_calibration = length(q$statistics), n_new = length(q$newstats),
                   d2_table = if (grepl("-R$|^MR$", std_dev_method)) qcc.options("exp.R.unscaled")[2:10] else NULL),
    input = input, points = points)
  if (!is.null(note)) obj$note <- note
  write_case(obj)
  invisible(q)
}

# ---------------------------------------------------------------------------
data(pistonrings); data(orangejuice); data(circuit); data(pcmanufact); data(viscosity)
diameter <- qccGroups(data = pistonrings, diameter, sample)
pr_desc <- paste("qcc data set `pistonrings` (Montgomery): 40 samples of 5 piston-ring diameters;",
                 "samples 1-25 are the trial (calibration) data, 26-40 new data")
pr_input <- pistonrings

emit_qcc("qcc_pistonrings_xbar", quote(qcc(diameter[1:25, ], type = "xbar", newdata = diameter[26:40, ])),
         pr_desc, pr_input, "UWAVE-R",
         note = "Default sigma for xbar (sizes <= 25): UWAVE-R = mean(R_i / d2(n_i)) with d2 tabulated to 3 decimals (d2(5) = 2.326).")
emit_qcc("qcc_pistonrings_xbar_uwave_sd",
         quote(qcc(diameter[1:25, ], type = "xbar", newdata = diameter[26:40, ], std.dev = "UWAVE-SD")),
         pr_desc, pr_input, "UWAVE-SD",
         note = "sigma = mean(s_i / c4(n_i)); with equal sizes this equals qicharts2's A3 * s-bar limits.")
emit_qcc("qcc_pistonrings_xbar_rules1to4",
         quote(qcc(diameter[1:25, ], type = "xbar", newdata = diameter[26:40, ], rules = 1:4)),
         pr_desc, pr_input, "UWAVE-R",
         note = "Western Electric rules 1-4 (qcc's default is rules = c(1, 4)); violation = the lowest rule number that flags the point.")
emit_qcc("qcc_pistonrings_R", quote(qcc(diameter[1:25, ], type = "R", newdata = diameter[26:40, ])),
         pr_desc, pr_input, "UWAVE-R")
emit_qcc("qcc_pistonrings_S", quote(qcc(diameter[1:25, ], type = "S", newdata = diameter[26:40, ])),
         pr_desc, pr_input, "UWAVE-SD")

# Variable sample sizes (the qcc help page example: 12 rings removed).
out <- c(9, 10, 30, 35, 45, 64, 65, 74, 75, 85, 99, 100)
diameter_v <- qccGroups(data = pistonrings[-out, ], diameter, sample)
prv_desc <- "qcc data set `pistonrings` with rows c(9, 10, 30, 35, 45, 64, 65, 74, 75, 85, 99, 100) removed (variable sample sizes 3-5)"
prv_input <- pistonrings[-out, ]
emit_qcc("qcc_pistonrings_varn_xbar", quote(qcc(diameter_v[1:25, ], type = "xbar", newdata = diameter_v[26:40, ])),
         prv_desc, prv_input, "UWAVE-R")
emit_qcc("qcc_pistonrings_varn_S", quote(qcc(diameter_v[1:25, ], type = "S", newdata = diameter_v[26:40, ])),
         prv_desc, prv_input, "UWAVE-SD")
emit_qcc("qcc_pistonrings_varn_R", quote(qcc(diameter_v[1:25, ], type = "R", newdata = diameter_v[26:40, ])),
         prv_desc, prv_input, "UWAVE-R")

# ---------------------------------------------------------------------------
oj_desc <- "qcc data set `orangejuice` (Montgomery): 54 samples of 50 cans, D = nonconforming; samples 1-30 trial, 31-54 after adjustment"
emit_qcc("qcc_orangejuice_p_trial", quote(with(orangejuice, qcc(D[trial], sizes = size[trial], type = "p"))),
         oj_desc, orangejuice, "binomial (sqrt(pbar (1 - pbar) / n))")
oj2 <- orangejuice[-c(15, 23), ]
emit_qcc("qcc_orangejuice_p_revised_newdata",
         quote(with(oj2, qcc(D[trial], sizes = size[trial], type = "p", newdata = D[!trial], newsizes = size[!trial]))),
         paste(oj_desc, "; samples 15 and 23 removed (assignable causes) before computing the limits, later samples as new data"),
         oj2, "binomial (sqrt(pbar (1 - pbar) / n))")
emit_qcc("qcc_orangejuice_np_trial", quote(with(orangejuice, qcc(D[trial], sizes = size[trial], type = "np"))),
         oj_desc, orangejuice, "binomial (sqrt(n pbar (1 - pbar)))")

ci_desc <- "qcc data set `circuit` (Montgomery): nonconformities x in 46 samples of 100 printed circuit boards; 1-26 trial"
emit_qcc("qcc_circuit_c_trial", quote(with(circuit, qcc(x[trial], sizes = size[trial], type = "c"))),
         ci_desc, circuit, "Poisson (sqrt(cbar))")
ci2 <- circuit[-c(6, 20), ]
emit_qcc("qcc_circuit_c_revised_newdata",
         quote(with(ci2, qcc(x[trial], sizes = size[trial], type = "c", newdata = x[!trial], newsizes = size[!trial]))),
         paste(ci_desc, "; samples 6 and 20 removed before computing the limits, later samples as new data"),
         ci2, "Poisson (sqrt(cbar))")

pc_desc <- "qcc data set `pcmanufact` (Montgomery): nonconformities x in 20 samples of 5 computers"
emit_qcc("qcc_pcmanufact_u", quote(with(pcmanufact, qcc(x, sizes = size, type = "u"))),
         pc_desc, pcmanufact, "Poisson (sqrt(ubar / n))")

vi_desc <- "qcc data set `viscosity` (Montgomery): 35 batches, one viscosity each; 1-15 trial, 16-35 new"
emit_qcc("qcc_viscosity_xbar_one",
         quote(with(viscosity, qcc(viscosity[trial], type = "xbar.one", newdata = viscosity[!trial]))),
         vi_desc, viscosity, "MR",
         note = "Individuals chart: sigma = mean moving range / 1.128 (no screening).")

# Western Electric and Nelson rules on a series built to trigger them (fixed values).
we <- c(0.2, -0.5, 0.8, -0.3, 0.1, -0.9, 0.4, -0.2, 0.6, -0.4,   # 1-10 in control
        2.3, 0.3, 2.4,                                          # 11-13: two of three beyond 2 sigma
        1.2, 1.5, 0.4, 1.3, 1.6,                                # 14-18: four of five beyond 1 sigma
        0.3, 0.6, 0.2, 0.9, 0.5, 0.7, 0.4, 0.8, 0.3,            # 19-27: nine above the centre
        -0.6, 3.6, -0.4, 0.5, -0.8, 0.7, -0.5, 0.6, -0.7, 0.8,  # 28-37 (29 beyond 3 sigma), alternating ...
        -0.6, 0.9, -0.4, 0.6, -0.5,                             # 38-42 ... alternating
        -0.1, -0.4, -0.6, -0.8, -1.1, -1.3, -1.6)               # 43-49 steady decrease
we_desc <- paste("synthetic: 49 fixed values built to trigger Western Electric / Nelson rules;",
                 "known process: center = 0, std.dev = 1")
we_input <- data.frame(index = seq_along(we), y = we)
emit_qcc("qcc_synthetic_western_electric",
         quote(qcc(we, type = "xbar.one", center = 0, std.dev = 1, rules = 1:4)),
         we_desc, we_input, "given (1)")
emit_qcc("qcc_synthetic_nelson",
         quote(qcc(we, type = "xbar.one", center = 0, std.dev = 1, rules = 1:8, rule.set = "nelson")),
         we_desc, we_input, "given (1)")
emit_qcc("qcc_synthetic_western_electric_estimated",
         quote(qcc(we, type = "xbar.one", rules = 1:4)),
         paste(we_desc, "; here center and sigma are estimated (mean, MR / 1.128)"), we_input, "MR")
emit_qcc("qcc_pistonrings_xbar_nelson",
         quote(qcc(diameter[1:25, ], type = "xbar", newdata = diameter[26:40, ], rules = 1:8, rule.set = "nelson")),
         pr_desc, pr_input, "UWAVE-R")

# ---------------------------------------------------------------------------
# CUSUM and EWMA on pistonrings (defaults: decision.interval = 5, se.shift = 1 (k = 0.5), head.start = 0;
# lambda = 0.2, nsigmas = 3).
emit_cusum <- function(case, expr, data_desc, input, std_dev_method, env = parent.frame()) {
  q <- eval(expr, env)
  stats <- c(q$statistics, q$newstats)
  sizes <- c(q$sizes, q$newsizes)
  n <- length(stats)
  points <- data.frame(
    index = seq_len(n), label = names(stats), y = num(stats), n = num(sizes),
    phase = c(rep("calibration", length(q$statistics)), rep("new", length(q$newstats))),
    z = num((stats - q$center) / (q$std.dev / sqrt(sizes))),
    upper = num(q$pos), lower = num(q$neg),
    ucl = q$decision.interval, lcl = -q$decision.interval,
    upper_signal = !is.na(q$violations$upper), lower_signal = !is.na(q$violations$lower),
    stringsAsFactors = FALSE)
  write_case(list(
    case = case, tool = "qcc", tool_version = tool_version, r_version = r_version,
    call = call_text(expr), data = data_desc, chart = "cusum", rules = "cusum",
    options = list(center = q$center, std_dev = q$std.dev, std_dev_method = std_dev_method,
                   decision_interval = q$decision.interval, se_shift = q$se.shift,
                   k = q$se.shift / 2, head_start = q$head.start,
                   n_calibration = length(q$statistics), n_new = length(q$newstats)),
    note = paste("upper/lower are the standardised cumulative sums (in units of sigma/sqrt(n)):",
                 "upper_i = max(0, upper_{i-1} + z_i - k), lower_i = -max(0, -lower_{i-1} - z_i - k);",
                 "signal when upper > h or lower < -h."),
    input = input, points = points))
  invisible(q)
}
emit_ewma <- function(case, expr, data_desc, input, std_dev_method, env = parent.frame()) {
  q <- eval(expr, env)
  stats <- c(q$statistics, q$newstats)
  sizes <- c(q$sizes, q$newsizes)
  n <- length(stats)
  points <- data.frame(
    index = seq_len(n), label = names(stats), y = num(stats), n = num(sizes),
    phase = c(rep("calibration", length(q$statistics)), rep("new", length(q$newstats))),
    ewma = num(q$ewma), cl = q$center, lcl = num(q$limits[, 1]), ucl = num(q$limits[, 2]),
    sigma = num(q$sigma), sigma_signal = !is.na(q$violations),
    stringsAsFactors = FALSE)
  write_case(list(
    case = case, tool = "qcc", tool_version = tool_version, r_version = r_version,
    call = call_text(expr), data = data_desc, chart = "ewma", rules = "ewma",
    options = list(center = q$center, std_dev = q$std.dev, std_dev_method = std_dev_method,
                   lambda = q$lambda, nsigmas = q$nsigmas,
                   n_calibration = length(q$statistics), n_new = length(q$newstats)),
    note = paste("ewma_0 = center; ewma_i = lambda y_i + (1 - lambda) ewma_{i-1};",
                 "limits center -/+ nsigmas sigma/sqrt(n_i) sqrt(lambda/(2 - lambda) (1 - (1 - lambda)^(2i))) (time-varying)."),
    input = input, points = points))
  invisible(q)
}
emit_cusum("qcc_pistonrings_cusum", quote(cusum(diameter[1:25, ], newdata = diameter[26:40, ])),
           pr_desc, pr_input, "UWAVE-R")
emit_cusum("qcc_pistonrings_cusum_h4_headstart",
           quote(cusum(diameter[1:25, ], newdata = diameter[26:40, ], decision.interval = 4, head.start = 2)),
           pr_desc, pr_input, "UWAVE-R")
emit_ewma("qcc_pistonrings_ewma", quote(ewma(diameter[1:25, ], lambda = 0.2, nsigmas = 3, newdata = diameter[26:40, ])),
          pr_desc, pr_input, "UWAVE-R")
emit_cusum("qcc_viscosity_cusum",
           quote(with(viscosity, cusum(viscosity[trial], newdata = viscosity[!trial]))),
           vi_desc, viscosity, "MR")
emit_ewma("qcc_viscosity_ewma",
          quote(with(viscosity, ewma(viscosity[trial], lambda = 0.2, nsigmas = 3, newdata = viscosity[!trial]))),
          vi_desc, viscosity, "MR")
