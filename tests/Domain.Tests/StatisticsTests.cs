using Cohort.Domain.Indices;
using Cohort.Domain.Statistics;

namespace Cohort.Domain.Tests;

/// <summary>Expected values were computed independently with R 4.2 (prop.test without correction, binom.test, quantile type 7).</summary>
public class StatisticsTests
{
    [Theory]
    [InlineData(0, 10, 0.000000000000000, 0.277532799862889, 0.000000000000000, 0.308497107818761)]
    [InlineData(1, 10, 0.017876213095073, 0.404150026795238, 0.002528578544462, 0.445016117028195)]
    [InlineData(5, 10, 0.236593090512564, 0.763406909487436, 0.187086028447399, 0.812913971552601)]
    [InlineData(10, 10, 0.722467200137111, 1.000000000000000, 0.691502892181239, 1.000000000000000)]
    [InlineData(13, 250, 0.030637655164191, 0.086921781183727, 0.027974892458441, 0.087280184930355)]
    [InlineData(81, 263, 0.255288519878274, 0.366209576982800, 0.252736745585271, 0.367621922601351)]
    [InlineData(1, 1000, 0.000176546370626, 0.005642558597958, 0.000025317487491, 0.005558924279827)]
    [InlineData(4500, 10000, 0.440270355608600, 0.459768044228468, 0.440215058122874, 0.459814077187785)]
    public void Wilson_and_Clopper_Pearson_match_R(long x, long n, double wLo, double wHi, double cpLo, double cpHi)
    {
        var w = ProportionInterval.Wilson(x, n);
        Assert.Equal(wLo, w.Lower, 1e-6);
        Assert.Equal(wHi, w.Upper, 1e-6);
        var cp = ProportionInterval.ClopperPearson(x, n);
        Assert.Equal(cpLo, cp.Lower, 1e-6);
        Assert.Equal(cpHi, cp.Upper, 1e-6);
        Assert.Equal(IntervalMethod.ClopperPearson, cp.Method);
    }

    [Theory]
    [InlineData(1, 10, 0.005116196891824, 0.394163302436505)]
    [InlineData(13, 250, 0.031028818203892, 0.081403999506992)]
    [InlineData(4500, 10000, 0.441778487380118, 0.458243045528708)]
    public void Clopper_Pearson_at_90_percent_matches_R(long x, long n, double lo, double hi)
    {
        var cp = ProportionInterval.ClopperPearson(x, n, 0.90);
        Assert.Equal(lo, cp.Lower, 1e-6);
        Assert.Equal(hi, cp.Upper, 1e-6);
    }

    [Fact]
    public void Special_functions_match_R()
    {
        Assert.Equal(1.95996398454005361, SpecialFunctions.NormalQuantile(0.975), 1e-12);
        Assert.Equal(-3.09023230616781319, SpecialFunctions.NormalQuantile(0.001), 1e-12);
        Assert.Equal(0.17680146270511068, SpecialFunctions.BetaQuantile(0.3, 2.5, 7), 1e-10);
        Assert.Equal(0.56279355753628435, SpecialFunctions.RegularizedBeta(0.42, 3, 4.5), 1e-12);
        Assert.Equal(469.60554712992956183, SpecialFunctions.LogGamma(123.456), 1e-9);
    }

    private static readonly double[] TailToTail = [1e-12, 1e-6, 0.001, 0.025, 0.3, 0.5, 0.9, 0.975, 0.999, 0.999999];

    [Theory]
    [InlineData(0.5, 0.5)]
    [InlineData(1, 1)]
    [InlineData(2.5, 7)]
    [InlineData(4499.5, 0.5)]
    [InlineData(0.5, 4499.5)]
    [InlineData(9052, 9783)]
    [InlineData(15, 0.5)]
    [InlineData(0.01, 50)]
    public void The_beta_quantile_inverts_the_cdf_in_both_tails_and_increases_with_p(double a, double b) =>
        AssertInvertsTailToTail(p => SpecialFunctions.BetaQuantile(p, a, b), q => SpecialFunctions.RegularizedBeta(q, a, b), upper: 1);

