using Cohort.Domain.Indices;
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
