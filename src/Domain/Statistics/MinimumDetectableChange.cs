using Cohort.Domain.Indices;

namespace Cohort.Domain.Statistics;

/// <summary>
/// The smallest within-person change between two visits that exceeds measurement noise with 95% confidence (Poon AK et al., ARIC,
/// JCEM 2018;103:2175-2181): HOMA-IR 2.3 and TG/HDL 1.4. ARIC reports lipids in mg/dL, so we read the TG/HDL figure as a mg/dL
/// ratio (our inference) and hold it in SI as 1.4 / 2.2904.
/// </summary>
public sealed record MinimumDetectableChange(IndexId Index, double Threshold, string Unit, string Source)
{
    public static IReadOnlyList<MinimumDetectableChange> All { get; } =
    [
        new(IndexId.HomaIr, 2.3, "HOMA1-IR units", "Poon AK et al. JCEM 2018;103:2175-2181 (within-person CV 30.4%)"),
        new(IndexId.TgHdl, TgHdl.FromMgDlRatio(1.4), "mmol/L ÷ mmol/L (1.4 as a mg/dL ratio)", "Poon AK et al. JCEM 2018;103:2175-2181 (within-person CV 23.0%)"),
    ];

    public static MinimumDetectableChange? For(IndexId index) => All.FirstOrDefault(m => m.Index == index);

    /// <summary>True when the change from <paramref name="before"/> to <paramref name="after"/> is larger than the noise.</summary>
    public bool IsRealChange(double before, double after) => Math.Abs(after - before) > Threshold;
}
