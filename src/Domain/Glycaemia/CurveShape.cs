namespace Cohort.Domain.Glycaemia;

/// <summary>
/// The shape of a visit's OGTT glucose curve (Tschritter et al., Diabetes Care 2003;26:1026): monophasic (one peak, then a fall),
/// biphasic (a fall followed by a second rise), incessant increase (still rising at 120 min), or unclassified (none of these: a curve
/// that flattens without falling by the threshold). <see cref="Unknown"/>: the visit lacks one of the five samples at 0, 30, 60, 90 and
/// 120 minutes the classification needs.
/// </summary>
public enum CurveShape : byte
{
    Unknown = 0,
    Monophasic,
    Biphasic,
    IncessantIncrease,
    Unclassified,
}

public static class CurveShapes
{
    /// <summary>A fall or rise counts when it is more than 4.5 mg/dL (0.25 mmol/L), Tschritter's threshold for a second rise.</summary>
    public const double DeltaMmolPerLitre = 4.5 / Units.ConversionFactors.GlucoseMolarMass;

    public static readonly int[] Minutes = [0, 30, 60, 90, 120];

    public static string Code(this CurveShape s) => s switch
    {
        CurveShape.Monophasic => "monophasic",
        CurveShape.Biphasic => "biphasic",
        CurveShape.IncessantIncrease => "incessant-increase",
        CurveShape.Unclassified => "unclassified",
        _ => "unknown",
    };

    public static bool TryParse(string? code, out CurveShape shape)
    {
        foreach (var s in Enum.GetValues<CurveShape>())
            if (string.Equals(s.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase)) { shape = s; return true; }
        shape = CurveShape.Unknown;
        return false;
    }

    /// <summary>
    /// Classifies glucose at 0, 30, 60, 90 and 120 minutes (mmol/L; later samples of a 3-hour test are not used), by Cohort's
    /// operationalisation of Tschritter's classes (δ = 4.5 mg/dL): biphasic when, after minute 0, some sample falls by more than δ below an
    /// earlier one and a later sample rises by more than δ above it again; otherwise incessant increase when the highest sample after
    /// minute 0 is the 120-minute one; otherwise monophasic when the 120-minute sample is more than δ below that highest; otherwise
    /// unclassified.
    /// </summary>
    public static CurveShape Classify(Indices.OgttCurve? glucose)
    {
        if (glucose is null) return CurveShape.Unknown;
        Span<double> g = stackalloc double[Minutes.Length];
        for (var i = 0; i < Minutes.Length; i++)
        {
            if (glucose.At(Minutes[i]) is not { } v) return CurveShape.Unknown;
            g[i] = v;
        }
        return Classify(g);
    }

    /// <summary>The classification of five glucose values (mmol/L) at 0, 30, 60, 90 and 120 minutes.</summary>
    public static CurveShape Classify(ReadOnlySpan<double> g)
    {
        if (g.Length != Minutes.Length) throw new ArgumentException("five glucose values, at 0, 30, 60, 90 and 120 minutes");
        // Comparisons carry a small tolerance so that a value converted from mg/dL exactly at the threshold is not counted as past it.
        const double eps = 1e-9;
        for (var a = 1; a < g.Length; a++)
            for (var b = a + 1; b < g.Length; b++)
                for (var c = b + 1; c < g.Length; c++)
                    if (g[b] < g[a] - DeltaMmolPerLitre - eps && g[c] > g[b] + DeltaMmolPerLitre + eps) return CurveShape.Biphasic;
        var peak = 1;
        for (var i = 2; i < g.Length; i++) if (g[i] > g[peak]) peak = i;
        if (peak == g.Length - 1) return CurveShape.IncessantIncrease;
        return g[^1] < g[peak] - DeltaMmolPerLitre - eps ? CurveShape.Monophasic : CurveShape.Unclassified;
    }
}
