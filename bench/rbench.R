# The same fits in R, on the same generated series, for the ratio in
# `make bench`.  R's best per-series way for each model:
#   poisson   glm.fit on a prebuilt design matrix (not the formula glm)
#   negbin    MASS::glm.nb
#   holt      forecast::holt
#   linear    closed-form OLS with prediction intervals, vectorised over all
#             series at once (as fast as R gets)
# Usage: Rscript bench/rbench.R FILE.csv YEARS N_POISSON N_NEGBIN N_HOLT N_OLS
# FILE is a yearly long file from `trendbeeld generate` (series-major, no
# missing cells).  Prints: r<TAB>model<TAB>series<TAB>seconds<TAB>series/s
suppressPackageStartupMessages({
    library(MASS)
    library(forecast)
})
a <- commandArgs(trailingOnly = TRUE)
file <- a[1]
years <- as.integer(a[2])
n <- as.integer(a[3:6])
names(n) <- c("poisson", "negbin", "holt", "linear")
rows <- max(n) * years
d <- read.csv(file, nrows = rows,
              colClasses = c("character", "character", "character", "integer", "numeric"))
S <- nrow(d) %/% years
Y <- matrix(d$value[seq_len(S * years)], nrow = years)  # one column per series
t <- seq_len(years) - 1
X <- cbind(1, t)
fam <- poisson()

report <- function(model, k, sec)
    cat(sprintf("r\t%s\t%d\t%.4f\t%.1f\n", model, k, sec, k / sec))

k <- min(n[["poisson"]], S)
sec <- system.time(for (j in seq_len(k)) glm.fit(X, Y[, j], family = fam))[["elapsed"]]
report("poisson", k, sec)

k <- min(n[["negbin"]], S)
sec <- system.time(for (j in seq_len(k)) {
    y <- Y[, j]
    try(suppressWarnings(glm.nb(y ~ t)), silent = TRUE)
})[["elapsed"]]
report("negbin", k, sec)

k <- min(n[["holt"]], S)
sec <- system.time(for (j in seq_len(k)) holt(ts(Y[, j]), h = 5))[["elapsed"]]
report("holt", k, sec)

k <- min(n[["linear"]], S)
sec <- system.time({
    Yk <- Y[, seq_len(k), drop = FALSE]
    tc <- t - mean(t)
    Stt <- sum(tc^2)
    b <- colSums(tc * Yk) / Stt
    a0 <- colMeans(Yk) - b * mean(t)
    R <- Yk - outer(rep(1, years), a0) - outer(t, b)
    s2 <- colSums(R^2) / (years - 2)
    th <- years - 1 + (1:5)
    q <- qt(c(0.9, 0.975), years - 2)
    fc <- lapply(th, function(h) {
        m <- a0 + b * h
        se <- sqrt(s2 * (1 + 1 / years + (h - mean(t))^2 / Stt))
        cbind(m, m - q[1] * se, m + q[1] * se, m - q[2] * se, m + q[2] * se)
    })
})[["elapsed"]]
report("linear", k, max(sec, 1e-4))
