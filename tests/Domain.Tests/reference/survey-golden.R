# Golden values for tests/Domain.Tests/SurveyDesignTests.cs and StandardisedRateTests.cs, computed once with Debian's R
# (r-base-core 4.2.2, r-cran-survey 4.1-1, r-cran-epitools 0.5-10.1): Rscript tests/Domain.Tests/reference/survey-golden.R
# R is not a CI dependency; the printed values are held in the tests.
suppressMessages({ library(survey); library(epitools) })
options(digits = 12)
d <- read.table(text = "
id stratum psu w y agegrp
1 1 1 1000 1 A
2 1 1 1200 0 A
3 1 1 800 0 B
4 1 1 1500 1 B
5 1 1 900 0 B
6 1 2 1100 0 A
7 1 2 1300 0 A
8 1 2 700 1 B
9 1 2 1000 0 B
10 1 2 1600 0 B
11 2 1 2000 1 A
12 2 1 1800 1 A
13 2 1 2200 0 B
14 2 1 1700 0 B
15 2 1 2500 1 B
16 2 2 1900 0 A
17 2 2 2100 1 A
18 2 2 1600 0 B
19 2 2 2400 0 B
20 2 2 2300 0 B", header = TRUE)
des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~w, nest = TRUE, data = d)
m <- svymean(~y, des)
cat("whole: p =", coef(m), " se =", SE(m), " df =", degf(des), "\n")
ci <- svyciprop(~y, des, method = "beta")
cat("whole: korn-graubard =", confint(ci), "\n")

# A domain: age group B only (out-of-domain units keep their PSUs, as subset() does).
b <- subset(des, agegrp == "B")
mb <- svymean(~y, b)
cat("domain B: p =", coef(mb), " se =", SE(mb), "\n")
cib <- svyciprop(~y, b, method = "beta")
cat("domain B: korn-graubard =", confint(cib), "\n")

# Directly age-standardised prevalence to the NHANES adult weights.
s <- svystandardize(des, by = ~agegrp, over = ~1, population = c(0.396579, 0.603421))
ms <- svymean(~y, s)
cat("standardised: p =", coef(ms), " se =", SE(ms), "\n")

# Student t quantiles used by the Korn-Graubard adjustment.
cat("t: ", qt(0.975, 19), qt(0.975, 2), qt(0.975, 7.5), "\n")

# Direct standardisation of rates (US 2000, adults 20+): Fay-Feuer gamma interval, per 1,000 person-years.
events <- c(3, 11, 9); py <- c(2400, 1900, 700); std <- c(0.39658018, 0.37179601, 0.23162381)
a <- ageadjust.direct(count = events, pop = py, stdpop = std)
cat("dsr: ", 1000 * a, "\n")
z <- ageadjust.direct(count = c(0, 0, 0), pop = py, stdpop = std)
cat("dsr zero: ", 1000 * z, "\n")
# Tiwari et al. (2006) by hand (epitools has no option): upper limit with the mean weight and mean squared weight.
w <- std / sum(std) / py; y <- sum(w * events); v <- sum(w^2 * events)
tiwari <- qgamma(0.975, shape = (y + mean(w))^2 / (v + mean(w^2)), scale = (v + mean(w^2)) / (y + mean(w)))
cat("tiwari upper: ", 1000 * tiwari, " zero: ", 1000 * qgamma(0.975, shape = mean(w)^2 / mean(w^2), scale = mean(w^2) / mean(w)), "\n")
