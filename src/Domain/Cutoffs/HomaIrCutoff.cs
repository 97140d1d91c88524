using Cohort.Domain.Indices;

namespace Cohort.Domain.Cutoffs;

/// <summary>
/// A published HOMA-IR cut-off with its provenance: the population it was derived in, its age range and sex, how it was derived,
/// the citation and how sure we are of the number. <see cref="Value"/> is null for a reference that proposes no threshold.
/// </summary>
public sealed record HomaIrCutoff(
    string Id,
    double? Value,
    string Index,
    string Population,
    string Region,
    string AgeGroup,
    double? AgeMin,
    double? AgeMax,
    Sex? Sex,
    string Condition,
    string Derivation,
    string Citation,
    string Status)
{
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
        if (Sex is not null && sex is null or Indices.Sex.Unknown) partial.Add($"sex-specific ({(Sex == Indices.Sex.Female ? "women" : "men")})");
        if (AgeMin is null && AgeMax is null) partial.Add("age range of the derivation population not stated");
        else if (ageFrom is null || ageTo is null || (AgeMin is { } a && ageFrom < a) || (AgeMax is { } b && ageTo > b))
            partial.Add($"derived in ages {AgeGroup}; the stratum is wider");
        if (Condition.Length > 0) partial.Add($"derived under the condition: {Condition}");
        return partial.Count > 0 ? new(ApplicabilityVerdict.Partly, partial) : new(ApplicabilityVerdict.Applies, []);
    }
}

public enum ApplicabilityVerdict { Applies, Partly, DoesNotApply }

public sealed record Applicability(ApplicabilityVerdict Verdict, IReadOnlyList<string> Reasons);
