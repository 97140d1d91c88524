using System.Text.Json;
using Cohort.Contracts;
using Cohort.Contracts.Queries;
using Cohort.Domain.Cutoffs;
using Cohort.Domain.Disclosure;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Metrics;
using Cohort.Domain.Phases;
using Cohort.Domain.Statistics;
using Cohort.Domain.Units;
using Cohort.Grains.Queries;
using Cohort.Grains.Shards;

namespace Cohort.Grains.Tests.Queries;

/// <summary>
/// The query kernels and merges without a cluster: for every query kind, the answer from one shard holding everyone equals the
/// answer merged from three shards that split the same participants (counts exactly, sums to rounding), exact and perturbed; and
/// hand counts on a shard small enough to check by eye.
/// </summary>
public sealed class ShardKernelTests
{
    private static readonly Provenance Provenance = new("run-test", "hash", 1, 1, "ada2025", "HOMA1-IR ≥ 2.5", "none", 10);
    private static readonly ParticipantSummary[] People = Generated(600, seed: 3);

    public static TheoryData<bool> Views => new() { false, true };

    private static CountRelease Release(bool perturbed) =>
        new(10, perturbed ? new DisclosureControl(true, PerturbationTable.Default, 10) : DisclosureControl.Exact);

    private static CohortQuery Query(Dimension by, VisitChoice? visit = null) => new(CohortFilter.All, visit ?? VisitChoice.Baseline, by, 2.5);

    [Theory, MemberData(nameof(Views))]
    public void A_distribution_merged_from_three_shards_is_the_one_shard_answer(bool perturbed)
    {
        var metric = MetricCatalogue.All[MetricCatalogue.PositionOf("homa_ir")];
        foreach (var by in new[] { Dimension.None, Dimension.Sex, Dimension.Phase })
        {
            var query = Query(by);
            string Answer(ShardState[] shards) => Json(DistributionMerge.Result(
                shards.Select(s => DistributionKernel.Run(Scan(s, query), MetricCatalogue.PositionOf("homa_ir"))).ToArray(), query, metric, Release(perturbed), Provenance));
            AssertSameJson(Answer([Whole()]), Answer(Split(3)));
        }
    }

    [Theory, MemberData(nameof(Views))]
    public void A_prevalence_merged_from_three_shards_is_the_one_shard_answer(bool perturbed)
    {
        var conditions = new[]
        {
            new Condition(ConditionKind.Phase, Phase.Compensated.Code()), new Condition(ConditionKind.Category, GlycaemicCategory.Diabetes.Code()),
            new Condition(ConditionKind.MetricAtLeast, "homa_ir ≥ 2.5", MetricCatalogue.PositionOf("homa_ir"), 2.5),
        };
        foreach (var condition in conditions)
        {
            var query = Query(Dimension.AgeBand);
            string Answer(ShardState[] shards) => Json(PrevalenceMerge.Result(shards.Select(s => PrevalenceKernel.Run(Scan(s, query), condition, StandardPopulation.All[0])).ToArray(),
                query, condition, IntervalMethod.Wilson, StandardPopulation.All[0], Release(perturbed), Provenance));
            AssertSameJson(Answer([Whole()]), Answer(Split(3)));
        }
    }

    [Theory, MemberData(nameof(Views))]
    public void Cutoff_counts_merged_from_three_shards_are_the_one_shard_answer(bool perturbed)
    {
        var registry = CutoffRegistry.WithThreshold.ToArray();
        var query = Query(Dimension.None);
        string Answer(ShardState[] shards) => Json(CutoffMerge.Rows(shards.Select(s => CutoffKernel.Run(Scan(s, query), registry, ConversionFactors.Default)).ToArray(),
            registry, query.Filter, Release(perturbed)));
        AssertSameJson(Answer([Whole()]), Answer(Split(3)));
        var rows = Split(3).SelectMany(s => ReferenceRowsKernel.Run(Scan(s, query))).ToArray();
        Assert.Equal(ReferenceRowsKernel.Run(Scan(Whole(), query)).Length, rows.Length);
    }

