namespace Cohort.Domain.Indices;

/// <summary>
/// What an index is: its code, the unit of its value, the units its formula takes, the variant implemented and the primary citation.
/// <see cref="Skewed"/> says the index is right-skewed in populations (log bins, log transform before clustering).
/// </summary>
public sealed record IndexDefinition(
    IndexId Id,
    string Code,
    string Name,
    string Unit,
    string InputUnits,
    string Variant,
    string Citation,
    bool Skewed);
