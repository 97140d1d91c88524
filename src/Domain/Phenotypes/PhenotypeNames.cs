namespace Cohort.Domain.Phenotypes;

public static class PhenotypeNames
{
    public static string Code(this Phenotype p) => p switch
    {
        Phenotype.NoRaisedTissueScore => "no-raised-tissue-score",
        Phenotype.HepaticDominant => "hepatic-dominant",
        Phenotype.MuscleDominant => "muscle-dominant",
        Phenotype.AdiposeDominant => "adipose-dominant",
        Phenotype.Mixed => "mixed",
        >= Phenotype.Cluster1 and <= Phenotype.Cluster12 => $"cluster-{p - Phenotype.Cluster1 + 1}",
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
