using Cohort.Contracts.Ingest;

namespace Cohort.Grains.Ingest;

[GenerateSerializer]
[Alias("Cohort.Grains.Ingest.QuarantineState")]
public sealed class QuarantineState
{
    [Id(0)] public List<QuarantinedRow> Rows { get; set; } = [];
}
