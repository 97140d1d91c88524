using Cohort.Domain.Outcomes;
using Cohort.Domain.Statistics;

namespace Cohort.Domain.Tests;

/// <summary>
/// Kaplan–Meier, exact incidence rates and the Poisson model of outcomes against R (survival::survfit, glm, poisson.test), on data
/// that are a formula of i so that reference/outcomes-golden.R builds the same 120 participants; values in reference/outcomes-golden.out.
/// </summary>
public class OutcomeStatisticsTests
{
    private sealed record Person(int Group, int Sex, int AgeBand, int Category, double Time, bool Event);

    private static readonly Person[] People = Enumerable.Range(1, 120).Select(i => new Person(
        i % 3, i % 2, i / 3 % 3, i / 7 % 2, 0.5 + i * 37 % 97 / 10.0, i * 13 % 5 < 1 + i % 3)).ToArray();

    [Fact]
    public void The_data_are_Rs()
    {
        Assert.Equal(48, People.Count(p => p.Event));
        Assert.Equal(635, People.Sum(p => p.Time), 1e-9);
    }

    [Fact]
    public void Kaplan_Meier_matches_survfit_with_log_log_intervals()
    {
        var steps = KaplanMeier.Estimate(People.Where(p => p.Group == 0).Select(p => (p.Time, p.Event)));
        Assert.Equal([1, 2.1, 3.7, 4.8, 6.4, 7.5, 8, 9.1], steps.Select(s => Math.Round(s.Time, 6)));
        Assert.Equal([36L, 33, 25, 22, 14, 11, 6, 3], steps.Select(s => s.AtRisk));
        double[] surv = [0.972222222222, 0.942760942761, 0.905050505051, 0.86391184573, 0.802203856749, 0.729276233408, 0.607730194507, 0.405153463005];
        double[] lower = [0.818730730055, 0.789774302809, 0.730475521084, 0.671873198714, 0.570251423978, 0.466632966774, 0.290109048702, 0.0820672670605];
        double[] upper = [0.996039871086, 0.985387042323, 0.968805588318, 0.947612842013, 0.917155597419, 0.877426815722, 0.818381185393, 0.721452312599];
        for (var k = 0; k < steps.Count; k++)
        {
            Assert.Equal(surv[k], steps[k].Survival, 1e-9);
            Assert.Equal(lower[k], steps[k].Lower, 1e-9);
            Assert.Equal(upper[k], steps[k].Upper, 1e-9);
            Assert.Equal(1 - surv[k], steps[k].CumulativeIncidence, 1e-9);
        }
        Assert.Equal(0.86391184573, KaplanMeier.At(steps, 5.0)!.Survival, 1e-9);
        Assert.Null(KaplanMeier.At(steps, 0.9));
    }

    [Fact]
    public void Poisson_regression_matches_glm_with_an_offset()
    {
        // Cells of group × sex × age band × category, dummy-coded against the first level of each, as R's factor() does.
        var cells = People.GroupBy(p => (p.Group, p.Sex, p.AgeBand, p.Category)).Select(g => new PoissonCell(
            [g.Key.Group == 1 ? 1 : 0, g.Key.Group == 2 ? 1 : 0, g.Key.Sex, g.Key.AgeBand == 1 ? 1 : 0, g.Key.AgeBand == 2 ? 1 : 0, g.Key.Category],
            g.Count(p => p.Event), g.Sum(p => p.Time))).ToArray();
        Assert.Equal(36, cells.Length);
        var fit = PoissonRegression.Fit(cells);
        double[] coef = [-3.24757681978, 0.576959207666, 1.01483936369, 0.021161903514, 0.00134213428181, 0.0848148415899, 0.00340966005123];
        double[] se = [0.454271016025, 0.433121598822, 0.408366524882, 0.291497170784, 0.354015631239, 0.355143901371, 0.291939921738];
        for (var j = 0; j < coef.Length; j++)
        {
            Assert.Equal(coef[j], fit.Coefficients[j], 1e-6);
            Assert.Equal(se[j], fit.StandardErrors[j], 1e-6);
        }
        Assert.Equal(14.9742004877, fit.Deviance, 1e-6);
        Assert.Equal(29, fit.DegreesOfFreedom);
        // R's glm stops at a relative deviance change of 1e-8, this fit at 1e-10: the ratios agree to 1e-6 relative.
        var (ratio, lo, hi) = fit.RateRatio(2);
        Golden.Near(2.75892017903, ratio, 1e-6, "rate ratio");
        Golden.Near(1.239187202, lo, 1e-6, "lower");
        Golden.Near(6.14244606627, hi, 1e-6, "upper");
    }

    [Fact]
    public void An_incidence_rate_has_the_exact_interval_of_poisson_test()
    {
        var g0 = People.Where(p => p.Group == 0).ToArray();
        var rate = PoissonRate.Exact(g0.Count(p => p.Event), g0.Sum(p => p.Time));
        Assert.Equal(40.404040404, rate.Rate!.Value, 1e-6);
        Assert.Equal(17.4435968523, rate.Lower!.Value, 1e-6);
        Assert.Equal(79.6120667687, rate.Upper!.Value, 1e-6);
    }

    [Fact]
    public void A_group_without_person_time_is_named_not_estimated()
    {
        var cells = new[] { new PoissonCell([0, 0], 3, 100), new PoissonCell([1, 0], 5, 80), new PoissonCell([0, 1], 0, 0) };
        var e = Assert.Throws<ArgumentException>(() => PoissonRegression.Fit(cells, ["phenotype hepatic-dominant", "phenotype mixed"]));
        Assert.Contains("phenotype mixed", e.Message);
    }

    [Fact]
    public void Rate_ratio_intervals_cover_the_true_ratio_at_about_the_nominal_rate()
    {
        // 400 simulated cohorts: two groups with rates 20 and 50 per 1,000 person-years, follow-up uniform on 1–8 years.
        var rng = new Random(17);
        var covered = 0;
        for (var rep = 0; rep < 400; rep++)
        {
            var cells = new List<PoissonCell>();
            for (var g = 0; g < 2; g++)
            {
                double events = 0, py = 0;
                for (var i = 0; i < 300; i++)
                {
                    var follow = 1 + 7 * rng.NextDouble();
                    var t = -Math.Log(1 - rng.NextDouble()) / (g == 0 ? 0.020 : 0.050);
                    if (t < follow) { events++; py += t; } else py += follow;
                }
                cells.Add(new PoissonCell([g], events, py));
            }
            var (_, lo, hi) = PoissonRegression.Fit(cells).RateRatio(1);
            if (lo <= 2.5 && 2.5 <= hi) covered++;
        }
        Assert.InRange(covered / 400.0, 0.92, 0.98);
    }
}
