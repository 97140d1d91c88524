namespace Cohort.Domain.Phenotypes;

/// <summary>
/// The predominant pattern of insulin resistance: which tissue fails most (liver, muscle, adipose), several at once (mixed), or none
/// (insulin-sensitive). A pattern with a distance to its centre, never a diagnosis.
/// </summary>
public enum Phenotype { Unclassified, InsulinSensitive, HepaticDominant, MuscleDominant, AdiposeDominant, Mixed }

public static class PhenotypeNames
{
    public static string Code(this Phenotype p) => p switch
    {
        Phenotype.InsulinSensitive => "insulin-sensitive",
        Phenotype.HepaticDominant => "hepatic-dominant",
        Phenotype.MuscleDominant => "muscle-dominant",
        Phenotype.AdiposeDominant => "adipose-dominant",
        Phenotype.Mixed => "mixed",
        _ => "unclassified",
    };

    public static bool TryParse(string? code, out Phenotype phenotype)
    {
        foreach (var p in Enum.GetValues<Phenotype>())
        {
            if (string.Equals(p.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase)) { phenotype = p; return true; }
        }
        phenotype = Phenotype.Unclassified;
        return false;
    }
}
