namespace Cohort.Contracts.Queries;

/// <summary>
/// One shard's participant-level rows for an export, one per participant and visit, column by column: ids, visit number and day
/// (days since 0001-01-01), demographics (text dictionary-encoded in <see cref="Dictionary"/>), category and phase ordinals, phenotype
/// ordinal with the participant's cluster number (0 = none), distance to its centroid and margin to the second-nearest, and every
/// metric (MetricCatalogue order; NaN when missing).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.ExportChunk")]
public sealed record ExportChunk
{
    [Id(0)] public required string[] ParticipantId { get; init; }
    [Id(1)] public required short[] Visit { get; init; }
    [Id(2)] public required int[] Day { get; init; }
    [Id(3)] public required byte[] Sex { get; init; }
    [Id(4)] public required short[] BirthYear { get; init; }
    [Id(5)] public required string[] Ethnicity { get; init; }
    [Id(6)] public required string[] Site { get; init; }
    [Id(7)] public required float[] SurveyWeight { get; init; }
    [Id(8)] public required byte[] Category { get; init; }
    [Id(9)] public required byte[] Phase { get; init; }
    [Id(10)] public required byte[] Phenotype { get; init; }
    [Id(11)] public required float[][] Metrics { get; init; }
    [Id(12)] public byte[]? PhenotypeCluster { get; init; }
    [Id(13)] public float[]? PhenotypeDistance { get; init; }
    [Id(14)] public float[]? PhenotypeMargin { get; init; }
    [Id(15)] public ushort[]? Flags { get; init; }
    /// <summary>The metric position of each column of <see cref="Metrics"/> (null: positions 0, 1, 2, … as in earlier versions).</summary>
    [Id(16)] public int[]? MetricPositions { get; init; }
    /// <summary>
    /// Mixtures: each row's membership probability for every cluster of the model, row-major (<see cref="Count"/> × k; zeros when the
    /// participant is not assigned); null for k-means.
    /// </summary>
    [Id(17)] public float[]? PhenotypeProbabilities { get; init; }
    /// <summary>Each row's OGTT glucose curve shape (Cohort.Domain.Glycaemia.CurveShape ordinal, 0 unknown).</summary>
    [Id(18)] public byte[]? CurveShape { get; init; }
    /// <summary>Each row's HIRI/MISI tertile phenotype under the current model (Cohort.Domain.Phenotypes.TissueRulePhenotype ordinal).</summary>
    [Id(19)] public byte[]? TissueRule { get; init; }
    /// <summary>The version of the phenotype model the shard assigned these rows with (0: none).</summary>
    [Id(20)] public int PhenotypeModelVersion { get; init; }

    public int Count => ParticipantId.Length;
}
