using Cohort.Domain.Markers;

namespace Cohort.Domain.Visits;

/// <summary>BMI from weight and height: derived when the visit reports none, checked when it reports one.</summary>
public static class BodySize
{
    /// <summary>A reported BMI further than this from weight / height² (kg/m²) is flagged; rounding height to 1 cm moves BMI by &lt; 0.3.</summary>
    public const double MismatchTolerance = 1.0;

    /// <summary>weight (kg) / (height (cm) / 100)².</summary>
    public static double Bmi(double weightKg, double heightCm) => weightKg / (heightCm / 100 * (heightCm / 100));

    /// <summary>Fills a missing BMI in <paramref name="values"/> (indexed by <see cref="Marker"/>) and says what it did.</summary>
    public static VisitFlags Complete(double[] values)
    {
        double w = values[(int)Marker.Weight], h = values[(int)Marker.Height], bmi = values[(int)Marker.Bmi];
        if (double.IsNaN(w) || double.IsNaN(h) || h <= 0) return VisitFlags.None;
        var derived = Bmi(w, h);
        if (double.IsNaN(bmi)) { values[(int)Marker.Bmi] = derived; return VisitFlags.BmiDerived; }
        return Math.Abs(bmi - derived) > MismatchTolerance ? VisitFlags.BmiMismatch : VisitFlags.None;
    }
}
