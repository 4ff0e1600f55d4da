# Reference XmR charts from NHSRplotthedots (ptd_spc), Making Data Count rules.
# Run: Rscript notebooks/reference/spc/nhsrplotthedots_reference.R   (see README.md)

source(file.path(local({
  a <- commandArgs(FALSE); f <- sub("^--file=", "", a[grepl("^--file=", a)])
  if (length(f)) dirname(normalizePath(f[1])) else "."
}), "common.R"))

suppressPackageStartupMessages(library(NHSRplotthedots))
suppressPackageStartupMessages(library(dplyr))
tool_version <- pkg_version("NHSRplotthedots")

# Run a ptd_spc() call (unevaluated) and write its JSON.
emit_ptd <- function(case, expr, data_desc, input, cols, options = list(), note = NULL,
                     env = parent.frame()) {
  df <- suppressWarnings(eval(expr, env))
  opts_ptd <- attr(df, "options")
  df <- as.data.frame(df)
  # NHSRplotthedots drops its "near limits" (the 2-sigma lines) from the result; they are
  # mean -/+ (2/3) * 2.66 * AMR = mean -/+ (2/3) * (upl - mean). Given here as *_derived.
  half <- df$upl - df$mean_col
  points <- data.frame(
    index = seq_len(nrow(df)),
    x = iso(df$x),
    y = num(df$y),
    rebase_group = df$rebase_group,
    part = df$rebase_group + 1,
    short_group_warning = df$short_group_warning,
    mean = num(df$mean_col),
    lpl = num(df$lpl),
    upl = num(df$upl),
    cl = num(df$mean_col),
    lcl = num(df$lpl),
    ucl = num(df$upl),
    lcl_2sigma_derived = num(df$mean_col - half * 2 / 3),
    ucl_2sigma_derived = num(df$mean_col + half * 2 / 3),
    outside_limits = df$outside_limits,
    relative_to_mean = num(df$relative_to_mean),
    close_to_limits = df$close_to_limits,
    sigma_signal = df$outside_limits,
    special_cause_type = df$special_cause_type,
    special_cause_flag = df$special_cause_flag,
    point_type = df$point_type,
    target = num(df$target),
    stringsAsFactors = FALSE
  )
  s <- NULL
  invisible(utils::capture.output(s <- as.data.frame(summary(structure(
    dplyr::as_tibble(df), class = c("ptd_spc_df", class(dplyr::as_tibble(df))), options = opts_ptd)))))
  if (is.null(s$rebase_group)) s$rebase_group <- 0
  s <- s[, setdiff(names(s), "f"), drop = FALSE]
  parts <- data.frame(
    part = s$rebase_group + 1, rebase_group = s$rebase_group, n_obs = s$n,
    mean = num(s$mean_col), lpl = num(s$lpl), upl = num(s$upl),
    amr_derived = num((s$upl - s$mean_col) / 2.66),
    common_cause = s$common_cause,
    special_cause_improvement = s$special_cause_improvement,
    special_cause_concern = s$special_cause_concern,
    variation_type = s$variation_type,
    assurance_type = if (is.null(s$assurance_type)) NA_character_ else s$assurance_type,
    stringsAsFactors = FALSE)
  # Variation icon = point_type of the last point of the series; assurance icon from
  # ptd_calculate_assurance_type() on the last point (what ptd_get_icons() draws).
  spc_obj <- structure(dplyr::as_tibble(df), class = c("ptd_spc_df", class(dplyr::as_tibble(df))),
                       options = opts_ptd)
  variation <- df$point_type[which.max(df$x)]
  assurance <- NA_character_
  if (!is.null(opts_ptd$target)) {
    at <- NHSRplotthedots:::ptd_calculate_assurance_type(spc_obj)
    assurance <- at$assurance_type[1]
  }
  icons <- as.data.frame(NHSRplotthedots:::ptd_get_icons(spc_obj))
  icons <- setNames(as.list(basename(icons$icon)), icons$type)
  input_out <- input[, cols, drop = FALSE]
  for (k in names(input_out)) input_out[[k]] <- iso(input_out[[k]])
  obj <- list(
    case = case, tool = "NHSRplotthedots", tool_version = tool_version,
    r_version = r_version, call = call_text(expr), data = data_desc,
    chart = "i", rules = "mdc",
    options = c(list(improvement_direction = opts_ptd$improvement_direction,
                     target = opts_ptd$target,
                     rebase = if (is.null(opts_ptd$rebase)) NULL else iso(opts_ptd$rebase),
                     fix_after_n_points = opts_ptd$fix_after_n_points,
                     screen_outliers = opts_ptd$screen_outliers,
                     limit_constant = 2.66, mr_screen_constant = 3.267), options),
    input_columns = as.list(cols), input = input_out,
    points = points, parts = parts,
    variation = variation, assurance = assurance, icons = icons)
  if (!is.null(note)) obj$note <- note
  write_case(obj)
  invisible(df)
}

ae <- read.csv(file.path(spcref_datasets, "ae_attendances.csv"), colClasses = c(type = "character"))
ae$period <- as.Date(ae$period)
ae_series <- function(org, type) {
  d <- ae[ae$org_code == org & ae$type == type, ]
  d <- d[order(d$period), ]
  d$breach_prop <- d$breaches / d$attendances
  d$performance <- 1 - d$breach_prop
  rownames(d) <- NULL
  d
}
ae_desc <- function(d) paste0("datasets/ae_attendances.csv, org_code = ", d$org_code[1], ", type = ", d$type[1],
                              " (", nrow(d), " months", if (nrow(d) < 36) ", 2016-11 absent" else "", ")")
