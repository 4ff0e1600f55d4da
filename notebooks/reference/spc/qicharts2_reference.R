# Reference charts from qicharts2 (qic(..., return.data = TRUE)).
# Run: Rscript notebooks/reference/spc/qicharts2_reference.R   (see README.md)

source(file.path(local({
  a <- commandArgs(FALSE); f <- sub("^--file=", "", a[grepl("^--file=", a)])
  if (length(f)) dirname(normalizePath(f[1])) else "."
}), "common.R"))

# Attach the package: .onAttach sets options(qic.screenedmr = TRUE), i.e. the
# moving-range screening is on, as it is for every interactive user.
suppressPackageStartupMessages(library(qicharts2))
suppressPackageStartupMessages(library(dplyr))
tool_version <- pkg_version("qicharts2")

# Run a qic() call (given unevaluated, without return.data) and write its JSON.
#   input: the data frame the call reads (embedded so a test can re-run the chart)
#   inputs: names of the input columns (x, y, n) as used in the call
emit_qic <- function(case, expr, data_desc, input, cols, options = list(),
                     note = NULL, env = parent.frame()) {
  e <- expr
  e$return.data <- TRUE
  d <- eval(e, env)
  chart <- if (is.null(expr$chart)) "run" else expr$chart
  got_n <- !all(is.na(d$n))
  points <- data.frame(
    index        = d$xx,
    x            = iso(d$x),
    y            = num(d$y),
    n            = if (got_n) num(d$n) else NA,
    y_sum        = num(d$y.sum),
    subgroup_size = d$y.length,
    y_mean       = num(d$y.mean),
    y_sd         = num(d$y.sd),
    part         = d$part,
    baseline     = d$baseline,
    excluded     = !d$include,
    cl           = num(d$cl),
    lcl          = num(d$lcl),
    ucl          = num(d$ucl),
    lcl_95       = num(d$lcl.95),
    ucl_95       = num(d$ucl.95),
    sigma_signal = d$sigma.signal,
    runs_signal  = d$runs.signal,
    stringsAsFactors = FALSE
  )
  parts <- do.call(rbind, lapply(split(d, d$part), function(p) {
    cls <- unique(num(p$cl)); cls <- cls[!is.na(cls)]
    data.frame(part = p$part[1], n_obs = p$n.obs[1], n_useful = p$n.useful[1],
               longest_run = num(p$longest.run[1]),
               longest_run_max = num(p$longest.run.max[1]),
               n_crossings = num(p$n.crossings[1]),
               n_crossings_min = num(p$n.crossings.min[1]),
               runs_signal = p$runs.signal[1],
               cl = if (length(cls) == 1) cls else NA)
  }))
  opts <- c(list(screened_mr = isTRUE(getOption("qic.screenedmr", FALSE)),
                 method = "anhoej"), options)
  input_out <- input[, cols, drop = FALSE]
  for (k in names(input_out)) input_out[[k]] <- iso(input_out[[k]])
  obj <- list(
    case = case, tool = "qicharts2", tool_version = tool_version,
    r_version = r_version, call = call_text(expr), data = data_desc,
    chart = chart, rules = "anhoej", options = opts,
    input_columns = as.list(cols), input = input_out,
    points = points, parts = parts)
  if (!is.null(note)) obj$note <- note
  write_case(obj)
  invisible(d)
}

# ---------------------------------------------------------------------------
# Semmelweis (datasets/semmelweis_monthly.csv): December 1841 is missing.
semmelweis <- read.csv(file.path(spcref_datasets, "semmelweis_monthly.csv"))
semmelweis$date <- as.Date(semmelweis$date)
k_hw <- which(semmelweis$date == as.Date("1847-06-01")) - 1   # last subgroup before hand-washing
semm_desc <- "datasets/semmelweis_monthly.csv (98 months, 1841-01 to 1849-03; 1841-12 absent), y = deaths, n = births"

emit_qic("qicharts2_semmelweis_p_part",
         bquote(qic(date, deaths, births, data = semmelweis, chart = "p", part = .(k_hw))),
         semm_desc, semmelweis, c("date", "deaths", "births"),
         options = list(part_at = "1847-06-01", part = k_hw),
         note = paste0("part = ", k_hw, ": qicharts2's numeric part is the index of the last subgroup before ",
                       "each new part; the row dated 1847-06-01 is subgroup ", k_hw + 1,
                       " because 1841-12 has no row (indices count subgroups present, not calendar months)."))

emit_qic("qicharts2_semmelweis_p_freeze",
         bquote(qic(date, deaths, births, data = semmelweis, chart = "p", freeze = .(k_hw))),
         semm_desc, semmelweis, c("date", "deaths", "births"),
         options = list(freeze = k_hw),
         note = "Centre line and limits from subgroups 1..76 (before 1847-06-01); runs analysis over all points against that centre line.")

