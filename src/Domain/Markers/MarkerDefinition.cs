using Cohort.Domain.Units;

namespace Cohort.Domain.Markers;

/// <summary>What Cohort knows about one marker: its code, canonical SI unit, accepted units, LOINC codes and plausibility limits.</summary>
public sealed record MarkerDefinition(
    Marker Marker,
    string Code,
    string Name,
    Unit CanonicalUnit,
    IReadOnlyList<Unit> AcceptedUnits,
    IReadOnlyList<LoincCode> Loinc,
    PlausibilityLimits Limits,
    IReadOnlyList<UnitErrorSignature> UnitErrorSignatures,
    bool Skewed)
{
    public bool Accepts(Unit unit) => AcceptedUnits.Contains(unit);

    /// <summary>A yes/no indicator (value 1 or 0, unit "1"): a treatment recorded with the visit, not a measurement with a distribution.</summary>
    public bool Indicator { get; init; }

    /// <summary>A marker whose value depends on fasting (glucose, insulin, triglycerides, NEFA): the visit uses a fasting sample only.</summary>
    public bool FastingSensitive { get; init; }
}
