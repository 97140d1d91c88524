namespace Cohort.Domain.Survey;

/// <summary>
/// Taylor-series linearisation for a stratified design whose first-stage units are taken as sampled with replacement (as R's
/// <c>survey</c> package and NCHS analyse NHANES): v = Σ_h n_h/(n_h − 1) Σ_i (u_hi − ū_h)², where u_hi is PSU i's total of the
/// linearised variable and n_h the PSUs of stratum h. Degrees of freedom are the PSUs less the strata, counting only PSUs that hold a
/// unit of the domain and strata that hold such a PSU (NCHS's rule). A stratum with a single PSU cannot estimate its variance: it
/// adds none (a "certainty" stratum) and is named, so a reader sees the variance is understated.
/// </summary>
public static class TaylorLinearisation
{
    public static DesignVariance Variance(IEnumerable<PsuScore> scores)
    {
        double v = 0;
        int psus = 0, strata = 0;
        var single = new List<string>();
        foreach (var stratum in scores.GroupBy(s => s.Stratum, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var byPsu = stratum.GroupBy(s => s.Psu, StringComparer.Ordinal)
                .Select(g => (U: g.Sum(s => s.U), Units: g.Sum(s => s.Units))).ToArray();
            var withDomain = byPsu.Count(p => p.Units > 0);
            psus += withDomain;
            if (withDomain > 0) strata++;
            if (byPsu.Length < 2)
            {
                if (withDomain > 0) single.Add(stratum.Key);
                continue;
            }
            var mean = byPsu.Average(p => p.U);
            v += byPsu.Length / (byPsu.Length - 1.0) * byPsu.Sum(p => (p.U - mean) * (p.U - mean));
        }
        return new DesignVariance(v, psus - strata, single);
    }
}
