# Shared helpers for the SPC reference scripts (see README.md in this folder).
# Each script writes one JSON file per case into output/.

suppressPackageStartupMessages(library(jsonlite))

# Folder of this script, whichever way it was started (Rscript file.R, or source()).
spcref_dir <- local({
  args <- commandArgs(trailingOnly = FALSE)
  f <- sub("^--file=", "", args[grepl("^--file=", args)])
  if (length(f)) dirname(normalizePath(f[1])) else getwd()
})
spcref_out <- file.path(spcref_dir, "output")
dir.create(spcref_out, showWarnings = FALSE, recursive = TRUE)

# The project's datasets/ (three levels up from notebooks/reference/spc).
spcref_datasets <- Sys.getenv("SPCREF_DATASETS",
                              normalizePath(file.path(spcref_dir, "..", "..", "..", "datasets"),
                                            mustWork = FALSE))

r_version <- paste(R.version$major, R.version$minor, sep = ".")

pkg_version <- function(pkg) as.character(utils::packageVersion(pkg))

# Dates and date-times as ISO dates; everything else unchanged.
iso <- function(x) {
  if (inherits(x, "POSIXt")) return(format(x, "%Y-%m-%d", tz = "UTC"))
  if (inherits(x, "Date")) return(format(x, "%Y-%m-%d"))
  if (is.factor(x)) return(as.character(x))
  x
}

# NA/NaN/Inf -> NA (written as null); keep numbers as numbers.
num <- function(x) { x <- as.numeric(x); x[!is.finite(x)] <- NA; x }
lgl <- function(x) as.logical(x)

# Write one case. `obj` is a named list; written with 15 significant digits
# (jsonlite digits = NA), NA/NaN as null.
write_case <- function(obj) {
  path <- file.path(spcref_out, paste0(obj$case, ".json"))
  txt <- jsonlite::toJSON(obj, auto_unbox = TRUE, digits = NA, na = "null",
                          null = "null", pretty = TRUE, dataframe = "rows")
  writeLines(txt, path)
  message("wrote ", basename(path))
  invisible(path)
}

# Deparse a call to one line of text.
call_text <- function(expr) paste(trimws(deparse(expr, width.cutoff = 500L)), collapse = " ")
