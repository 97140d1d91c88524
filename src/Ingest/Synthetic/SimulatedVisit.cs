using Cohort.Domain.Glycaemia;
using Cohort.Domain.Phases;

namespace Cohort.Ingest.Synthetic;

/// <summary>
/// One visit: the measured values in canonical units (NaN where not measured) and the truth, computed from the noise-free
/// physiology before measurement noise was added.
/// </summary>
internal sealed class SimulatedVisit
{
    public static readonly int[] OgttMinutes = [0, 30, 60, 90, 120];
    /// <summary>A 3-h OGTT: the five samples of the 2-h test, then 150 and 180 min.</summary>
    public static readonly int[] ThreeHourMinutes = [0, 30, 60, 90, 120, 150, 180];

    public OgttProtocol Ogtt { get; init; }
    public SampleFasting Fasting { get; init; }
    public bool GlucoseLoweringMedication { get; init; }
    public bool InsulinTreatment { get; init; }
    /// <summary>Diabetes diagnosed by this visit (so its medication is recorded).</summary>
    public bool Diagnosed { get; init; }
    /// <summary>Days after the labs that the body measurements (waist, weight, height, BMI) were taken; 0 the same day.</summary>
    public int BodyDelayDays { get; init; }

    public required int Number { get; init; }
    public required DateTime Date { get; init; }
    public required bool HasOgtt { get; init; }
    public required Phase TruePhase { get; init; }
    public required GlycaemicCategory TrueCategory { get; init; }
    public required double TrueHomaIr { get; init; }

    /// <summary>Glucose (mmol/L) at 0/30/60/90/120 (then 150/180) min; only [0] when there is no OGTT (not fasting when <see cref="Fasting"/> says so).</summary>
    public required double[] Glucose { get; init; }
    /// <summary>Insulin (pmol/L) at 0/30/60/90/120 min; only [0] (fasting) when there is no OGTT.</summary>
    public required double[] Insulin { get; init; }
    public double HbA1c { get; init; } = double.NaN;
    public double Triglycerides { get; init; } = double.NaN;
    public double Hdl { get; init; } = double.NaN;
    public double Alt { get; init; } = double.NaN;
    public double Ast { get; init; } = double.NaN;
    public double Ggt { get; init; } = double.NaN;
    public double Nefa { get; init; } = double.NaN;
    public double Waist { get; init; } = double.NaN;
    public double Bmi { get; init; } = double.NaN;
    public double Weight { get; init; } = double.NaN;
    public double Height { get; init; } = double.NaN;
    public double Hemoglobin { get; set; } = double.NaN;
}
