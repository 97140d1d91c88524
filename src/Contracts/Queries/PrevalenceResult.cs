namespace Cohort.Contracts.Queries;

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.PrevalenceResult")]
public sealed record PrevalenceResult
{
    [Id(0)] public required string Condition { get; init; }
    [Id(1)] public required string Visit { get; init; }
    [Id(2)] public required string StrataBy { get; init; }
    [Id(3)] public required string Method { get; init; }
    [Id(4)] public required string Standard { get; init; }
    [Id(5)] public required PrevalenceEstimate Total { get; init; }
    [Id(6)] public required IReadOnlyList<PrevalenceEstimate> Strata { get; init; }
    [Id(7)] public required long? Undetermined { get; init; }
    [Id(8)] public required long? WithoutVisit { get; init; }
    [Id(9)] public required Provenance Provenance { get; init; }

    /// <summary>
    /// The survey weight behind the weighted estimates: "examination" (survey_weight), "fasting subsample" (survey_weight_fasting, for a
    /// condition that rests on a fasting analyte when the cohort has such weights), or "none".
    /// </summary>
    [Id(10)] public string Weight { get; init; } = "none";

    /// <summary>"exact" (epidemiologists) or how the counts were perturbed (the cell key method, for anonymous and analyst views).</summary>
    [Id(11)] public string Disclosure { get; init; } = "exact";
}
