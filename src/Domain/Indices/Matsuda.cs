using Cohort.Domain.Units;

namespace Cohort.Domain.Indices;

/// <summary>
/// Matsuda ISI(comp) = 10 000 / √(G0 × I0 × Ḡ × Ī), glucose in mg/dL and insulin in µU/mL. Defined on the 0–120 min OGTT: samples
/// after 120 min (a 3-h test) are left out, so a 3-h OGTT gives the same value as its first two hours.
/// </summary>
public sealed class Matsuda(MatsudaMean mean) : DerivedIndex
{
    public override IndexDefinition Definition { get; } = mean == MatsudaMean.Arithmetic
        ? new(IndexId.Matsuda, "matsuda", "Matsuda ISI (arithmetic means)", "dimensionless",
            "OGTT glucose mg/dL; OGTT insulin µU/mL; samples at 0 and 120 min required; samples after 120 min ignored",
            "ISI(comp) with arithmetic means of the available samples", "Matsuda M, DeFronzo RA. Diabetes Care 1999;22:1462-1470", Skewed: true)
        : new(IndexId.MatsudaAuc, "matsuda_auc", "Matsuda ISI (AUC means)", "dimensionless",
            "OGTT glucose mg/dL; OGTT insulin µU/mL; samples at 0 and 120 min required; samples after 120 min ignored",
            "ISI(comp) with means taken as trapezoid AUC / duration", "DeFronzo RA, Matsuda M. Diabetes Care 2010;33:e93", Skewed: true);

    public override IndexResult Compute(VisitMeasurements v, ConversionFactors f)
    {
        if (Preconditions(v, endogenousInsulin: true) is { } unmet) return Undefined(unmet);
        if (v.GlucoseCurve?.Until(Window) is not { } g || v.InsulinCurve?.Until(Window) is not { } i) return Undefined("missing OGTT glucose or insulin curve");
        if (Missing(("glucose at 0 min", g.At(0)), ("glucose at 120 min", g.At(120)), ("insulin at 0 min", i.At(0)), ("insulin at 120 min", i.At(120))) is { } why)
            return Undefined(why);
        double gMean = MeanOf(g), iMean = MeanOf(i);
        var product = f.GlucoseToMgDl(g.At(0)!.Value) * f.InsulinToMicroUnits(i.At(0)!.Value) * f.GlucoseToMgDl(gMean) * f.InsulinToMicroUnits(iMean);
        return Value(10_000 / Math.Sqrt(product));
    }

    /// <summary>The last OGTT minute the index is defined on.</summary>
    public const int Window = 120;

    private double MeanOf(OgttCurve c) => mean == MatsudaMean.Arithmetic ? c.Mean() : c.TrapezoidArea() / (c.LastMinute - c.FirstMinute);
}