ae_cols <- c("period", "org_code", "type", "attendances", "breaches", "breach_prop", "performance")

rj1 <- ae_series("RJ1", "1")
emit_ptd("ptd_ae_attendances_RJ1_type1_increase",
         quote(ptd_spc(rj1, value_field = attendances, date_field = period, improvement_direction = "increase")),
         paste(ae_desc(rj1), "; value = attendances"), rj1, ae_cols)
r1f <- ae_series("R1F", "1")
emit_ptd("ptd_ae_breachprop_R1F_type1_decrease_target",
         quote(ptd_spc(r1f, value_field = breach_prop, date_field = period, improvement_direction = "decrease",
                       target = ptd_target(0.05))),
         paste(ae_desc(r1f), "; value = breach_prop = breaches / attendances"), r1f, ae_cols)
emit_ptd("ptd_ae_performance_R1F_type1_increase_target",
         quote(ptd_spc(r1f, value_field = performance, date_field = period, improvement_direction = "increase",
                       target = ptd_target(0.95))),
         paste(ae_desc(r1f), "; value = performance = 1 - breaches / attendances (4-hour standard 95%)"), r1f, ae_cols)

rfr <- ae_series("RFR", "1")
emit_ptd("ptd_ae_breachprop_RFR_type1_decrease_rebase",
         quote(ptd_spc(rfr, value_field = breach_prop, date_field = period, improvement_direction = "decrease",
                       rebase = ptd_rebase(as.Date("2017-01-01")), target = ptd_target(0.05))),
         paste(ae_desc(rfr), "; value = breach_prop = breaches / attendances"), rfr, ae_cols,
         note = "Rebase at 2017-01-01: the point dated 2017-01-01 starts group 1. 2016-11 is absent (no row), so the series has 35 points.")
emit_ptd("ptd_ae_attendances_RFR_type1_increase_rebase_fix",
         quote(ptd_spc(rfr, value_field = attendances, date_field = period, improvement_direction = "increase",
                       rebase = ptd_rebase(as.Date("2017-07-01")), fix_after_n_points = 12)),
         paste(ae_desc(rfr), "; value = attendances"), rfr, ae_cols,
         note = "fix_after_n_points = 12 applies within each rebase group.")

rem <- ae_series("REM", "1")
emit_ptd("ptd_ae_attendances_REM_type1_fix12_target",
         quote(ptd_spc(rem, value_field = attendances, date_field = period, improvement_direction = "increase",
                       fix_after_n_points = 12, target = ptd_target(7000))),
         paste(ae_desc(rem), "; value = attendances"), rem, ae_cols)
emit_ptd("ptd_ae_breachprop_REM_type1_neutral",
         quote(ptd_spc(rem, value_field = breach_prop, date_field = period, improvement_direction = "neutral")),
         paste(ae_desc(rem), "; value = breach_prop = breaches / attendances"), rem, ae_cols)

# Synthetic series built to trigger each Making Data Count rule (values fixed, no randomness).
syn <- data.frame(date = seq(as.Date("2020-01-01"), by = "month", length.out = 40),
                  y = c(50, 52, 49, 51, 48, 50, 53, 47, 50, 51,      # 1-10 common cause
                        49, 51, 50, 52, 48,                          # 11-15
                        44, 45, 46, 47, 48, 49, 50,                  # 16-22 trend of 7 increasing
                        50,                                          # 23 equal pair: ends the trend
                        51, 55, 54.5,                                # 24-26 two of three near the upper limit
                        49,                                          # 27
                        52, 51, 53, 52, 51.5, 52.5, 51,              # 28-34 shift of 7 above
                        49, 65,                                      # 36 outside the limits
                        50, 48, 50, 49))
emit_ptd("ptd_synthetic_rules_increase",
         quote(ptd_spc(syn, value_field = y, date_field = date, improvement_direction = "increase")),
         "synthetic: 40 fixed values built to show a 7-point trend, two of three near the limit, a shift of 7 and an astronomical point",
         syn, c("date", "y"))
emit_ptd("ptd_synthetic_rules_decrease_target",
         quote(ptd_spc(syn, value_field = y, date_field = date, improvement_direction = "decrease",
                       target = ptd_target(45))),
         "synthetic: as ptd_synthetic_rules_increase", syn, c("date", "y"))
emit_ptd("ptd_synthetic_rules_increase_noscreen",
         quote(ptd_spc(syn, value_field = y, date_field = date, improvement_direction = "increase",
                       screen_outliers = FALSE)),
         "synthetic: as ptd_synthetic_rules_increase", syn, c("date", "y"),
         note = "screen_outliers = FALSE: the moving ranges next to the point 65 stay in the AMR.")
short <- syn[1:10, ]
emit_ptd("ptd_synthetic_short_group",
         quote(ptd_spc(short, value_field = y, date_field = date, improvement_direction = "increase")),
         "synthetic: first 10 values of ptd_synthetic_rules_increase (a group under 13 points: short_group_warning)",
         short, c("date", "y"))
