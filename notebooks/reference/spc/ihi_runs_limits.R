# IHI "too few / too many runs" limits, computed independently of QIKit:
#  - by brute-force enumeration of every arrangement of m points above and n below the median
#    (N = 10..20, so C(N, m) <= 184,756 sequences), counting runs directly;
#  - by Swed & Eisenhart's (1943) closed form for N = 10..200, checked equal to the enumeration
#    where both exist.
# Limits: lower = the largest l with P(R < l) <= 0.025 (too few if R < lower); upper = the
# smallest u with P(R > u) <= 0.025 (too many if R > upper); m = floor(N / 2) as a median splits
# the points (Perla, Provost & Murray 2011, BMJ Qual Saf 20:46, Table 1 depends on N only).
# Run: Rscript ihi_runs_limits.R > output/ihi_runs_limits.json   (R 4.2.2, jsonlite 1.8.4)
library(jsonlite)

closed_form <- function(m, n) {
  N <- m + n
  p <- numeric(N)
  for (r in 2:N) {
    k <- r %/% 2
    p[r] <- if (r %% 2 == 0) 2 * choose(m - 1, k - 1) * choose(n - 1, k - 1)
            else choose(m - 1, k) * choose(n - 1, k - 1) + choose(m - 1, k - 1) * choose(n - 1, k)
  }
  p / choose(N, m)
}

enumerated <- function(m, n) {
  N <- m + n
  above <- combn(N, m)
  counts <- integer(N)
  for (j in seq_len(ncol(above))) {
    side <- rep(-1L, N)
    side[above[, j]] <- 1L
    r <- 1L + sum(side[-1] != side[-N])
    counts[r] <- counts[r] + 1L
  }
  counts / ncol(above)
}

limits <- function(p) {
  N <- length(p)
  lower <- 1; tail <- 0
  while (lower < N && tail + p[lower] <= 0.025) { tail <- tail + p[lower]; lower <- lower + 1 }
  # p[lower] is P(R = lower); the loop stops at the first l with P(R <= l) > 0.025
  upper <- N; tail <- 0
  while (upper > 1 && tail + p[upper] <= 0.025) { tail <- tail + p[upper]; upper <- upper - 1 }
  c(lower = lower, upper = upper)
}

rows <- lapply(10:200, function(N) {
  m <- N %/% 2; n <- N - m
  p <- closed_form(m, n)
  if (N <= 20) {
    q <- enumerated(m, n)
    stopifnot(max(abs(p - q)) < 1e-12)
  }
  l <- limits(p)
  list(useful_observations = N, lower = unname(l["lower"]), upper = unname(l["upper"]),
       enumerated = N <= 20)
})

cat(toJSON(list(source = "Swed & Eisenhart (1943) closed form, enumeration for N <= 20",
                r_version = R.version.string, tail_probability = 0.025, rows = rows),
           auto_unbox = TRUE, pretty = TRUE), "\n")
