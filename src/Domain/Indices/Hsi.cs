using Cohort.Domain.Units;

namespace Cohort.Domain.Indices;

/// <summary>Hepatic steatosis index = 8 × ALT/AST + BMI (+2 if female, +2 if diabetes); below 30 rules out and above 36 rules in.</summary>
public sealed class Hsi : DerivedIndex
{
    public override IndexDefinition Definition { get; } = new(IndexId.Hsi, "hsi", "Hepatic steatosis index (HSI)", "score",
        "ALT U/L; AST U/L; BMI kg/m²; sex; diabetes status of the visit", "8 × ALT/AST + BMI + 2 (female) + 2 (diabetes)",
        "Lee JH et al. Dig Liver Dis 2010;42:503-508", Skewed: false);

    public override IndexResult Compute(VisitMeasurements v, ConversionFactors f)
    {
        if (Missing(("ALT", v.Alt), ("AST", v.Ast), ("BMI", v.Bmi)) is { } why) return Undefined(why);
        if (SexRequired(v.Sex) is { } sex) return Undefined(sex);
        if (v.Diabetes is not { } diabetes) return Undefined("diabetes status of the visit unknown");
        return Value(8 * v.Alt!.Value / v.Ast!.Value + v.Bmi!.Value + (v.Sex == Sex.Female ? 2 : 0) + (diabetes ? 2 : 0));
    }
}
