using Cohort.Contracts.Audit;

namespace Cohort.Grains.Audit;

/// <summary>
/// The log's own state: the segments it has opened, in order; and, in a store written before the log was segmented, the entries it
/// held itself, which stay where they are as the chain's first part. A segment stores its entries in the same shape.
/// </summary>
[GenerateSerializer]
[Alias("Cohort.Grains.Audit.AuditLogState")]
public sealed class AuditLogState
{
    [Id(0)] public List<AuditRecord> Entries { get; set; } = [];

    [Id(1)] public List<AuditSegmentInfo> Segments { get; set; } = [];
}

/// <summary>A segment of the log: its number (its grain's key), the sequence number of its first entry, and the UTC day it holds.</summary>
[GenerateSerializer]
[Alias("Cohort.Grains.Audit.AuditSegmentInfo")]
public sealed record AuditSegmentInfo([property: Id(0)] long Number, [property: Id(1)] long FirstSequence, [property: Id(2)] DateOnly Day);