emit_qic("qicharts2_semmelweis_run_part",
         bquote(qic(date, deaths, births, data = semmelweis, chart = "run", part = .(k_hw))),
         semm_desc, semmelweis, c("date", "deaths", "births"),
         options = list(part_at = "1847-06-01", part = k_hw))

# The same data with the missing month present as a row with NA numerator and denominator.
semm_gap <- rbind(semmelweis, data.frame(date = as.Date("1841-12-01"), births = NA, deaths = NA))
semm_gap <- semm_gap[order(semm_gap$date), ]
rownames(semm_gap) <- NULL
emit_qic("qicharts2_semmelweis_p_part_explicit_gap",
         bquote(qic(date, deaths, births, data = semm_gap, chart = "p", part = .(k_hw + 1))),
         paste(semm_desc, "; with a row 1841-12-01 added whose deaths and births are NA (99 subgroups)"),
         semm_gap, c("date", "deaths", "births"),
         options = list(part_at = "1847-06-01", part = k_hw + 1),
         note = paste("An explicit missing month becomes a subgroup with y = NaN and n = 0 (qicharts2 sums the NA",
                      "denominator with na.rm = TRUE), so its limits are infinite and reported as null; it counts in",
                      "n_obs but not in n_useful, and it does not break runs."))

# qicharts2 ignores freeze when part is also given (qic.R: `if (is.null(freeze) || !is.null(part)) freeze <- Inf`).
emit_qic("qicharts2_semmelweis_p_part_and_freeze",
         bquote(qic(date, deaths, births, data = semmelweis, chart = "p", part = .(k_hw), freeze = 24)),
         semm_desc, semmelweis, c("date", "deaths", "births"),
         options = list(part = k_hw, freeze = 24),
         note = "freeze is silently ignored by qicharts2 when part is given: the result equals the part-only chart.")

# ---------------------------------------------------------------------------
# cdi (qicharts2 bundled): hospital-acquired C. difficile infections per month, intervention after month 24.
cdi_desc <- "qicharts2 bundled data set `cdi` (36 months, 2012-11 to 2015-10): n = infections, days = risk days"
emit_qic("qicharts2_cdi_run", quote(qic(month, n, data = cdi)), cdi_desc, cdi, c("month", "n"))
emit_qic("qicharts2_cdi_run_freeze24", quote(qic(month, n, data = cdi, freeze = 24)), cdi_desc, cdi,
         c("month", "n"), options = list(freeze = 24))
emit_qic("qicharts2_cdi_run_part24", quote(qic(month, n, data = cdi, part = 24)), cdi_desc, cdi,
         c("month", "n"), options = list(part = 24))
emit_qic("qicharts2_cdi_c_part24", quote(qic(month, n, data = cdi, chart = "c", part = 24)), cdi_desc, cdi,
         c("month", "n"), options = list(part = 24))
emit_qic("qicharts2_cdi_u_part24_x10000",
         quote(qic(month, n, days, data = cdi, chart = "u", part = 24, multiply = 10000)),
         cdi_desc, cdi, c("month", "n", "days"), options = list(part = 24, multiply = 10000),
         note = "y, cl, lcl, ucl are multiplied by 10000 (cases per 10,000 risk days).")

# ---------------------------------------------------------------------------
# cabg (qicharts2 bundled): individual CABG patients.
cabg100 <- tail(cabg, 100)
cabg100$patient <- seq_len(nrow(cabg100))
cabg_desc <- "qicharts2 bundled data set `cabg`, last 100 patients (tail(cabg, 100)), y = age; x = patient number 1..100"
emit_qic("qicharts2_cabg_age_i", quote(qic(age, data = tail(cabg, 100), chart = "i")), cabg_desc,
         cabg100, c("patient", "age"))
emit_qic("qicharts2_cabg_age_i_exclude",
         quote(qic(age, data = tail(cabg, 100), chart = "i", exclude = c(45, 70))),
         cabg_desc, cabg100, c("patient", "age"), options = list(exclude = c(45, 70)))
emit_qic("qicharts2_cabg_age_mr", quote(qic(age, data = tail(cabg, 100), chart = "mr")), cabg_desc,
         cabg100, c("patient", "age"),
         note = "qicharts2 computes the runs analysis for MR charts (parts) but forces runs_signal to false on the points.")
