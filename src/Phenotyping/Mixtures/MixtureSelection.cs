using System.Globalization;

namespace Cohort.Phenotyping.Mixtures;

/// <summary>
/// Chooses a mixture by a stated rule: the highest BIC among the fitted candidates whose smallest cluster holds at least
/// <see cref="SmallestShare"/> of the sample (a cluster of a few per cent is usually a tail or an outlier group, not a phenotype an
/// epidemiologist can act on; the 5 % convention is Cohort's, and the table shows every candidate so a reader can disagree). ICL, which
/// penalises overlapping clusters, is reported beside it: when ICL prefers fewer clusters, the clusters overlap. When no candidate
/// meets the size rule, the highest BIC is taken and the reason says so.
/// </summary>
public static class MixtureSelection
{
    public const double SmallestShare = 0.05;

    public static (MixtureCandidate Chosen, string Reason) Choose(IReadOnlyList<MixtureCandidate> candidates)
    {
        var fitted = candidates.Where(c => c.Fitted && c.K >= 2).ToArray();
        if (fitted.Length == 0) throw new Modelling.PhenotypeFitException("no mixture with two or more clusters could be fitted: every covariance became singular");
        var byIcl = fitted.MaxBy(c => c.Icl)!;
        var sized = fitted.Where(c => c.SmallestShare >= SmallestShare).ToArray();
        var range = $"{fitted.Min(c => c.K)}–{fitted.Max(c => c.K)}";
        string F(double x) => x.ToString("0.0", CultureInfo.InvariantCulture);
        var icl = byIcl is var b && b.Model == Best(sized.Length > 0 ? sized : fitted).Model && b.K == Best(sized.Length > 0 ? sized : fitted).K
            ? "ICL agrees"
            : $"ICL, which penalises overlap, prefers {byIcl.Name} ({F(byIcl.Icl)}): the clusters overlap";
        if (sized.Length > 0)
        {
            var chosen = Best(sized);
            return (chosen, $"{chosen.Name} ({chosen.Model.Describe()}): the highest BIC ({F(chosen.Bic)}) among {sized.Length} fitted mixtures with k in {range} " +
                $"whose smallest cluster holds at least {SmallestShare:P0} of the sample; {icl}");
        }
        var best = Best(fitted);
        return (best, $"{best.Name} ({best.Model.Describe()}): the highest BIC ({F(best.Bic)}); no mixture with k in {range} kept every cluster above " +
            $"{SmallestShare:P0} of the sample, so this one has a small cluster — read it as a tail, not a phenotype; {icl}");
    }

    private static MixtureCandidate Best(IEnumerable<MixtureCandidate> c) => c.MaxBy(x => x.Bic)!;
}