    [Theory]
    [InlineData(0.5)]
    [InlineData(1)]
    [InlineData(7.3)]
    [InlineData(4300)]
    public void The_gamma_quantile_inverts_the_cdf_in_both_tails_and_increases_with_p(double a) =>
        AssertInvertsTailToTail(p => SpecialFunctions.GammaQuantile(p, a), q => SpecialFunctions.RegularizedGammaP(a, q), upper: double.PositiveInfinity);

    /// <summary>At every p of <see cref="TailToTail"/>: the quantile is no smaller than the one before, at most <paramref name="upper"/>, and inverts the CDF.</summary>
    private static void AssertInvertsTailToTail(Func<double, double> quantile, Func<double, double> cdf, double upper)
    {
        var previous = 0.0;
        foreach (var p in TailToTail)
        {
            var x = quantile(p);
            Assert.InRange(x, previous, upper);
            AssertWithinUlps(p, x, cdf);
            previous = x;
        }
    }

    [Fact]
    public void Quantiles_of_nan_are_nan()
    {
        Assert.True(double.IsNaN(SpecialFunctions.BetaQuantile(double.NaN, 2, 3)));
        Assert.True(double.IsNaN(SpecialFunctions.BetaQuantile(0.5, double.NaN, 3)));
        Assert.True(double.IsNaN(SpecialFunctions.GammaQuantile(0.5, double.NaN)));
    }

    /// <summary>
    /// The p-quantile lies within 4 doubles of x, up to the CDF's own error (1e-9 of the smaller tail, and 1e-14): the CDF is below p
    /// 4 doubles down and above it 4 doubles up. Where the density is steep (near 0 or 1) the doubles around x, not the search, limit it.
    /// </summary>
    private static void AssertWithinUlps(double p, double x, Func<double, double> cdf)
    {
        double below = x, above = x;
        for (var i = 0; i < 4; i++) (below, above) = (Math.BitDecrement(below), Math.BitIncrement(above));
        var error = 1e-9 * Math.Min(p, 1 - p) + 1e-14;
        Assert.True(cdf(below) <= p + error && cdf(above) >= p - error, $"quantile {x:R} at p = {p:R}: CDF {cdf(below):R} 4 doubles below, {cdf(above):R} above");
    }

    [Fact]
    public void Bad_proportion_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionInterval.Wilson(3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionInterval.Wilson(11, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionInterval.ClopperPearson(1, 10, 1.5));
    }

    [Theory]
    [InlineData(0.00, 0.4)]
    [InlineData(0.05, 0.55)]
    [InlineData(0.25, 1.5)]
    [InlineData(0.50, 2.2)]
    [InlineData(0.75, 3.6)]
    [InlineData(0.80, 3.9)]
    [InlineData(0.90, 4.4)]
    [InlineData(0.95, 4.8)]
    [InlineData(1.00, 5.2)]
    public void Percentiles_are_R_type_7(double p, double expected) =>
        Assert.Equal(expected, Percentile.Of([2.1, 0.7, 3.3, 1.9, 5.2, 0.4, 2.8, 3.9, 1.1, 4.4, 2.2], p), 1e-12);

    [Fact]
    public void Standard_populations_are_data_with_their_source()
    {
        var esp = StandardPopulation.Get("ESP2013");
        Assert.Contains("Eurostat", esp.Source);
        Assert.Equal(100_000, esp.Bands.Sum(b => b.Weight));
        Assert.Null(esp.Bands[^1].AgeTo);
        var us = StandardPopulation.Get("US2000");
        Assert.Equal(1_000_000, us.Bands.Sum(b => b.Weight));
        Assert.Equal(0, us.BandIndex(0));
        Assert.Equal("1-4", us.Bands[us.BandIndex(4.9)].Label);
        Assert.Equal("85+", us.Bands[us.BandIndex(101)].Label);
    }

