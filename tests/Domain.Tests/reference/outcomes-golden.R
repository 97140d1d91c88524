# Golden values for tests/Domain.Tests/OutcomeStatisticsTests.cs, computed once with Debian's R (r-base-core, r-cran-survival):
#   Rscript tests/Domain.Tests/reference/outcomes-golden.R > tests/Domain.Tests/reference/outcomes-golden.out
# R is not a CI dependency; the printed values are held in the test. The data are a formula of i, so the test rebuilds them exactly.
suppressMessages(library(survival))
options(digits = 12)
i <- 1:120
d <- data.frame(
  group = i %% 3,
  sex = i %% 2,
  ageband = (i %/% 3) %% 3,
  cat = (i %/% 7) %% 2,
  time = 0.5 + ((i * 37) %% 97) / 10,
  event = as.integer(((i * 13) %% 5) < 1 + (i %% 3)))
cat("events:", sum(d$event), " person-years:", sum(d$time), "\n")
# Kaplan-Meier of group 0 with log-log intervals.
k <- survfit(Surv(time, event) ~ 1, data = d[d$group == 0, ], conf.type = "log-log")
s <- summary(k)
cat("km time:", s$time, "\n")
cat("km n.risk:", s$n.risk, "\n")
cat("km n.event:", s$n.event, "\n")
cat("km surv:", s$surv, "\n")
cat("km lower:", s$lower, "\n")
cat("km upper:", s$upper, "\n")
# Poisson regression on cells of group x sex x ageband x category, offset log person-years.
a <- aggregate(cbind(event, time) ~ group + sex + ageband + cat, data = d, FUN = sum)
m <- glm(event ~ factor(group) + factor(sex) + factor(ageband) + factor(cat) + offset(log(time)), family = poisson, data = a)
cat("cells:", nrow(a), "\n")
cat("coef:", coef(m), "\n")
cat("se:", sqrt(diag(vcov(m))), "\n")
cat("deviance:", deviance(m), " df:", df.residual(m), "\n")
ci <- exp(cbind(coef(m), coef(m) - qnorm(0.975) * sqrt(diag(vcov(m))), coef(m) + qnorm(0.975) * sqrt(diag(vcov(m)))))
cat("rate ratio group1:", ci[2, ], "\n")
cat("rate ratio group2:", ci[3, ], "\n")
# Exact Poisson interval of group 0's rate per 1000 person-years.
g0 <- d[d$group == 0, ]
p <- poisson.test(sum(g0$event), sum(g0$time))
cat("rate group0:", 1000 * sum(g0$event) / sum(g0$time), 1000 * p$conf.int, "\n")
