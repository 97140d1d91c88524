namespace Cohort.Domain.Statistics;

/// <summary>
/// The minimum detectable change of a log-normally varying marker, in relative terms (reference: MDC95 = 1.96·√2·SEM): on the log
/// scale σ = √ln(1 + CV²), a rise is real above exp(2.772·σ) − 1 and a fall below exp(−2.772·σ) − 1. Within-person CVs are Poon et
/// al.'s (ARIC, JCEM 2018;103:2175–2181: fasting glucose 5.6%, HOMA-IR 30.4%); HbA1c and 2-h glucose have no verified figure here and
/// are not used.
/// </summary>
public sealed record RelativeMinimumDetectableChange(string Metric, double WithinPersonCv, string Source)
{
    public static RelativeMinimumDetectableChange FastingGlucose { get; } = new("glucose", 0.056, "Poon AK et al. JCEM 2018;103:2175-2181");
    public static RelativeMinimumDetectableChange HomaIr { get; } = new("homa_ir", 0.304, "Poon AK et al. JCEM 2018;103:2175-2181");

    private double Sigma => Math.Sqrt(Math.Log(1 + WithinPersonCv * WithinPersonCv));

    /// <summary>The smallest real rise and fall as fractions (+0.168 and −0.144 for fasting glucose).</summary>
    public double Rise => Math.Exp(1.96 * Math.Sqrt(2) * Sigma) - 1;
    public double Fall => Math.Exp(-1.96 * Math.Sqrt(2) * Sigma) - 1;

    public bool IsRealRise(double before, double after) => before > 0 && after > 0 && after / before - 1 > Rise;
    public bool IsRealFall(double before, double after) => before > 0 && after > 0 && after / before - 1 < Fall;
}
