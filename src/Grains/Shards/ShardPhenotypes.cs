using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Metrics;
using Cohort.Domain.Phenotypes;
using Cohort.Phenotyping.Features;
using Cohort.Phenotyping.Mixtures;
using Cohort.Phenotyping.Modelling;

namespace Cohort.Grains.Shards;

/// <summary>
/// The phenotype columns of a shard: feature rows for a fit, and assignment of participants with the stored model (nearest centroid
/// with the stored scaler and missing-feature policy, by Cohort.Phenotyping's assigner).
/// </summary>
internal sealed class ShardPhenotypes(ShardState state)
{
    private PhenotypeAssigner? _assigner;
    private int[] _positions = [];
    private int _assignerVersion = -1;

    /// <summary>The position of the age feature (not a metric: years from birth year to the visit).</summary>
    public const int AgePosition = -1;

    public static int[] Positions(PhenotypeModel model) => model.Positions ?? model.Features.Select(f => MetricCatalogue.PositionOf(f.Metric)).ToArray();

    /// <summary>A feature's raw value at a slot's visit <paramref name="k"/>: a metric, or the age at the visit (birth taken at mid-year).</summary>
    private float Value(int position, int slot, int k)
    {
        if (position != AgePosition) return state.ByVisit[k].Metric(position, slot);
        var born = state.BirthYear[slot];
        return born <= 0 ? float.NaN : (float)((state.ByVisit[k].Day[slot] - new DateOnly(born, 7, 1).DayNumber) / 365.25);
    }

    public static PhenotypeAssigner AssignerOf(PhenotypeModel model)
    {
        var features = model.Features.Select(f => new PhenotypeFeature(f.Metric, Enum.Parse<Tissue>(f.Tissue, ignoreCase: true), f.Log, f.Orientation, f.Why)).ToArray();
        var policy = new MissingFeaturePolicy(model.Policy.DropFeatureAbove, model.Policy.MinimumPerTissue, model.Policy.MaximumMissing);
        var mixture = model.IsMixture
            ? new GaussianMixture(CovarianceModels.TryParse(model.Family.Split('/')[0], out var family) ? family : CovarianceModel.VVV,
                model.Clusters.Select(c => c.Weight).ToArray(), model.Clusters.Select(c => c.Centroid.Select(v => (double)v).ToArray()).ToArray(),
                model.Clusters.Select(c => c.Covariance!).ToArray())
            : null;
        return new PhenotypeAssigner(new FeatureScaler(features, model.Means, model.Sds), model.Clusters.Select(c => c.Centroid).ToArray(),
            model.Clusters.Select(c => (Phenotype)c.Phenotype).ToArray(), policy, mixture, model.BySex ? model.Clusters.Select(c => c.Sex).ToArray() : null);
    }

    public PhenotypeFeatureBlock Features(VisitChoice visit, int[] metrics, IReadOnlyList<int> order)
    {
        var values = new List<float>(state.Count * metrics.Length);
        var sex = new List<byte>(state.Count);
        var trains = new List<bool>(state.Count);
        long none = 0;
        foreach (var slot in order)
        {
            var k = state.VisitIndex(slot, visit);
            if (k < 0) { none++; continue; }
            foreach (var m in metrics) values.Add(Value(m, slot, k));
            sex.Add(state.Sex[slot]);
            // Whether the feature visit is outside the diabetes range (the trainer decides who trains from it).
            trains.Add((GlycaemicCategory)state.ByVisit[k].Category[slot] != GlycaemicCategory.Diabetes);
        }
        return new PhenotypeFeatureBlock(sex.Count, values.ToArray(), sex.ToArray(), trains.ToArray(), none);
    }

    /// <summary>Assigns one slot with the stored model (or clears it when there is none).</summary>
    public void Assign(int slot)
    {
        if (state.Model is not { } model)
        {
            Clear(slot);
            return;
        }
        var assignment = Assignment(model, slot);
        state.Phenotype[slot] = (byte)assignment.Phenotype;
        state.PhenotypeCluster[slot] = (byte)(assignment.Cluster + 1);
        state.PhenotypeDistance[slot] = assignment.Distance;
        state.PhenotypeMargin[slot] = assignment.Margin;
        state.PhenotypeProbability[slot] = assignment.Probability;
        state.PhenotypeCoverage[slot] = (byte)assignment.Coverage;
        state.TissueRule[slot] = (byte)Rule(model, slot);
    }