    [Fact]
    public void Direct_age_standardisation_worked_example()
    {
        // ESP 2013 restricted to 20–39: weights 6000, 6000, 6500, 7000; band prevalences 10%, 20%, 30%, 40%.
        // Standardised = (600 + 1200 + 1950 + 2800) / 25500 = 0.2568627...
        var esp = StandardPopulation.Get("ESP2013");
        var counts = new[] { (20, 10L, 100L), (25, 20L, 100L), (30, 30L, 100L), (35, 40L, 100L) }.Select(t => new AgeCount(t.Item1, t.Item2, t.Item3));
        var r = DirectStandardisation.Compute(esp, counts, (20, 39));
        Assert.Null(r.UndefinedReason);
        Assert.Equal(6550.0 / 25500, r.Proportion!.Value, 1e-12);
        Assert.Equal("ESP2013 restricted to ages 20-39, weights renormalised", r.AgeRange);
        // The interval is Fay–Feuer's gamma interval on the same weights (checked against R in StandardisedRateTests).
        var ff = StandardisedRate.Compute([new(6000, 10, 100), new(6000, 20, 100), new(6500, 30, 100), new(7000, 40, 100)]);
        Assert.Equal(ff.Lower, r.Lower!.Value, 1e-12);
        Assert.Equal(ff.Upper, r.Upper!.Value, 1e-12);
    }

    [Fact]
    public void A_band_the_cohort_covers_in_part_keeps_only_that_part_of_its_weight()
    {
        // US 2000 from age 18: 15–19 holds 72,169 per million but the cohort has only ages 18 and 19 of it, so it counts 2/5 of that.
        var us = StandardPopulation.Get("US2000");
        var counts = Enumerable.Range(18, 67).Select(age => new AgeCount(age, age < 20 ? 10 : 5, 100)).ToArray();
        var r = DirectStandardisation.Compute(us, counts);
        Assert.Contains("15-19 at 2/5 of its weight (ages 18–19 only)", r.AgeRange);
        var shares = Enumerable.Range(4, 14).Select(i => us.Bands[i].Weight * (i == 4 ? 0.4 : 1)).ToArray();
        var expected = (shares[0] * 0.1 + shares.Skip(1).Sum() * 0.05) / shares.Sum();
        Assert.Equal(expected, r.Proportion!.Value, 1e-12);
    }

    [Fact]
    public void No_cases_give_a_proper_upper_limit_not_zero_to_zero()
    {
        var esp = StandardPopulation.Get("ESP2013");
        var r = DirectStandardisation.Compute(esp, Enumerable.Range(20, 20).Select(age => new AgeCount(age, 0, 30)), (20, 39));
        Assert.Equal(0, r.Proportion);
        Assert.Equal(0, r.Lower);
        // Fay–Feuer with no events: the largest band weight w_M (35–39: 7000/25500 of the standard over 150 people) × ln(2/α).
        Assert.Equal(-Math.Log(0.025) * (7000.0 / 25500 / 150), r.Upper!.Value, 1e-9);
    }

    [Fact]
    public void A_cohort_with_the_standard_age_structure_has_standardised_equal_to_crude()
    {
        var esp = StandardPopulation.Get("ESP2013");
        var counts = Enumerable.Range(4, 10).Select(i => new AgeCount(esp.Bands[i].AgeFrom, (long)(esp.Bands[i].Weight * 0.3), (long)esp.Bands[i].Weight)).ToArray();
        var crude = (double)counts.Sum(c => c.Cases) / counts.Sum(c => c.Total);
        Assert.Equal(crude, DirectStandardisation.Compute(esp, counts, (20, 69)).Proportion!.Value, 1e-12);
    }

    [Fact]
    public void An_empty_band_inside_the_covered_range_is_not_silently_dropped()
    {
        var esp = StandardPopulation.Get("ESP2013");
        var r = DirectStandardisation.Compute(esp, [new AgeCount(20, 5, 50), new AgeCount(34, 5, 50)]);
        Assert.Null(r.Proportion);
        Assert.Contains("25-29", r.UndefinedReason);
    }

    [Fact]
    public void Minimum_detectable_change_flags_only_change_beyond_noise()
    {
        var homa = MinimumDetectableChange.For(IndexId.HomaIr)!;
        Assert.Equal(2.3, homa.Threshold);
        Assert.False(homa.IsRealChange(2.0, 4.0));
        Assert.True(homa.IsRealChange(2.0, 4.5));
        var tgHdl = MinimumDetectableChange.For(IndexId.TgHdl)!;
        Assert.Equal(1.4, TgHdl.ToMgDlRatio(tgHdl.Threshold), 1e-12);
    }
}
