namespace Cohort.Domain.Units;

/// <summary>
/// The two conversion factors on which published conventions disagree, chosen by configuration and recorded with every result.
/// Glucose: mg/dL per mmol/L, 18.0 by default (the HOMA constant 405 = 22.5 × 18 assumes it); 18.016 is the molar-mass value.
/// Insulin: pmol/L per µU/mL, 6.00 by default (WHO International Standard); 6.945 is common in SI tables but reads about 14% low.
/// </summary>
public sealed record ConversionFactors
{
    public const double GlucoseConventional = 18.0;
    public const double GlucoseMolarMass = 18.016;
    public const double InsulinWhoStandard = 6.00;
    public const double InsulinAlternative = 6.945;

    public static ConversionFactors Default { get; } = new();

    public ConversionFactors(double glucoseMgDlPerMmolL = GlucoseConventional, double insulinPmolLPerMicroUnitMl = InsulinWhoStandard)
    {
        if (!double.IsFinite(glucoseMgDlPerMmolL) || glucoseMgDlPerMmolL < 17 || glucoseMgDlPerMmolL > 19)
            throw new ArgumentOutOfRangeException(nameof(glucoseMgDlPerMmolL), glucoseMgDlPerMmolL,
                $"glucose factor must be about 18 mg/dL per mmol/L ({GlucoseConventional} or {GlucoseMolarMass})");
        if (!double.IsFinite(insulinPmolLPerMicroUnitMl) || insulinPmolLPerMicroUnitMl < 5 || insulinPmolLPerMicroUnitMl > 8)
            throw new ArgumentOutOfRangeException(nameof(insulinPmolLPerMicroUnitMl), insulinPmolLPerMicroUnitMl,
                $"insulin factor must be about 6 pmol/L per µU/mL ({InsulinWhoStandard} or {InsulinAlternative})");
        Glucose = glucoseMgDlPerMmolL;
        Insulin = insulinPmolLPerMicroUnitMl;
    }

    /// <summary>Glucose mg/dL per mmol/L.</summary>
    public double Glucose { get; }

    /// <summary>Insulin pmol/L per µU/mL.</summary>
    public double Insulin { get; }

    /// <summary>Fixed factors that no convention disputes.</summary>
    public const double TriglycerideMgDlPerMmolL = 88.57;
    public const double CholesterolMgDlPerMmolL = 38.67;
    public const double UnitsPerLPerMicrokat = 60.0;
    public const double CentimetresPerInch = 2.54;
    public const double KilogramsPerPound = 0.45359237;
    /// <summary>IFCC/NGSP master equation: IFCC (mmol/mol) = (NGSP % − 2.15) × 10.929.</summary>
    public const double HbA1cSlope = 10.929;
    public const double HbA1cIntercept = 2.15;

    public override string ToString() => $"glucose {Glucose} mg/dL per mmol/L; insulin {Insulin} pmol/L per µU/mL";

    public double GlucoseToMgDl(double mmolL) => mmolL * Glucose;
    public double InsulinToMicroUnits(double pmolL) => pmolL / Insulin;
}
