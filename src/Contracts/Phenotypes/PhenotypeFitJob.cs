namespace Cohort.Contracts.Phenotypes;

/// <summary>
/// A phenotype fit started with <see cref="IPhenotypeModelGrain.StartFit"/>, as far as it has got: its state ("queued", "running",
/// "succeeded", "failed"), the stage (1 gathering features from the shards, 2 training, 3 storing the model and assigning everyone) with
/// the step within it in words and how many of its units are done, and at the end the new version or the reason it failed. Jobs live
/// in the models grain's memory for an hour after they finish; a silo restart forgets them (the models they stored stay).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeFitJob")]
public sealed record PhenotypeFitJob
{
    public const int Stages = 3;

    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string State { get; init; }
    [Id(2)] public required DateTimeOffset Started { get; init; }
    [Id(3)] public DateTimeOffset? Finished { get; init; }
    /// <summary>1–3 while running (0 while queued behind another fit).</summary>
    [Id(4)] public int Stage { get; init; }
    [Id(5)] public string Step { get; init; } = "waiting to start (after any fit already running)";
    [Id(6)] public int Done { get; init; }
    [Id(7)] public int Total { get; init; }
    /// <summary>The stored version, once succeeded.</summary>
    [Id(8)] public int? Version { get; init; }
    /// <summary>Why the data could not support a fit, once failed.</summary>
    [Id(9)] public string? Error { get; init; }

    public bool IsFinished => State is "succeeded" or "failed";

    /// <summary>The stage in words.</summary>
    public string StageName => Stage switch
    {
        1 => "gathering features",
        2 => "training",
        3 => "storing the model and assigning everyone",
        _ => "queued",
    };
}
