using Cohort.Domain.Access;

namespace Cohort.Grains.Access;

/// <summary>The silo's pseudonymiser (a singleton built from <see cref="PseudonymisationOptions"/>), or none.</summary>
public sealed record SiloPseudonymiser(Pseudonymiser? Pseudonymiser);
