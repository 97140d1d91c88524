using Cohort.Domain.Units;

namespace Cohort.Domain.Markers;

/// <summary>
/// What Cohort knows about one marker: its number and code, its canonical unit (a UCUM expression or a spelling Cohort knows), the
/// other spellings it accepts with their factors, LOINC terms, plausibility limits and where they come from.
/// </summary>
public sealed record MarkerDefinition(
    Marker Marker,
    string Code,
    string Name,
    string CanonicalUnit,
    IReadOnlyList<UnitFactor> Units,
    IReadOnlyList<LoincCode> Loinc,
    PlausibilityLimits Limits,
    IReadOnlyList<UnitErrorSignature> UnitErrorSignatures,
    bool Skewed)
{
    /// <summary>Every spelling the marker accepts: the canonical unit first, then the others.</summary>
    public IEnumerable<string> AcceptedUnits => Units.Select(u => u.Spelling);

    public bool Accepts(string spelling) => Units.Any(u => UcumUnits.Key(u.Spelling) == UcumUnits.Key(spelling));

    /// <summary>A yes/no indicator (value 1 or 0, unit "1"): a treatment recorded with the visit, not a measurement with a distribution.</summary>
    public bool Indicator { get; init; }

    /// <summary>A marker whose value depends on fasting (glucose, insulin, triglycerides, NEFA): the visit uses a fasting sample only.</summary>
    public bool FastingSensitive { get; init; }

    /// <summary>Where the units, factors and limits come from.</summary>
    public string Citation { get; init; } = "";

    /// <summary>One of Cohort's own markers (from its data file), as opposed to one a study declared.</summary>
    public bool BuiltIn => (int)Marker < MarkerRegistry.FirstStudyId;
}
