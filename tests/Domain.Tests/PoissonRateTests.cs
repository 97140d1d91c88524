using Cohort.Domain.Statistics;

namespace Cohort.Domain.Tests;

/// <summary>Exact Poisson rate intervals against R 4.2: qchisq(0.025, 2k)/2/T·1000 and qchisq(0.975, 2k + 2)/2/T·1000, T = 123.4.</summary>
public sealed class PoissonRateTests
{
    [Theory]
    [InlineData(0, 0.0, 29.8936746686705)]
    [InlineData(1, 0.205168622238978, 45.1510809638485)]
    [InlineData(5, 13.1562916541201, 94.5569860560994)]
    [InlineData(37, 211.113570235867, 413.287083808191)]
    public void Garwood_limits_match_R(long events, double lower, double upper)
    {
        var r = PoissonRate.Exact(events, 123.4);
        Assert.Equal(events / 123.4 * 1000, r.Rate!.Value, 1e-9);
        Assert.Equal(lower, r.Lower!.Value, 1e-6);
        Assert.Equal(upper, r.Upper!.Value, 1e-6);
    }

    [Fact]
    public void Gamma_quantiles_match_R()
    {
        Assert.Equal(1.49995406637995, SpecialFunctions.GammaQuantile(0.3, 2.5), 1e-9);
        Assert.Equal(56.1643962601487, SpecialFunctions.GammaQuantile(0.99, 40), 1e-8);
    }

    [Fact]
    public void Without_person_time_the_rate_is_undefined() => Assert.Null(PoissonRate.Exact(3, 0).Rate);
}
