using Cohort.Contracts.Audit;

namespace Cohort.Grains.Audit;

[GenerateSerializer]
[Alias("Cohort.Grains.Audit.AuditLogState")]
public sealed class AuditLogState
{
    [Id(0)] public List<AuditRecord> Entries { get; set; } = [];
}