local({
  old <- options(qic.screenedmr = FALSE); on.exit(options(old))
  emit_qic("qicharts2_cabg_age_i_noscreen",
           quote(qic(age, data = tail(cabg, 100), chart = "i")), cabg_desc, cabg100, c("patient", "age"),
           note = "options(qic.screenedmr = FALSE): no moving-range screening (what qicharts2:: without library() gives).")
})

cabg_m <- cabg %>% mutate(month = as.Date(cut(date, "month")))
cabgm_desc <- "qicharts2 bundled data set `cabg` (2205 patients), month = first day of the month of `date`; one subgroup per month (24 months)"
emit_qic("qicharts2_cabg_age_xbar", quote(qic(month, age, data = cabg_m, chart = "xbar")), cabgm_desc,
         cabg_m, c("month", "age"))
emit_qic("qicharts2_cabg_age_s", quote(qic(month, age, data = cabg_m, chart = "s")), cabgm_desc,
         cabg_m, c("month", "age"))

cabg_by_month <- cabg_m %>% group_by(month) %>%
  summarise(deaths = sum(death), readmissions = sum(readmission), n = n()) %>% as.data.frame()
cbm_desc <- "qicharts2 bundled data set `cabg` summarised by month: deaths, readmissions, n = patients"
emit_qic("qicharts2_cabg_readmissions_p", quote(qic(month, readmissions, n, data = cabg_by_month, chart = "p")),
         cbm_desc, cabg_by_month, c("month", "readmissions", "n"))
emit_qic("qicharts2_cabg_deaths_p", quote(qic(month, deaths, n, data = cabg_by_month, chart = "p")),
         cbm_desc, cabg_by_month, c("month", "deaths", "n"))

fatalities <- cabg %>% mutate(x = row_number()) %>% filter(death) %>%
  mutate(dd = x - lag(x), dt = as.numeric(date - lag(date))) %>% as.data.frame()
fatalities$death_no <- seq_len(nrow(fatalities))
fat_desc <- paste("qicharts2 bundled data set `cabg`: deaths in order; dd = surgeries since the previous death,",
                  "dt = days since the previous death (first death: NA)")
emit_qic("qicharts2_cabg_fatalities_g", quote(qic(dd, data = fatalities, chart = "g")), fat_desc,
         fatalities, c("death_no", "dd"))
emit_qic("qicharts2_cabg_fatalities_t", quote(qic(dt, data = fatalities, chart = "t")), fat_desc,
         fatalities, c("death_no", "dt"),
         note = "t chart: I chart (with screening) on dt^(1/3.6), back-transformed with ^3.6; y is the untransformed dt.")

# ---------------------------------------------------------------------------
# nhs_accidents (qicharts2 bundled): very large denominators (Laney p').
nhs_desc <- "qicharts2 bundled data set `nhs_accidents` (20 weeks): r = seen within 4 hours, n = attendances"
emit_qic("qicharts2_nhs_accidents_p", quote(qic(i, r, n, data = nhs_accidents, chart = "p")), nhs_desc,
         nhs_accidents, c("i", "r", "n"))
emit_qic("qicharts2_nhs_accidents_pp", quote(qic(i, r, n, data = nhs_accidents, chart = "pp")), nhs_desc,
         nhs_accidents, c("i", "r", "n"))
emit_qic("qicharts2_nhs_accidents_i", quote(qic(i, r, n, data = nhs_accidents, chart = "i")), nhs_desc,
         nhs_accidents, c("i", "r", "n"),
         note = "I chart of the proportions r/n (qic divides y by n when n is given).")

# hospital_infections (qicharts2 bundled): one hospital x infection series, u and u'.
hai <- subset(hospital_infections, hospital == "BOH" & infection == "UTI")
rownames(hai) <- NULL
hai_desc <- "qicharts2 bundled data set `hospital_infections`, hospital BOH, infection UTI (24 months): n = infections, days = risk days"
emit_qic("qicharts2_hai_boh_uti_u", quote(qic(month, n, days, data = hai, chart = "u", multiply = 10000)),
         hai_desc, hai, c("month", "n", "days"), options = list(multiply = 10000))
emit_qic("qicharts2_hai_boh_uti_up", quote(qic(month, n, days, data = hai, chart = "up", multiply = 10000)),
         hai_desc, hai, c("month", "n", "days"), options = list(multiply = 10000))

# gtt (qicharts2 bundled): adverse events per 1000 patient days, summed by month.
gtt_by_month <- gtt %>% mutate(harmed = harms > 0) %>% group_by(month) %>%
  summarise(harms = sum(harms), days = sum(days), n.harmed = sum(harmed), n = n()) %>% as.data.frame()
