namespace Cohort.Contracts.Audit;

/// <summary>
/// Something worth recording: who, what, on which target, from where. When the call carries a verified actor (AccessContext: the
/// dashboard's signed-in user, a gateway client's checked credential) the log records that actor, whatever the event says.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Audit.AuditEvent")]
public sealed record AuditEvent(
    [property: Id(0)] string Actor,
    [property: Id(1)] string Action,
    [property: Id(2)] string Target,
    [property: Id(3)] string From,
    [property: Id(4)] string Detail);

/// <summary>A stored entry of the audit log, chained by hash (Cohort.Domain.Audit.AuditChain).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Audit.AuditRecord")]
public sealed record AuditRecord(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Action,
    [property: Id(4)] string Target,
    [property: Id(5)] string From,
    [property: Id(6)] string Detail,
    [property: Id(7)] string PreviousHash,
    [property: Id(8)] string Hash);

/// <summary>The result of verifying the whole chain: intact, or the first entry that does not fit and why.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Audit.AuditCheck")]
public sealed record AuditCheck(
    [property: Id(0)] bool Intact,
    [property: Id(1)] long Entries,
    [property: Id(2)] long? BrokenAt,
    [property: Id(3)] string? Reason);

/// <summary>Actions the audit log records.</summary>
public static class AuditActions
{
    public const string IngestRun = "ingest.run", ScheduleAdd = "schedule.add", ScheduleRemove = "schedule.remove",
        PhenotypeFit = "phenotypes.fit", ParticipantView = "participant.view", Export = "export",
        ExportShard = "export.shard";

}
