
namespace Cohort.Contracts.Access;

/// <summary>Who a credential belongs to and what they may do.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Access.Principal")]
public sealed record Principal(
    [property: Id(0)] string Name,
    [property: Id(1)] Role[] Roles,
    [property: Id(2)] bool MustChangePassword);
