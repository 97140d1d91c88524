namespace Cohort.Domain.Phenotypes;

/// <summary>
/// The predominant pattern of insulin resistance: which tissue fails most (liver, muscle, adipose), several at once (mixed), or none
/// raised (no raised tissue score). A pattern with a distance to its centre, never a diagnosis. "No raised tissue score" says what
/// the rule found, scores below the raised level relative to this cohort, and not that the people are insulin sensitive: in a
/// cohort where most are resistant, its members may be resistant too. (Its code was "insulin-sensitive" before; that spelling is
/// still read.)
/// </summary>
public enum Phenotype { Unclassified, NoRaisedTissueScore, HepaticDominant, MuscleDominant, AdiposeDominant, Mixed }

public static class PhenotypeNames
{
    public static string Code(this Phenotype p) => p switch
    {
        Phenotype.NoRaisedTissueScore => "no-raised-tissue-score",
        Phenotype.HepaticDominant => "hepatic-dominant",
        Phenotype.MuscleDominant => "muscle-dominant",
        Phenotype.AdiposeDominant => "adipose-dominant",
        Phenotype.Mixed => "mixed",
        _ => "unclassified",
    };

    public static bool TryParse(string? code, out Phenotype phenotype)
    {
        if (string.Equals(code?.Trim(), "insulin-sensitive", StringComparison.OrdinalIgnoreCase)) { phenotype = Phenotype.NoRaisedTissueScore; return true; }
        foreach (var p in Enum.GetValues<Phenotype>())
        {
            if (string.Equals(p.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase)) { phenotype = p; return true; }
        }
        phenotype = Phenotype.Unclassified;
        return false;
    }
}
