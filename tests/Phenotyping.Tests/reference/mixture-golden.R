# Golden values for Cohort's Gaussian mixtures (src/Phenotyping/Mixtures), computed once with Debian's r-base-core and
# r-cran-mclust; R is not a CI dependency. Run: Rscript mixture-golden.R > mixture-golden.out
# Writes the two public data sets that ship with R (faithful, iris) as CSV beside this script, and for each of the six covariance
# families Cohort fits and G = 1..5: mclust's BIC and log-likelihood under a tight EM tolerance (1e-12; mclust's default 1e-5 stops
# short of the fixed point on flat likelihood ridges). mclust's default start (one hierarchical partition) often stops at a poorer
# local optimum than a search would find, so every cell is also fitted from 40 random hierarchical starts (hcRandomPairs) and the
# best log-likelihood kept ("cell" lines: BIC, logL and ICL of that best fit). Then the parameters and first posteriors of the
# models the tests pin.
suppressMessages(library(mclust))
cat(sprintf("# R %s, mclust %s\n", getRversion(), packageVersion("mclust")))
write.csv(faithful, "faithful.csv", row.names = FALSE)
write.csv(iris, "iris.csv", row.names = FALSE)
models <- c("EII", "VII", "EEI", "VVI", "EEE", "VVV")
tight <- emControl(tol = c(1e-12, sqrt(.Machine$double.eps)))
data <- list(faithful = faithful, iris = iris[, 1:4])
for (ds in names(data)) {
  X <- data[[ds]]
  b <- mclustBIC(X, G = 1:5, modelNames = models, control = tight)
  for (m in models) for (g in 1:5) {
    best <- summary(b, X, G = g, modelNames = m)
    if (g > 1) for (s in 1:40) {
      f <- Mclust(X, G = g, modelNames = m, control = tight, initialization = list(hcPairs = hcRandomPairs(X, seed = s)), verbose = FALSE)
      if (!is.null(f) && f$loglik > best$loglik + 1e-9) best <- f
    }
    cat(sprintf("cell %s %s %d %.6f %.6f %.6f\n", ds, m, g, best$bic, best$loglik, best$bic + 2 * sum(log(apply(best$z, 1, max)))))
  }
  best <- summary(b, X)
  cat(sprintf("best %s %s %d\n", ds, best$modelName, best$G))
}
show <- function(ds, m, g, truth = NULL) {
  X <- data[[ds]]
  fit <- Mclust(X, G = g, modelNames = m, control = tight)
  cat(sprintf("model %s %s %d loglik %.8f bic %.8f\n", ds, m, g, fit$loglik, fit$bic))
  cat("pro", sprintf("%.8f", fit$parameters$pro), "\n")
  for (k in 1:g) cat("mean", k, sprintf("%.8f", fit$parameters$mean[, k]), "\n")
  for (k in 1:g) cat("sigma", k, sprintf("%.8f", as.vector(fit$parameters$variance$sigma[, , k])), "\n")
  for (i in 1:3) cat("z", i, sprintf("%.10f", fit$z[i, ]), "\n")
  cat("sizes", tabulate(fit$classification, g), "\n")
  if (!is.null(truth)) cat("ari", sprintf("%.6f", adjustedRandIndex(fit$classification, truth)), "\n")
}
show("faithful", "EEE", 3)
show("iris", "VVV", 2)
show("iris", "VVV", 3, iris$Species)
show("iris", "EEE", 3, iris$Species)
set.seed(1)
km <- kmeans(scale(iris[, 1:4]), 3, nstart = 50)
cat(sprintf("kmeans iris scaled 3 ari %.6f\n", adjustedRandIndex(km$cluster, iris$Species)))
