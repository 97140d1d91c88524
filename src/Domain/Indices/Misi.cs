using Cohort.Domain.Units;

namespace Cohort.Domain.Indices;

/// <summary>
/// Muscle insulin-sensitivity index = |least-squares slope of glucose from its peak to the following nadir| ÷ mean OGTT insulin,
/// in (mmol/L per min) per pmol/L, multiplied by 1000. Undefined when glucose does not fall after its peak.
/// </summary>
public sealed class Misi : DerivedIndex
{
    public override IndexDefinition Definition { get; } = new(IndexId.Misi, "misi", "Muscle insulin-sensitivity index (MISI)",
        "(mmol/L/min) / (pmol/L) × 1000", "OGTT glucose mmol/L; OGTT insulin pmol/L (arithmetic mean of samples)",
        "least-squares slope from glucose peak to subsequent nadir ÷ mean insulin, SI × 1000",
        "Abdul-Ghani MA et al. Diabetes Care 2007;30:89-94", Skewed: true);

    public override IndexResult Compute(VisitMeasurements v, ConversionFactors f)
    {
        if (v.GlucoseCurve is not { Count: >= 2 } g) return Undefined("missing OGTT glucose curve (two or more samples)");
        if (v.InsulinCurve is not { } i) return Undefined("missing OGTT insulin curve");
        var peak = g.PeakIndex();
        var nadir = g.NadirIndexFrom(peak);
        if (nadir == peak) return Undefined("glucose does not fall after its peak, so there is no decline to measure");
        var slope = LeastSquaresSlope(g.Points, peak, nadir);
        if (slope >= 0) return Undefined("glucose does not fall after its peak, so there is no decline to measure");
        var meanInsulin = i.Mean();
        if (meanInsulin <= 0) return Undefined("mean OGTT insulin must be positive");
        return Value(-slope / meanInsulin * 1000);
    }

    private static double LeastSquaresSlope(IReadOnlyList<OgttPoint> points, int from, int to)
    {
        var n = to - from + 1;
        double mx = 0, my = 0;
        for (var k = from; k <= to; k++) { mx += points[k].Minute; my += points[k].Value; }
        mx /= n; my /= n;
        double sxy = 0, sxx = 0;
        for (var k = from; k <= to; k++)
        {
            var dx = points[k].Minute - mx;
            sxy += dx * (points[k].Value - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }
}
