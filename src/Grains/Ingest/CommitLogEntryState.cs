using Cohort.Contracts.Ingest;

namespace Cohort.Grains.Ingest;

[GenerateSerializer]
[Alias("Cohort.Grains.Ingest.CommitLogEntryState")]
public sealed class CommitLogEntryState
{
    [Id(0)] public RunCommit? Entry { get; set; }
}
