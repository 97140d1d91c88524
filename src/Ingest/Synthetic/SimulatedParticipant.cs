using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Phases;
using Cohort.Domain.Phenotypes;

namespace Cohort.Ingest.Synthetic;

/// <summary>One generated participant: demographics, the latent truth and the visits.</summary>
internal sealed class SimulatedParticipant
{
    public required long Index { get; init; }
    public required string Id { get; init; }
    public required Sex Sex { get; init; }
    public required int? BirthYear { get; init; }
    public required string Ethnicity { get; init; }
    public required string Site { get; init; }
    public required double SurveyWeight { get; init; }
    /// <summary>The survey design: a stratum per site and one of two primary sampling units in it (as NHANES masks its design).</summary>
    public string? SurveyStratum { get; init; }
    public string? SurveyPsu { get; init; }
    public required Phenotype Phenotype { get; init; }
    public required double HepaticScore { get; init; }
    public required double MuscleScore { get; init; }
    public required double AdiposeScore { get; init; }
    public required SimulatedVisit[] Visits { get; init; }
    /// <summary>What the participants file records: diagnosed (true), not (false) or unknown (null), and when.</summary>
    public bool? DiabetesDiagnosed { get; init; }
    public DateTime? DiagnosisDate { get; init; }
    /// <summary>Anaemic throughout: haemoglobin below the WHO threshold at every visit, and HbA1c reads high (iron deficiency).</summary>
    public bool Anaemic { get; init; }
}

/// <summary>How a visit's glucose, insulin, triglycerides and NEFA were sampled, as the record says.</summary>
internal enum SampleFasting { Fasting, NotFasting, Unknown }

/// <summary>The OGTT a visit had.</summary>
internal enum OgttProtocol { None, FivePoint, ThreeHour, ZeroAndTwoHours }

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
