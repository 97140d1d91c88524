using Cohort.Domain.Statistics;
using Cohort.Domain.Survey;

namespace Cohort.Domain.Tests;

/// <summary>
/// Design-based proportions against R's survey package (4.1-1): the 20-row, 2-strata × 2-PSU example, as a whole, as a domain and
/// age-standardised; values printed by reference/survey-golden.R (output beside it) and held here to 1e-9.
/// </summary>
public sealed class SurveyDesignTests
{
    private static readonly (int Stratum, int Psu, double W, int Y, char Age)[] Rows =
    [
        (1, 1, 1000, 1, 'A'), (1, 1, 1200, 0, 'A'), (1, 1, 800, 0, 'B'), (1, 1, 1500, 1, 'B'), (1, 1, 900, 0, 'B'),
        (1, 2, 1100, 0, 'A'), (1, 2, 1300, 0, 'A'), (1, 2, 700, 1, 'B'), (1, 2, 1000, 0, 'B'), (1, 2, 1600, 0, 'B'),
        (2, 1, 2000, 1, 'A'), (2, 1, 1800, 1, 'A'), (2, 1, 2200, 0, 'B'), (2, 1, 1700, 0, 'B'), (2, 1, 2500, 1, 'B'),
        (2, 2, 1900, 0, 'A'), (2, 2, 2100, 1, 'A'), (2, 2, 1600, 0, 'B'), (2, 2, 2400, 0, 'B'), (2, 2, 2300, 0, 'B'),
    ];

    /// <summary>The rows' sums per PSU (and age band when standardising), for the units a predicate keeps; every PSU appears.</summary>
    private static PsuSums[] Sums(Func<char, bool> inDomain, bool byBand = false) =>
        Rows.GroupBy(r => (r.Stratum, r.Psu, Band: byBand ? r.Age - 'A' : -1))
            .Select(g => new PsuSums(g.Key.Stratum.ToString(), g.Key.Psu.ToString(), g.Key.Band,
                g.Where(r => inDomain(r.Age)).Sum(r => r.W * r.Y), g.Where(r => inDomain(r.Age)).Sum(r => r.W), g.Count(r => inDomain(r.Age))))
            .ToArray();

    [Fact]
    public void A_whole_sample_proportion_matches_svymean_and_svyciprop_beta()
    {
        var e = SurveyProportion.Estimate(Sums(_ => true))!;
        Assert.Equal(0.367088607595, e.Proportion, 1e-9);
        Assert.Equal(0.147069479883, e.StandardError, 1e-9);
        Assert.Equal(2, e.DegreesOfFreedom);
        Assert.Equal(0.00727781433235, e.Interval.Lower, 1e-9);
        Assert.Equal(0.941426421229, e.Interval.Upper, 1e-9);
        Assert.Equal(10.74159, e.Interval.EffectiveN, 1e-5);
        Assert.Equal(2.541819, e.Interval.AdjustedEffectiveN, 1e-6);
        // NCHS: suppressed for an effective sample size below 30, and flagged for 2 degrees of freedom.
        Assert.False(e.Presentation.Present);
        Assert.Contains("below 30", e.Presentation.SuppressedBecause);
        Assert.Contains(e.Presentation.ReviewFlags, f => f.Contains("degrees of freedom"));
    }

    [Fact]
    public void A_domain_keeps_every_psu_and_matches_a_subset_design()
    {
        var e = SurveyProportion.Estimate(Sums(age => age == 'B'))!;
        Assert.Equal(0.244791666667, e.Proportion, 1e-9);
        Assert.Equal(0.135896278997, e.StandardError, 1e-9);
        Assert.Equal(0.000958247320687, e.Interval.Lower, 1e-9);
        Assert.Equal(0.892383444293, e.Interval.Upper, 1e-9);
    }

    [Fact]
    public void Age_standardised_prevalence_matches_svystandardize()
    {
        var e = SurveyProportion.Standardised(Sums(_ => true, byBand: true), [0.396579, 0.603421])!;
        Assert.Equal(0.368389456485, e.Proportion, 1e-9);
        Assert.Equal(0.148993892211, e.StandardError, 1e-9);
    }

