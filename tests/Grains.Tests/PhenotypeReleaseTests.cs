using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;
using Cohort.Grains.Phenotypes;

namespace Cohort.Grains.Tests;

/// <summary>
/// What an analyst may read of a mixture model (the /phenotypes page, GET /api/phenotypes and `cohort phenotypes show` share one
/// release): small uncertain counts and those whose complement is small are withheld, training totals too, a criterion that could not
/// be computed is null rather than NaN (which JSON cannot carry), and the smallest-cluster share is in whole per cent.
/// </summary>
public sealed class PhenotypeReleaseTests
{
    private static PhenotypeModel Model(int k, long[] training) => new()
    {
        Version = 1, FittedAt = DateTimeOffset.UnixEpoch, DataVersion = "run-1", Visit = VisitChoice.FirstOgtt,
        Features = [new("glucose", "none", false, 1, ""), new("insulin", "none", true, 1, "")], Dropped = [],
        Means = [new float[2], new float[2], new float[2]], Sds = [[1, 1], [1, 1], [1, 1]],
        Clusters = Enumerable.Range(0, k).Select(c => new PhenotypeCluster
        {
            Number = c + 1, Label = $"cluster-{c + 1}", Phenotype = (byte)(6 + c), Centroid = [c, c], Hepatic = double.NaN, Muscle = double.NaN,
            Adipose = double.NaN, Rationale = "", TrainingSize = training[c], Stability = c == 0 ? double.NaN : 0.8, Stable = c != 0, Weight = 1.0 / k,
            Covariance = [1, 0, 0, 1],
        }).ToArray(),
        Candidates = [], KReason = "", Silhouette = 0.1, Coverage = [0, training.Sum(), 0, 0], Seed = 1,
        Policy = new PhenotypePolicy(0.2, 1, 1, ""), FitSeconds = 1, TrainingParticipants = training.Sum(), AllocatedMegabytes = 1,
        Method = "gmm", Family = "VVV",
        MixtureCandidates =
        [
            new("VVV", 3, true, -100, -250, -260, 0.003, 0.8, 0.9, 0, true),
            new("EEE", 3, false, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0, false),
        ],
        Membership = new PhenotypeMembership(0.9, 0.8, Uncertain: 95, N: 100, UncertainBelow: 0.8),
        PooledAgreementWomen = double.NaN,
    };

    [Fact]
    public void Small_uncertain_counts_their_complements_and_NaN_criteria_are_not_released()
    {
        var model = Model(3, [40, 30, 30]);
        // Cluster 1: 120 assigned, 115 uncertain → 5 certain (small); cluster 2: 4 uncertain (small); cluster 3: 60 of 200.
        var assigned = new PhenotypeAssignmentCounts(1, [120, 100, 200], [0, 420, 0, 0]) { Uncertain = [115, 4, 60] };
        var view = PhenotypeRelease.Of(new PhenotypeModelView(model, true, assigned, 11), [1]);
        Assert.Null(view.Clusters[0].Uncertain);
        Assert.Null(view.Clusters[1].Uncertain);
        // Two cells of the uncertain column are hidden, so the third stays visible only if the table rule allows it; never a small one.
        Assert.All(view.Clusters, c => Assert.True(c.Uncertain is null or >= 11));
        // Training: 95 uncertain of 100 → 5 certain: the uncertain count is withheld.
        Assert.Null(view.Membership!.Uncertain);
        Assert.Equal(100, view.Membership.N);
        Assert.Null(view.Clusters[0].Stability);
        Assert.Null(view.PooledAgreementWomen);
        Assert.Null(view.MixtureCandidates[1].Bic);
        Assert.Equal("<1", view.MixtureCandidates[0].SmallestShare);
        // The whole view serialises (NaN would not).
        Assert.Contains("\"mixtureCandidates\"", System.Text.Json.JsonSerializer.Serialize(view, System.Text.Json.JsonSerializerOptions.Web));
    }

    [Fact]
    public void A_version_against_itself_does_not_give_a_withheld_cluster_away()
    {
        // A diagonal table: cluster 3 holds 5 participants. With the total and an exact ARI released, 5 = total − the rest.
        var c = new PhenotypeComparison(2, 2, 0.987654, 305, [200, 0, 0, 0, 100, 0, 0, 0, 5], 3, 3, 11);
        var view = PhenotypeRelease.Comparison(c);
        Assert.Null(view.Contingency[2][2]);
        Assert.Null(view.Participants);
        Assert.Equal(0.99, view.AdjustedRandIndex);
        // Nothing withheld: everything as computed.
        var full = PhenotypeRelease.Comparison(c with { Contingency = [200, 0, 0, 0, 100, 0, 0, 0, 50], Participants = 350 });
        Assert.Equal(350, full.Participants);
        Assert.Equal(0.987654, full.AdjustedRandIndex);
    }
}
