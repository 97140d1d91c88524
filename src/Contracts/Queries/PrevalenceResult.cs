namespace Cohort.Contracts.Queries;

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.PrevalenceResult")]
public sealed record PrevalenceResult(
    [property: Id(0)] string Condition,
    [property: Id(1)] string Visit,
    [property: Id(2)] string StrataBy,
    [property: Id(3)] string Method,
    [property: Id(4)] string Standard,
    [property: Id(5)] PrevalenceEstimate Total,
    [property: Id(6)] IReadOnlyList<PrevalenceEstimate> Strata,
    [property: Id(7)] long? Undetermined,
    [property: Id(8)] long? WithoutVisit,
    [property: Id(9)] Provenance Provenance)
{
    /// <summary>
    /// The survey weight behind the weighted estimates: "examination" (survey_weight), "fasting subsample" (survey_weight_fasting, for a
    /// condition that rests on a fasting analyte when the cohort has such weights), or "none".
    /// </summary>
    [Id(10)] public string Weight { get; init; } = "none";

    /// <summary>"exact" (epidemiologists) or how the counts were perturbed (the cell key method, for anonymous and analyst views).</summary>
    [Id(11)] public string Disclosure { get; init; } = "exact";
}
