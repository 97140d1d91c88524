using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;
using Cohort.Domain.Caveats;
using Cohort.Domain.Disclosure;
using Cohort.Domain.Phenotypes;
using Cohort.Grains.Queries;

namespace Cohort.Grains.Phenotypes;

/// <summary>
/// What a phenotype model releases to anyone who may read aggregates: cluster sizes, coverage, membership and rule-table counts with
/// small cells (and those that would give them away) withheld, centroids of small clusters withheld. The release grain serves it to
/// the dashboard and the CLI alike, so both show the same numbers.
/// </summary>
public static class PhenotypeRelease
{
    public static IReadOnlyList<CaveatView> Caveats { get; } =
        CaveatViews.Of(CaveatCatalogue.For("phenotype"));

    public static string Reading(double silhouette) => silhouette switch
    {
        > 0.70 => "strong structure",
        > 0.50 => "reasonable structure",
        > 0.25 => "weak structure",
        _ => "no substantial structure: the clusters are regions of a continuum",
    };

    private static long?[] Released(IReadOnlyList<long> counts, int threshold)
    {
        var hidden = SmallCellSuppression.Line(counts, threshold);
        return counts.Select((c, i) => hidden[i] ? null : (long?)c).ToArray();
    }

    private static PhenotypeCoverageView Coverage(IReadOnlyList<long> c, int threshold)
    {
        var r = Released(c, threshold);
        return new PhenotypeCoverageView(r[1], r[2], r[3], r[0]);
    }

    public static PhenotypesView Of(PhenotypeModelView view, IReadOnlyList<int> versions)
    {
        var threshold = view.SuppressionThreshold;
        var m = view.Model;
        var training = Released(m.Clusters.Select(c => c.TrainingSize).ToArray(), threshold);
        var assigned = view.Assigned is { } a ? Released(a.PerCluster, threshold) : null;
        var uncertain = view.Assigned?.Uncertain is { } u ? Uncertain(u, view.Assigned.PerCluster, threshold) : null;
        var clusters = m.Clusters.Select((c, i) => new PhenotypeClusterView
        {
            Number = c.Number,
            Label = c.Label,
            Assigned = assigned?[i],
            TrainingSize = training[i],
            Stability = Finite(c.Stability),
            Stable = c.Stable,
            Hepatic = double.IsNaN(c.Hepatic) ? null : c.Hepatic,
            Muscle = double.IsNaN(c.Muscle) ? null : c.Muscle,
            Adipose = double.IsNaN(c.Adipose) ? null : c.Adipose,
            Centroid = training[i] is null ? null : c.Centroid.Select(x => Math.Round((double)x, 3)).ToArray(),
            Rationale = c.Rationale,
            Sex = SexName(c.Sex),
            Uncertain = uncertain?[i],
        }).ToArray();
        return new PhenotypesView
        {
            Version = m.Version,
            Current = view.Current,
            FittedAt = m.FittedAt,
            DataVersion = m.DataVersion,
            Visit = m.Visit.Label,
            Seed = m.Seed,
            K = m.K,
            KReason = m.KReason,
            Silhouette = m.Silhouette,
            SilhouetteReading = Reading(m.Silhouette),
            Features = m.Features,
            Preset = m.Preset is { Length: > 0 } preset ? preset : "tissue",
            TrainedOn = m.TrainedOn is { Length: > 0 } trainedOn ? trainedOn : "participants whose feature visit is outside the diabetes range",
            TissueLabelled = m.TissueLabelled,
            Dropped = m.Dropped,
            Policy = m.Policy.Description,
            CoverageAtFit = Coverage(m.Coverage, threshold),
            CoverageNow = view.Assigned is { } now ? Coverage(now.Coverage, threshold) : null,
            Candidates = m.Candidates.Select(c => new PhenotypeCandidateView(c.K, c.Silhouette, c.Jaccard.Min(), c.AllStable, c.Jaccard) { Sex = SexName(c.Sex) }).ToArray(),
            Clusters = clusters,
            FitSeconds = m.FitSeconds,
            TrainingParticipants = SmallCellSuppression.IsSmall(m.TrainingParticipants, threshold) ? null : m.TrainingParticipants,
            Versions = versions,
            Caveats = Caveats,
            SuppressionThreshold = threshold,
            Method = MethodName(m),
            IsMixture = m.IsMixture,
            BySex = m.BySex,
            PooledAgreementWomen = Finite(m.PooledAgreementWomen),
            PooledAgreementMen = Finite(m.PooledAgreementMen),
            Membership = m.Membership is { } ms ? Membership(ms, threshold) : null,
            UncertainNow = view.Assigned?.Uncertain is { } un && !SmallCellSuppression.IsSmall(un.Sum(), threshold)
                && !SmallCellSuppression.IsSmall(view.Assigned.PerCluster.Sum() - un.Sum(), threshold) ? un.Sum() : null,
            MixtureCandidates = m.MixtureCandidates.Select(c => new PhenotypeMixtureCandidateView(SexName(c.Sex), c.Family, c.K, c.Fitted, Finite(c.Bic), Finite(c.Icl),
                !c.Fitted || double.IsNaN(c.SmallestShare) ? "—" : c.SmallestShare < 0.01 ? "<1" : Math.Round(c.SmallestShare * 100).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Finite(c.Entropy), c.Chosen)).ToArray(),
            // The gap statistic's sample is everyone who trained when they are fewer than its cap: rounded, it cannot give a sex's
            // exact total (and with it a withheld cluster) away.
            Continuum = m.Continuum.Select(c => c with { Points = Coarse(c.Points) }).ToArray(),
            Transfer = m.Transfer is { } tr
                ? new PhenotypeTransferView(tr.Source, tr.SourceDataVersion, tr.SourceModelVersion, Finite(tr.RefitAri),
                    SmallCellSuppression.IsSmall(tr.Participants, threshold) ? null : tr.Participants, tr.RefitSummary)
                : null,
            RuleTable = view.Assigned?.RuleByCluster is { } rules && m.TissueRule is { } rule ? RuleTable(rules, m, view.RuleAgreement, rule, threshold) : null,
        };
    }

