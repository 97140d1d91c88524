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