    private static readonly int HiriPosition = MetricCatalogue.PositionOf("hiri"), MisiPosition = MetricCatalogue.PositionOf("misi");

    /// <summary>The rule-based tissue phenotype of a slot at the model's visit under the model's tertiles.</summary>
    private TissueRulePhenotype Rule(PhenotypeModel model, int slot)
    {
        if (model.TissueRule is not { } rule) return TissueRulePhenotype.Undetermined;
        var k = state.VisitIndex(slot, model.Visit);
        if (k < 0) return TissueRulePhenotype.Undetermined;
        return new TissueRuleTertiles(rule.HiriUpperTertile, rule.MisiLowerTertile, rule.N)
            .Classify(state.ByVisit[k].Metric(HiriPosition, slot), state.ByVisit[k].Metric(MisiPosition, slot));
    }

    public PhenotypeAssignment Assignment(PhenotypeModel model, int slot)
    {
        if (_assignerVersion != model.Version || _assigner is null)
        {
            _assigner = AssignerOf(model);
            _positions = Positions(model);
            _assignerVersion = model.Version;
        }
        return Assignment(_assigner, _positions, model.Visit, slot);
    }

    public PhenotypeAssignment Assignment(PhenotypeAssigner assigner, int[] positions, VisitChoice visit, int slot, Span<double> posteriors = default)
    {
        var k = state.VisitIndex(slot, visit);
        if (k < 0) return PhenotypeAssignment.None(FeatureCoverage.NoFeatureVisit);
        Span<float> raw = stackalloc float[positions.Length];
        for (var j = 0; j < positions.Length; j++) raw[j] = Value(positions[j], slot, k);
        return assigner.Assign(raw, state.Sex[slot], posteriors);
    }

    /// <summary>A mixture's membership probabilities of one slot under the stored model into <paramref name="posteriors"/> (k values).</summary>
    public void Probabilities(int slot, Span<double> posteriors)
    {
        posteriors.Clear();
        if (state.Model is not { IsMixture: true } model) return;
        Assignment(model, slot);
        Assignment(_assigner!, _positions, model.Visit, slot, posteriors);
    }

    private void Clear(int slot)
    {
        state.Phenotype[slot] = 0;
        state.PhenotypeCluster[slot] = 0;
        state.PhenotypeDistance[slot] = float.NaN;
        state.PhenotypeMargin[slot] = float.NaN;
        state.PhenotypeProbability[slot] = float.NaN;
        state.PhenotypeCoverage[slot] = 0;
        state.TissueRule[slot] = 0;
    }

    public PhenotypeAssignmentCounts AssignAll(PhenotypeModel model)
    {
        state.Model = model;
        for (var slot = 0; slot < state.Count; slot++) Assign(slot);
        return Counts()!;
    }

    public PhenotypeAssignmentCounts? Counts()
    {
        if (state.Model is not { } model) return null;
        var perCluster = new long[model.K];
        var uncertain = model.IsMixture ? new long[model.K] : null;
        var rules = model.TissueRule is null ? null : new long[model.K * 5];
        var coverage = new long[4];
        for (var slot = 0; slot < state.Count; slot++)
        {
            coverage[state.PhenotypeCoverage[slot]]++;
            if (state.PhenotypeCluster[slot] == 0) continue;
            perCluster[state.PhenotypeCluster[slot] - 1]++;
            if (rules is not null) rules[(state.PhenotypeCluster[slot] - 1) * 5 + state.TissueRule[slot]]++;
            if (uncertain is not null && state.PhenotypeProbability[slot] < Phenotyping.Mixtures.Membership.UncertainBelow) uncertain[state.PhenotypeCluster[slot] - 1]++;
        }
        return new PhenotypeAssignmentCounts(model.Version, perCluster, coverage) { Uncertain = uncertain, RuleByCluster = rules };
    }

    public long[] Compare(PhenotypeModel a, PhenotypeModel b)
    {
        var table = new long[a.K * b.K];
        var (assignerA, positionsA) = (AssignerOf(a), Positions(a));
        var (assignerB, positionsB) = (AssignerOf(b), Positions(b));
        for (var slot = 0; slot < state.Count; slot++)
        {
            var x = Assignment(assignerA, positionsA, a.Visit, slot);
            if (x.Cluster < 0) continue;
            var y = Assignment(assignerB, positionsB, b.Visit, slot);
            if (y.Cluster < 0) continue;
            table[x.Cluster * b.K + y.Cluster]++;
        }
        return table;
    }
}