    [Fact]
    public void Student_t_quantiles_match_qt()
    {
        Assert.Equal(2.09302405441, SpecialFunctions.StudentTQuantile(0.975, 19), 1e-9);
        Assert.Equal(4.30265272975, SpecialFunctions.StudentTQuantile(0.975, 2), 1e-9);
        Assert.Equal(2.33303962686, SpecialFunctions.StudentTQuantile(0.975, 7.5), 1e-9);
        Assert.Equal(-2.09302405441, SpecialFunctions.StudentTQuantile(0.025, 19), 1e-9);
    }

    [Fact]
    public void A_stratum_with_one_psu_adds_no_variance_and_is_named()
    {
        var sums = Sums(_ => true).Append(new PsuSums("3", "1", -1, 500, 1000, 1)).ToArray();
        var e = SurveyProportion.Estimate(sums)!;
        Assert.Equal(["3"], e.SinglePsuStrata);
    }

    [Fact]
    public void The_nchs_rules_present_a_precise_estimate_and_suppress_a_wide_one()
    {
        Assert.True(NchsPresentation.ForProportion(0.30, new KornGraubardInterval(0.28, 0.32, 2000, 1800), 30).Present);
        var wide = NchsPresentation.ForProportion(0.30, new KornGraubardInterval(0.10, 0.45, 200, 180), 30);
        Assert.False(wide.Present);
        Assert.Contains("0.30 or more", wide.SuppressedBecause);
        var relative = NchsPresentation.ForProportion(0.05, new KornGraubardInterval(0.01, 0.12, 200, 180), 30);
        Assert.False(relative.Present);
        Assert.Contains("130%", relative.SuppressedBecause);
        Assert.True(NchsPresentation.ForProportion(0.10, new KornGraubardInterval(0.05, 0.17, 200, 180), 30).Present);
    }
}

/// <summary>Directly standardised rates with gamma intervals against R's epitools::ageadjust.direct (Fay–Feuer) and Tiwari by hand.</summary>
public sealed class StandardisedRateTests
{
    private static StandardisedBand[] Bands(double a, double b, double c) =>
        [new(0.39658018, a, 2400), new(0.37179601, b, 1900), new(0.23162381, c, 700)];

    [Fact]
    public void Fay_feuer_matches_ageadjust_direct()
    {
        var e = StandardisedRate.Compute(Bands(3, 11, 9));
        Assert.Equal(5.62624885508, 1000 * e.Rate, 1e-8);
        Assert.Equal(3.49449018649, 1000 * e.Lower, 1e-8);
        Assert.Equal(8.67831860186, 1000 * e.Upper, 1e-8);
        Assert.Equal(1.22005, 1000 * e.StandardError, 1e-5);
    }

    [Fact]
    public void Tiwari_shortens_the_upper_limit()
    {
        var e = StandardisedRate.Compute(Bands(3, 11, 9), StandardisedIntervalMethod.Tiwari);
        Assert.Equal(3.49449018649, 1000 * e.Lower, 1e-8);
        Assert.Equal(8.53431196582, 1000 * e.Upper, 1e-8);
    }

    [Fact]
    public void No_events_give_zero_and_a_proper_upper_bound()
    {
        var ff = StandardisedRate.Compute(Bands(0, 0, 0));
        Assert.Equal(0, ff.Rate);
        Assert.Equal(0, ff.Lower);
        Assert.Equal(1.22061759113, 1000 * ff.Upper, 1e-8);
        Assert.Equal(0.885590988582, 1000 * StandardisedRate.Compute(Bands(0, 0, 0), StandardisedIntervalMethod.Tiwari).Upper, 1e-8);
    }

    [Fact]
    public void The_interval_contains_the_rate_whatever_the_counts()
    {
        var rng = new Random(5);
        for (var i = 0; i < 200; i++)
        {
            var e = StandardisedRate.Compute(Bands(rng.Next(30), rng.Next(30), rng.Next(30)));
            Assert.InRange(e.Rate, e.Lower, e.Upper);
        }
    }
}
