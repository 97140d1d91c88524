using Cohort.Domain.Indices;

namespace Cohort.Domain.Metrics;

/// <summary>
/// Which estimates rest on a fasting sample, and so take a survey's fasting-subsample weight rather than its examination weight
/// (NHANES: WTSAF2YR for fasting glucose, insulin and triglycerides and everything built on them; WTMEC2YR otherwise): fasting-
/// sensitive markers, the OGTT samples, every index but the hepatic steatosis index (ALT/AST and BMI), glycaemic categories and phases
/// (fasting glucose is one of their criteria), and phenotypes (their features are such indices).
/// </summary>
public static class FastingDependence
{
    public static bool RestsOnFastingSample(this Metric metric) => metric.Kind switch
    {
        MetricKind.OgttSample => true,
        MetricKind.Index => metric.Index != IndexId.Hsi,
        _ => metric.FastingMarker,
    };
}
