using Cohort.Contracts.Ingest;

namespace Cohort.Grains.Ingest;

[GenerateSerializer]
[Alias("Cohort.Grains.Ingest.RunHistoryPageState")]
public sealed class RunHistoryPageState
{
    [Id(0)] public List<RunSummary> Runs { get; set; } = [];
}
