# Times the R peers of `qi spc` on the bundled A&E data, computation only, one series at a time:
# qicharts2::qic (p chart, Anhøj rules) and NHSRplotthedots::ptd_spc (Making Data Count) on
# every org_code x type series of breaches / attendances. Prints the median time per series
# and the total for all 428 series.
#
# qicharts2 and NHSRplotthedots are not in Debian: install them from their source (see
# notebooks/reference/spc/README.md) into a library and point R_LIBS at it, e.g.
#   R_LIBS=/tmp/rlib Rscript Benchmarks/peers/spc_peers.R
suppressPackageStartupMessages({
  library(qicharts2)
  library(NHSRplotthedots)
})
options(qic.screenedmr = TRUE)
ae <- read.csv("datasets/ae_attendances.csv", stringsAsFactors = FALSE)
ae$period <- as.Date(ae$period)
ae$breach_prop <- ae$breaches / ae$attendances
series <- split(ae, list(ae$org_code, ae$type), drop = TRUE)
time_each <- function(f) {
  vapply(series, function(s) {
    start <- proc.time()[["elapsed"]]
    invisible(f(s))
    proc.time()[["elapsed"]] - start
  }, numeric(1))
}
qic_times <- time_each(function(s) qic(period, breaches, attendances, data = s, chart = "p", return.data = TRUE))
ptd_times <- time_each(function(s) ptd_spc(s, value_field = breach_prop, date_field = period,
                                           improvement_direction = "decrease", target = ptd_target(0.05)))
cat(sprintf("R %s, qicharts2 %s, NHSRplotthedots %s, %d series\n", getRversion(),
            packageVersion("qicharts2"), packageVersion("NHSRplotthedots"), length(series)))
cat(sprintf("qicharts2 qic, p chart:          median %.1f ms per series, total %.2f s\n",
            1000 * median(qic_times), sum(qic_times)))
cat(sprintf("NHSRplotthedots ptd_spc, mdc:    median %.1f ms per series, total %.2f s\n",
            1000 * median(ptd_times), sum(ptd_times)))