    /// <summary>"k-means" or "Gaussian mixture (VVV)".</summary>
    public static string MethodName(PhenotypeModel m) => m.IsMixture ? $"Gaussian mixture ({m.Family})" : "k-means";

    private static double? Finite(double? x) => x is { } v && double.IsFinite(v) ? v : null;

    private static string SexName(byte sex) => sex switch { 1 => "women", 2 => "men", _ => "all" };

    /// <summary>Training membership as released: the uncertain count only when it and its complement are not small.</summary>
    private static PhenotypeMembershipView Membership(PhenotypeMembership m, int threshold) => new(m.MeanTopProbability, m.Entropy,
        SmallCellSuppression.IsSmall(m.Uncertain, threshold) || SmallCellSuppression.IsSmall(m.N - m.Uncertain, threshold) ? null : m.Uncertain,
        SmallCellSuppression.IsSmall(m.N, threshold) ? null : m.N, m.UncertainBelow);

    /// <summary>
    /// Per-cluster uncertain counts as released: (uncertain, certain) × clusters is one table whose row totals (the assigned counts)
    /// are released, so it is suppressed as a table — an uncertain count is withheld when it or the certain count beside it is small,
    /// or when withholding another cell would otherwise let it be worked out.
    /// </summary>
    private static long?[] Uncertain(long[] uncertain, long[] assigned, int threshold)
    {
        var cells = new long[uncertain.Length * 2];
        for (var c = 0; c < uncertain.Length; c++) (cells[c * 2], cells[c * 2 + 1]) = (uncertain[c], assigned[c] - uncertain[c]);
        var hidden = SmallCellSuppression.Table(cells, uncertain.Length, 2, threshold);
        return uncertain.Select((u, c) => hidden[c * 2] || hidden[c * 2 + 1] ? null : (long?)u).ToArray();
    }

    private static readonly string[] RuleColumns = [.. Enum.GetValues<TissueRulePhenotype>().Skip(1).Select(r => r.Code()), "undetermined"];

    private static PhenotypeRuleTableView RuleTable(long[] byCluster, PhenotypeModel m, double? ari, PhenotypeTissueRule rule, int threshold)
    {
        // Columns in the order no IR, muscle, liver, combined, undetermined (the stored order puts undetermined first).
        var cells = new long[m.K * 5];
        for (var c = 0; c < m.K; c++) for (var r = 0; r < 5; r++) cells[c * 5 + r] = byCluster[c * 5 + (r + 1) % 5];
        var hidden = SmallCellSuppression.Table(cells, m.K, 5, threshold);
        var rows = Enumerable.Range(0, m.K).Select(c => new PhenotypeRuleTableRow($"{c + 1} {m.Clusters[c].Label}",
            Enumerable.Range(0, 5).Select(r => hidden[c * 5 + r] ? null : (long?)cells[c * 5 + r]).ToArray())).ToArray();
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return new PhenotypeRuleTableView(RuleColumns, rows, Agreement(ari, hidden),
            $"liver IR: HIRI above {rule.HiriUpperTertile.ToString("G4", inv)} {rule.HiriUnit}; muscle IR: MISI below {rule.MisiLowerTertile.ToString("G4", inv)} {rule.MisiUnit} " +
            $"(tertiles of {(SmallCellSuppression.IsSmall(rule.N, threshold) ? $"fewer than {threshold}" : rule.N.ToString("N0", inv))} {rule.Population} with both indices)");
    }

    /// <summary>
    /// A comparison with its contingency table suppressed. When any cell is withheld the number of participants is too (with the
    /// released cells it would give the withheld ones, e.g. a version against itself is a diagonal table) and the ARI, computed from
    /// the whole table, is given to two decimals only.
    /// </summary>
    public static PhenotypeComparisonView Comparison(PhenotypeComparison c)
    {
        var threshold = c.SuppressionThreshold;
        var hidden = SmallCellSuppression.Table(c.Contingency, c.Rows, c.Columns, threshold);
        var anyHidden = hidden.Any(h => h);
        return new PhenotypeComparisonView(c.VersionA, c.VersionB, Agreement(double.IsNaN(c.AdjustedRandIndex) ? null : c.AdjustedRandIndex, hidden),
            anyHidden || SmallCellSuppression.IsSmall(c.Participants, threshold) ? null : c.Participants,
            Enumerable.Range(0, c.Rows).Select(r => (IReadOnlyList<long?>)Enumerable.Range(0, c.Columns)
                .Select(col => hidden[r * c.Columns + col] ? null : (long?)c.Contingency[r * c.Columns + col]).ToArray()).ToArray());
    }

    /// <summary>An ARI over a table with withheld cells, to two decimals: to more it could be solved for a withheld cell.</summary>
    private static double? Agreement(double? ari, bool[] hidden) => ari is { } a && hidden.Any(h => h) ? Math.Round(a, 2) : ari;

    /// <summary>A sample size below the gap statistic's cap, to the nearest hundred.</summary>
    private static int Coarse(int points) => points >= 1000 ? points : (int)Math.Round(points / 100.0) * 100;
}