gtt_desc <- "qicharts2 bundled data set `gtt` summarised by month: harms, days (patient days), n.harmed, n (records)"
emit_qic("qicharts2_gtt_harms_u_x1000", quote(qic(month, harms, days, data = gtt_by_month, chart = "u", multiply = 1000)),
         gtt_desc, gtt_by_month, c("month", "harms", "days"), options = list(multiply = 1000))
emit_qic("qicharts2_gtt_harmed_pp", quote(qic(month, n.harmed, n, data = gtt_by_month, chart = "pp")),
         gtt_desc, gtt_by_month, c("month", "n.harmed", "n"))

# ---------------------------------------------------------------------------
# Small synthetic series (fixed seed; embedded in the JSON).
set.seed(20240501)
syn_ties <- data.frame(t = 1:30, y = rpois(30, 5))
emit_qic("qicharts2_synthetic_run_ties", quote(qic(t, y, data = syn_ties)),
         "synthetic: set.seed(20240501); y = rpois(30, 5); many values equal the median",
         syn_ties, c("t", "y"),
         note = "Points on the median are dropped from the runs analysis (n_useful < n_obs).")
emit_qic("qicharts2_synthetic_i_ties", quote(qic(t, y, data = syn_ties, chart = "i")),
         "synthetic: set.seed(20240501); y = rpois(30, 5)", syn_ties, c("t", "y"))

set.seed(20240502)
sizes <- c(5, 5, 4, 5, 3, 5, 5, 1, 5, 4, 5, 5, 2, 5, 5, 5, 4, 5, 5, 5)
syn_xbar <- data.frame(sample = rep(seq_along(sizes), sizes))
syn_xbar$value <- round(rnorm(nrow(syn_xbar), 50 + ifelse(syn_xbar$sample > 14, 1.5, 0), 2), 2)
emit_qic("qicharts2_synthetic_xbar_varn", quote(qic(sample, value, data = syn_xbar, chart = "xbar")),
         "synthetic: set.seed(20240502); 20 subgroups of sizes 1..5 (subgroup 8 has size 1), value = round(rnorm(., 50 (+1.5 after subgroup 14), 2), 2)",
         syn_xbar, c("sample", "value"),
         note = "Variable sizes: pooled s without c4; A3 from the exact c4(n); size-1 subgroup has null limits.")
emit_qic("qicharts2_synthetic_s_varn", quote(qic(sample, value, data = syn_xbar, chart = "s")),
         "synthetic: as qicharts2_synthetic_xbar_varn", syn_xbar, c("sample", "value"))

set.seed(20240503)
syn_i <- data.frame(t = 1:40, y = round(c(rnorm(20, 100, 5), rnorm(20, 108, 5)), 1))
syn_i$y[c(7, 31)] <- NA
emit_qic("qicharts2_synthetic_i_missing", quote(qic(t, y, data = syn_i, chart = "i")),
         "synthetic: set.seed(20240503); y = round(c(rnorm(20, 100, 5), rnorm(20, 108, 5)), 1); y[c(7, 31)] <- NA",
         syn_i, c("t", "y"),
         note = "NA values: the moving ranges next to them are NA and dropped from the AMR; the points have null y.")
emit_qic("qicharts2_synthetic_i_missing_exclude_freeze",
         quote(qic(t, y, data = syn_i, chart = "i", freeze = 20, exclude = c(3, 12))),
         "synthetic: as qicharts2_synthetic_i_missing", syn_i, c("t", "y"),
         options = list(freeze = 20, exclude = c(3, 12)),
         note = "Baseline = subgroups 1..20 minus the excluded 3 and 12 (their MRs span the gap).")

# ---------------------------------------------------------------------------
# A&E (datasets/ae_attendances.csv): p charts of breaches / attendances per provider x type.
ae <- read.csv(file.path(spcref_datasets, "ae_attendances.csv"), colClasses = c(type = "character"))
ae$period <- as.Date(ae$period)
for (s in list(c("R1F", "1"), c("RJ1", "1"), c("REM", "1"), c("RFR", "1"))) {
  ae_s <- subset(ae, org_code == s[1] & type == s[2])
  ae_s <- ae_s[order(ae_s$period), ]
  rownames(ae_s) <- NULL
  emit_qic(paste0("qicharts2_ae_p_", s[1], "_type", s[2]),
           quote(qic(period, breaches, attendances, data = ae_s, chart = "p")),
           paste0("datasets/ae_attendances.csv, org_code = ", s[1], ", type = ", s[2], " (", nrow(ae_s),
                  " months", if (nrow(ae_s) < 36) "; 2016-11 absent" else "", "): y = breaches, n = attendances"),
           ae_s, c("period", "org_code", "type", "breaches", "attendances"),
           options = list(by = list(org_code = s[1], type = s[2])))
}
