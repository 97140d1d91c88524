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
        "least-squares slope from the post-load glucose peak to the following nadir (0–120 min, ≥ 4 samples incl. 0 and 120) ÷ mean insulin, SI × 1000",
        "Abdul-Ghani MA et al. Diabetes Care 2007;30:89-94", Skewed: true);

    /// <summary>The fewest glucose samples (including 0 and 120 min) that make a curve with a peak and a decline.</summary>
    public const int MinimumSamples = 4;

    public override IndexResult Compute(VisitMeasurements v, ConversionFactors f)
    {
        if (Preconditions(v, endogenousInsulin: true) is { } unmet) return Undefined(unmet);
        if (v.GlucoseCurve?.Until(Matsuda.Window) is not { } g) return Undefined("missing OGTT glucose curve");
        if (v.InsulinCurve?.Until(Matsuda.Window) is not { } i) return Undefined("missing OGTT insulin curve");
        if (g.Count < MinimumSamples || g.At(0) is null || g.At(120) is null)
            return Undefined(g.Count < TooFewSamples.Length ? TooFewSamples[g.Count] : TooFew(g.Count));
        // The post-load peak: the highest glucose after minute 0 (never the fasting value).
        var peak = 1;
        for (var k = 2; k < g.Count; k++)
            if (g.Points[k].Value > g.Points[peak].Value) peak = k;
        if (g.Points[peak].Value <= g.Points[0].Value) return Undefined("glucose never rises above fasting after the load, so there is no post-load peak");
        var nadir = g.NadirIndexFrom(peak);
        if (nadir == peak) return Undefined("glucose does not fall after its peak (the peak is the last sample), so there is no decline to measure");
        var slope = LeastSquaresSlope(g.Points, peak, nadir);
        if (slope >= 0) return Undefined("glucose does not fall after its peak, so there is no decline to measure");
        var meanInsulin = i.Mean();
        if (meanInsulin <= 0) return Undefined("mean OGTT insulin must be positive");
        return Value(-slope / meanInsulin * 1000);
    }

    /// <summary>Why a curve of so few samples (or without 0 and 120) has no MISI; the usual counts' reasons made once, not per visit.</summary>
    private static string TooFew(int samples) =>
        $"MISI needs a curve: at least {MinimumSamples} glucose samples within 0–120 min including 0 and 120 (this OGTT has {samples}); " +
        "with fewer, the 'slope' would only select people whose 2-h glucose fell below fasting";

    private static readonly string[] TooFewSamples = [.. Enumerable.Range(0, 8).Select(TooFew)];

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
