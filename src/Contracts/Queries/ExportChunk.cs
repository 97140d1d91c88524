namespace Cohort.Contracts.Queries;

/// <summary>
/// One shard's participant-level rows for an export, one per participant and visit, column by column: ids, visit number and day
/// (days since 0001-01-01), demographics (text dictionary-encoded in <see cref="Dictionary"/>), category and phase ordinals, phenotype
/// ordinal with the participant's cluster number (0 = none), distance to its centroid and margin to the second-nearest, and every
/// metric (MetricCatalogue order; NaN when missing).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.ExportChunk")]
public sealed record ExportChunk(
    [property: Id(0)] string[] ParticipantId,
    [property: Id(1)] short[] Visit,
    [property: Id(2)] int[] Day,
    [property: Id(3)] byte[] Sex,
    [property: Id(4)] short[] BirthYear,
    [property: Id(5)] string[] Ethnicity,
    [property: Id(6)] string[] Site,
    [property: Id(7)] float[] SurveyWeight,
    [property: Id(8)] byte[] Category,
    [property: Id(9)] byte[] Phase,
    [property: Id(10)] byte[] Phenotype,
    [property: Id(11)] float[][] Metrics,
    [property: Id(12)] byte[]? PhenotypeCluster = null,
    [property: Id(13)] float[]? PhenotypeDistance = null,
    [property: Id(14)] float[]? PhenotypeMargin = null,
    [property: Id(15)] ushort[]? Flags = null)
{
    public int Count => ParticipantId.Length;
}