    [Theory, MemberData(nameof(Views))]
    public void Transitions_merged_from_three_shards_are_the_one_shard_answer(bool perturbed)
    {
        var query = Query(Dimension.Phenotype, VisitChoice.Baseline);
        string Answer(ShardState[] shards) => Json(TransitionMerge.Merge(
            shards.Select(s => TransitionKernel.Run(Scan(s, query), VisitChoice.Latest, TransitionKind.Phase)).ToArray(),
            VisitChoice.Baseline, VisitChoice.Latest, TransitionKind.Phase, Release(perturbed), Provenance));
        AssertSameJson(Answer([Whole()]), Answer(Split(3)));
    }

    [Theory, MemberData(nameof(Views))]
    public void Overview_and_phenotype_table_merged_from_three_shards_are_the_one_shard_answer(bool perturbed)
    {
        var factors = new FactorsView(1, 1, "ada2025", "HOMA1-IR ≥ 2.5");
        string Overview(ShardState[] shards) => Json(OverviewMerge.Merge(shards.Select(OverviewKernel.Run).ToArray(), null, shards.Length, factors, Release(perturbed)) with { Shards = 0 });
        AssertSameJson(Overview([Whole()]), Overview(Split(3)));
        var query = Query(Dimension.Sex);
        string Table(ShardState[] shards) => Json(PhenotypeTableMerge.Merge(shards.Select(s => PhenotypeTableKernel.Run(Scan(s, query))).ToArray(), query, Release(perturbed), Provenance));
        AssertSameJson(Table([Whole()]), Table(Split(3)));
    }

    [Fact]
    public void Kernels_count_what_a_hand_count_gives()
    {
        var whole = Whole();
        var homa = MetricCatalogue.PositionOf("homa_ir");
        var baseline = People.Select(p => p.AllVisits[0]).ToArray();
        var distribution = DistributionKernel.Run(Scan(whole, Query(Dimension.None)), homa);
        Assert.Equal(baseline.Count(v => !float.IsNaN(v.Metrics[homa])), distribution.Strata["all"].N);
        Assert.Equal(baseline.Count(v => float.IsNaN(v.Metrics[homa])), distribution.Strata["all"].Missing);

        var diabetes = PrevalenceKernel.Run(Scan(whole, Query(Dimension.None)), new Condition(ConditionKind.Category, GlycaemicCategory.Diabetes.Code()), StandardPopulation.All[0]);
        Assert.Equal(baseline.Count(v => v.Category == (byte)GlycaemicCategory.Diabetes), diabetes.Strata["all"].Cases.Sum());
        Assert.Equal(baseline.Count(v => v.Category == (byte)GlycaemicCategory.Unknown), diabetes.Undetermined);

        var overview = OverviewKernel.Run(whole);
        Assert.Equal((People.Length, People.Sum(p => (long)p.Visits)), (overview.Participants, overview.Visits));

        var women = ExportKernel.Run(Scan(whole, ExportKernel.Scanned(new CohortQuery(new CohortFilter { Sex = ["F"], Category = ["diabetes"] }, VisitChoice.Baseline, Dimension.None, 2.5))),
            new ShardPhenotypes(whole));
        Assert.Equal(People.Where(p => p.Sex == 1).Sum(p => p.AllVisits.Count), women.ParticipantId.Length);
        Assert.Equal(women.ParticipantId.Order(StringComparer.Ordinal), women.ParticipantId.Distinct().SelectMany(id => women.ParticipantId.Where(x => x == id)));
    }

    private static ShardScan Scan(ShardState s, CohortQuery query) => new(s, query, ShardScan.IdOrder(s));

    private static ShardState Whole() => Shard(People);

    /// <summary>The same participants dealt round-robin into n shards.</summary>
    private static ShardState[] Split(int n) => Enumerable.Range(0, n).Select(i => Shard(People.Where((_, j) => j % n == i))).ToArray();

