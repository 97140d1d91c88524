using Cohort.Domain.Indices;

namespace Cohort.Domain.Cutoffs;

/// <summary>
/// A published HOMA-IR cut-off with its provenance: the population it was derived in, its age range and sex, how it was derived,
/// the citation and how sure we are of the number. <see cref="Value"/> is null for a reference that proposes no threshold.
/// The conditions a visit must meet for the cut-off to apply (age, sex, outside the diabetes range when it was derived in people
/// without diabetes, a fasting-glucose ceiling, a BMI rule) are applied per visit by <see cref="Classify"/>; <see cref="Condition"/>
/// holds only what the platform cannot check (menopause, puberty, childhood obesity) and is shown as such.
/// </summary>
public sealed record HomaIrCutoff
{
    public required string Id { get; init; }
    public required double? Value { get; init; }
    public required string Index { get; init; }
    public required string Population { get; init; }
    public required string Region { get; init; }
    public required string AgeGroup { get; init; }
    public required double? AgeMin { get; init; }
    public required double? AgeMax { get; init; }
    public required Sex? Sex { get; init; }
    public required string Condition { get; init; }
    public required string Derivation { get; init; }
    public required string Citation { get; init; }
    public required string Status { get; init; }

    /// <summary>True when a value equal to the cut-off counts (≥); false when the source says "above" (&gt;).</summary>
    public bool Inclusive { get; init; } = true;

    /// <summary>True when derived in people without diabetes, false when people with diabetes were included, null when not stated.</summary>
    public bool? DerivedWithoutDiabetes { get; init; }

    /// <summary>A fasting-glucose ceiling (mg/dL) above which the source says HOMA-IR is not to be read (Japan Diabetes Society: 140).</summary>
    public double? FastingGlucoseMaxMgDl { get; init; }

    /// <summary>A decision rule that uses more than HOMA-IR.</summary>
    public CutoffRule Rule { get; init; } = CutoffRule.Threshold;

    /// <summary>
    /// Whether the cut-off applies to one visit and, if so, which side of it the visit falls. A visit that fails a condition is
    /// <see cref="CutoffOutcome.NotApplicable"/> and leaves numerator and denominator; one that lacks an input the rule needs
    /// (HOMA-IR, the age for an age range, BMI for Stern's rule) is <see cref="CutoffOutcome.Undetermined"/>.
    /// </summary>
    public CutoffOutcome Classify(in CutoffSubject s)
    {
        if (Value is not { } threshold) return CutoffOutcome.NotApplicable;
        if (Sex is { } own && s.Sex != own) return CutoffOutcome.NotApplicable;
        if (DerivedWithoutDiabetes == true && s.DiabetesRange) return CutoffOutcome.NotApplicable;
        if (AgeMin is not null || AgeMax is not null)
        {
            if (s.Age is not { } age) return CutoffOutcome.Undetermined;
            if (age < AgeMin || age > AgeMax) return CutoffOutcome.NotApplicable;
        }
        if (s.HomaIr is not { } homa) return CutoffOutcome.Undetermined;
        if (FastingGlucoseMaxMgDl is { } ceiling && !(s.FastingGlucoseMgDl <= ceiling))
            return s.FastingGlucoseMgDl is null ? CutoffOutcome.Undetermined : CutoffOutcome.NotApplicable;
        bool Over(double x, double t) => Inclusive ? x >= t : x > t;
        if (Rule == CutoffRule.Stern2005)
        {
            // Stern 2005: insulin resistant if BMI > 28.9, or HOMA-IR > 4.65, or BMI > 27.5 and HOMA-IR > 3.60.
            if (Over(homa, threshold)) return CutoffOutcome.AtOrAbove;
            if (s.Bmi is not { } bmi) return CutoffOutcome.Undetermined;
            return bmi > Stern.BmiAlone || (bmi > Stern.BmiWithHoma && homa > Stern.HomaWithBmi) ? CutoffOutcome.AtOrAbove : CutoffOutcome.Below;
        }
        return Over(homa, threshold) ? CutoffOutcome.AtOrAbove : CutoffOutcome.Below;
    }

    /// <summary>The conditions <see cref="Classify"/> applies, in words, for the reader of a prevalence table.</summary>
    public IReadOnlyList<string> AppliedConditions()
    {
        var applied = new List<string>();
        if (Rule == CutoffRule.Stern2005)
            applied.Add($"decision rule: HOMA-IR > {Value:0.00}, or BMI > {Stern.BmiAlone} kg/m², or BMI > {Stern.BmiWithHoma} kg/m² and HOMA-IR > {Stern.HomaWithBmi:0.00}");
        else if (Value is { } v) applied.Add($"HOMA-IR {(Inclusive ? "≥" : ">")} {v:0.###}");
        if (Sex is { } own) applied.Add(own == Indices.Sex.Female ? "women only" : "men only");
        if (AgeMin is { } lo && AgeMax is { } hi) applied.Add($"ages {lo:0}–{hi:0} at the visit");
        else if (AgeMin is { } from) applied.Add($"ages {from:0} and over at the visit");
        else if (AgeMax is { } to) applied.Add($"ages up to {to:0} at the visit");
        if (DerivedWithoutDiabetes == true) applied.Add("visits outside the diabetes range only (derived in people without diabetes)");
        if (FastingGlucoseMaxMgDl is { } c) applied.Add($"fasting glucose ≤ {c:0} mg/dL only");
        return applied;
    }

    /// <summary>What the source restricts that the platform cannot check, and what the source does not say.</summary>
    public IReadOnlyList<string> UncheckedConditions()
    {
        var notes = Condition.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(c => $"not checked: {c}").ToList();
        if (DerivedWithoutDiabetes is null) notes.Add("whether people with diabetes were in the derivation population is not stated; applied to every visit");
        return notes;
    }

    /// <summary>Whether the cut-off was derived in a population like the stratum described; reasons name each mismatch.</summary>
    public Applicability AppliesTo(double? ageFrom, double? ageTo, Sex? sex)
    {
        var reasons = new List<string>();
        if (ageFrom is { } lo && AgeMax is { } max && lo > max) reasons.Add($"derived in ages up to {max:0}, stratum starts at {lo:0}");
        if (ageTo is { } hi && AgeMin is { } min && hi < min) reasons.Add($"derived in ages from {min:0}, stratum ends at {hi:0}");
        if (Sex is { } own && sex is { } asked && asked != Indices.Sex.Unknown && own != asked)
            reasons.Add($"derived in {(own == Indices.Sex.Female ? "women" : "men")} only");
        if (reasons.Count > 0) return new(ApplicabilityVerdict.DoesNotApply, reasons);
        var partial = new List<string>();
        if (Sex is not null && sex is null or Indices.Sex.Unknown) partial.Add($"sex-specific ({(Sex == Indices.Sex.Female ? "women" : "men")}): counted in that sex only");
        if (AgeMin is null && AgeMax is null) partial.Add("age range of the derivation population not stated");
        else if (ageFrom is null || ageTo is null || (AgeMin is { } a && ageFrom < a) || (AgeMax is { } b && ageTo > b))
            partial.Add($"derived in ages {AgeGroup}; counted in those ages only");
        if (Condition.Length > 0) partial.Add($"derived under a condition the platform cannot check: {Condition}");
        return partial.Count > 0 ? new(ApplicabilityVerdict.Partly, partial) : new(ApplicabilityVerdict.Applies, []);
    }

    private static class Stern
    {
        public const double BmiAlone = 28.9, BmiWithHoma = 27.5, HomaWithBmi = 3.60;
    }
}
