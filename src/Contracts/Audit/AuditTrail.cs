using Cohort.Contracts.Access;

namespace Cohort.Contracts.Audit;

/// <summary>
/// How every part of Cohort writes to the audit log: an event for the call's actor and origin (AccessContext), so grains, the export
/// and the user directory record who did what the same way.
/// </summary>
public static class AuditTrail
{
    /// <summary>Appends an event for the calling actor; <paramref name="from"/> overrides where the call came from.</summary>
    public static Task Audit(this IGrainFactory grains, string action, string target, string detail, string? from = null) =>
        grains.GetGrain<IAuditLogGrain>(0).Append(new AuditEvent(AccessContext.Actor, action, target, from ?? AccessContext.From, detail));

    /// <summary>
    /// Appends an event for a read of participant-level data made by a person (the dashboard's user or a gateway client); the silo's
    /// own reads (merges, scheduled work) are not people reading and are not recorded.
    /// </summary>
    public static Task AuditPersonRead(this IGrainFactory grains, string action, string target, string detail) =>
        AccessContext.Actor == AccessContext.SystemActor ? Task.CompletedTask : grains.Audit(action, target, detail);
}