    private static ShardState Shard(IEnumerable<ParticipantSummary> people)
    {
        var columns = new ShardColumns(ShardColumns.Upgrade(new ShardState()));
        foreach (var p in people) columns.Upsert(p, out _);
        return columns.State;
    }

    /// <summary>Participants with one to four visits, every category and phase, missing values, weights, survey designs and record keys.</summary>
    private static ParticipantSummary[] Generated(int n, int seed)
    {
        var random = new Random(seed);
        var metrics = MetricCatalogue.All.Count;
        return Enumerable.Range(0, n).Select(i =>
        {
            var visits = 1 + random.Next(4);
            var day = new DateOnly(2010 + random.Next(5), 1 + random.Next(12), 1 + random.Next(28)).DayNumber;
            var all = Enumerable.Range(0, visits).Select(k =>
            {
                var values = Enumerable.Range(0, metrics).Select(_ => random.NextDouble() < 0.1 ? float.NaN : (float)Math.Exp(random.NextDouble() * 3)).ToArray();
                return new VisitSummary(day + k * (300 + random.Next(200)), (byte)random.Next(Enum.GetValues<GlycaemicCategory>().Length),
                    (byte)random.Next(Enum.GetValues<Phase>().Length), values, (ushort)random.Next(4));
            }).ToArray();
            return new ParticipantSummary
            {
                ParticipantId = $"P{i:D5}", Sex = (byte)random.Next(3), BirthYear = (short)(1930 + random.Next(60)),
                Ethnicity = random.Next(3) switch { 0 => "A", 1 => "B", _ => "" }, Site = $"S{random.Next(3)}",
                SurveyWeight = (float)(0.5 + random.NextDouble() * 3), Visits = (short)visits, Observations = visits * 10,
                ObservationsByMarker = Enumerable.Range(0, 14).Select(_ => random.Next(3)).ToArray(), AllVisits = all,
                FastingSurveyWeight = random.NextDouble() < 0.5 ? float.NaN : (float)(1 + random.NextDouble()),
                RecordKey = (uint)random.NextInt64(uint.MaxValue), SurveyStratum = $"st{random.Next(4)}", SurveyPsu = $"{random.Next(2)}",
            };
        }).ToArray();
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, CohortJson.Options);

    /// <summary>The same JSON, numbers equal to 1e-9 relative (shards sum floating-point values in a different order).</summary>
    private static void AssertSameJson(string expected, string actual)
    {
        static void Same(JsonElement a, JsonElement b, string path)
        {
            Assert.True(a.ValueKind == b.ValueKind, $"{path}: {a.ValueKind} vs {b.ValueKind}");
            switch (a.ValueKind)
            {
                case JsonValueKind.Object:
                    Assert.Equal(a.EnumerateObject().Select(p => p.Name), b.EnumerateObject().Select(p => p.Name));
                    foreach (var p in a.EnumerateObject()) Same(p.Value, b.GetProperty(p.Name), path + "." + p.Name);
                    break;
                case JsonValueKind.Array:
                    Assert.True(a.GetArrayLength() == b.GetArrayLength(), $"{path}: {a.GetArrayLength()} vs {b.GetArrayLength()} items");
                    foreach (var (x, i) in a.EnumerateArray().Select((x, i) => (x, i))) Same(x, b[i], $"{path}[{i}]");
                    break;
                case JsonValueKind.Number:
                    var (u, v) = (a.GetDouble(), b.GetDouble());
                    Assert.True(Math.Abs(u - v) <= 1e-9 * Math.Max(1, Math.Abs(u)), $"{path}: {u} vs {v}");
                    break;
                default:
                    Assert.True(a.ToString() == b.ToString(), $"{path}: {a} vs {b}");
                    break;
            }
        }
        using var a = JsonDocument.Parse(expected);
        using var b = JsonDocument.Parse(actual);
        Same(a.RootElement, b.RootElement, "$");
    }
}
