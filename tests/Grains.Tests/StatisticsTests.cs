using System.Text.Json;
using Cohort.Contracts.Participants;
using Cohort.Contracts.Queries;
using Cohort.Domain.Statistics;
using Cohort.Ingest.Ingestion;

namespace Cohort.Grains.Tests;

/// <summary>A generated drop ingested once into a one-silo cluster, and the exact participant-level values read back from the participant grains.</summary>
public sealed class IngestedCohort : IAsyncLifetime
{
    private readonly GeneratedDrop _drop = new();
    public CohortCluster Cluster { get; private set; } = null!;
    public ICohortQueryGrain Query => Cluster.Grains.GetGrain<ICohortQueryGrain>(0);
    public List<ParticipantView> Participants { get; } = [];

    public async Task InitializeAsync()
    {
        await _drop.InitializeAsync();
        Cluster = await CohortCluster.StartAsync(silos: 1);
        await new IngestRunner(Cluster.Grains).RunAsync(new IngestRequest(_drop.Participants, [_drop.Observations]));
        for (var i = 1; i <= _drop.Manifest.Participants; i++)
            if (await Cluster.Grains.GetGrain<IParticipantGrain>($"P{i:D7}").Get() is { } p) Participants.Add(p);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await _drop.DisposeAsync();
    }
}

/// <summary>
/// The statistics engine against the exact participant-level values: merged percentiles within 1% of exact ones, strata that sum to
/// the total, prevalence and cut-off counts equal to counting by hand, intervals equal to the Domain's (themselves checked against R),
/// suppression that a margin cannot undo, and byte-identical answers to repeated queries.
/// </summary>
public sealed class StatisticsTests(IngestedCohort cohort) : IClassFixture<IngestedCohort>
{
    private static CohortQuery Q(Dimension by = Dimension.None, CohortFilter? filter = null, VisitChoice? visit = null) =>
        new(filter ?? CohortFilter.All, visit ?? VisitChoice.Baseline, by, 2.5);

    private double?[] Baseline(string index) =>
        cohort.Participants.Where(p => p.Visits.Count > 0).Select(p => p.Visits[0].Indices.Single(i => i.Code == index).Value).ToArray();

    [Fact]
    public async Task Merged_percentiles_are_within_1_percent_of_the_exact_percentiles_of_the_same_data()
    {
        var d = await cohort.Query.Distribution(Q(), "homa_ir");
        var exact = Baseline("homa_ir").OfType<double>().Order().ToArray();
        Assert.Equal(exact.Length, d.Total.N);
        foreach (var (name, q) in new[] { ("p5", 0.05), ("p10", 0.10), ("p25", 0.25), ("p50", 0.5), ("p75", 0.75), ("p90", 0.9), ("p95", 0.95) })
        {
            var e = Percentile.OfSorted(exact, q);
            Assert.True(Math.Abs(d.Total.Percentiles![name] - e) <= 0.01 * e, $"{name}: merged {d.Total.Percentiles[name]} vs exact {e}");
        }
        Assert.Equal(exact.Average(), d.Total.Mean!.Value, 1e-4);
    }

    [Theory]
    [InlineData(Dimension.Sex)]
    [InlineData(Dimension.Category)]
    [InlineData(Dimension.Phase)]
    [InlineData(Dimension.AgeBand)]
    [InlineData(Dimension.Site)]
    public async Task Strata_include_unknown_and_sum_to_the_total(Dimension by)
    {
        var d = await cohort.Query.Distribution(Q(by), "glucose");
        var released = d.Strata.Where(s => !s.Suppressed).ToArray();
        var hidden = d.Strata.Count(s => s.Suppressed);
        Assert.NotEqual(1, hidden);
        // A released stratum's missing count may itself be small and withheld (null); the values' counts always add up.
        if (hidden == 0 && released.All(s => s.Missing is not null)) Assert.Equal(d.Total.N + (d.Total.Missing ?? 0), released.Sum(s => s.N!.Value + s.Missing!.Value));
        else if (hidden == 0) Assert.Equal(d.Total.N, released.Sum(s => s.N!.Value));
        else Assert.True(d.Total.N + (d.Total.Missing ?? 0) - released.Sum(s => s.N!.Value + (s.Missing ?? 0)) >= 2 * 1);
    }

    [Fact]
    public async Task Prevalence_counts_what_a_hand_count_gives_with_the_Domains_intervals()
    {
        var homa = Baseline("homa_ir").OfType<double>().ToArray();
        var p = await cohort.Query.Prevalence(Q(), new Condition(ConditionKind.MetricAtLeast, "homa_ir", Domain.Metrics.MetricCatalogue.PositionOf(Resolve("homa_ir")), 2.5));
        Assert.Equal(homa.Count(x => x >= 2.5), p.Total.Cases);
        Assert.Equal(homa.Length, p.Total.Total);
        var wilson = ProportionInterval.Wilson(p.Total.Cases!.Value, p.Total.Total!.Value);
        Assert.Equal(wilson.Lower, p.Total.Lower!.Value, 1e-12);
        Assert.Equal(wilson.Upper, p.Total.Upper!.Value, 1e-12);
        var cp = await cohort.Query.Prevalence(Q(), new Condition(ConditionKind.MetricAtLeast, "homa_ir", Domain.Metrics.MetricCatalogue.PositionOf(Resolve("homa_ir")), 2.5), PrevalenceInterval.ClopperPearson);
        Assert.Equal(ProportionInterval.ClopperPearson(p.Total.Cases.Value, p.Total.Total.Value).Lower, cp.Total.Lower!.Value, 1e-12);
        Assert.NotNull(p.Total.AgeStandardised);
        Assert.NotNull(p.Total.Weighted);   // the generator gives survey weights
        // ... and a design (a stratum per site, two PSUs in each): the weighted estimate is design-based, NCHS-judged, standardised too.
        var w = p.Total.Weighted!;
        Assert.StartsWith("design-based: Taylor linearisation over 6 strata and 12 PSUs, 6 df", w.Method);
        Assert.True(w.StandardError > 0);
        Assert.InRange(w.Proportion!.Value, w.Lower!.Value, w.Upper!.Value);
        Assert.NotNull(w.Reliable);
        Assert.Contains(w.ReviewFlags!, f => f.Contains("6 degrees of freedom"));
        Assert.NotNull(w.Standardised);

        // Phases under a chosen cut-off: a higher cut-off can only move visits from compensated to normal.
        var low = await cohort.Query.Prevalence(Q() with { PhaseCutoffHomaIr = 2.0 }, new Condition(ConditionKind.Phase, "compensated"));
        var high = await cohort.Query.Prevalence(Q() with { PhaseCutoffHomaIr = 3.5 }, new Condition(ConditionKind.Phase, "compensated"));
        Assert.True(low.Total.Cases >= high.Total.Cases);
    }

    [Fact]
    public async Task Age_standardised_prevalence_equals_direct_standardisation_of_hand_counts_by_age()
    {
        var esp = StandardPopulation.Get("ESP2013");
        var byAge = new Dictionary<int, (long Cases, long Total)>();
        foreach (var p in cohort.Participants.Where(p => p.Visits.Count > 0 && p.Demographics?.BirthYear is not null))
        {
            var category = p.Visits[0].GlycaemicCategory;
            if (category == "unknown") continue;
            var age = p.Visits[0].Date.Year - p.Demographics!.BirthYear!.Value;
            var (cases, total) = byAge.GetValueOrDefault(age);
            byAge[age] = (cases + (category == "prediabetes" ? 1 : 0), total + 1);
        }
        var expected = DirectStandardisation.Compute(esp, byAge.Select(kv => new AgeCount(kv.Key, kv.Value.Cases, kv.Value.Total)));
        var p2 = await cohort.Query.Prevalence(Q(), new Condition(ConditionKind.Category, "prediabetes"), standard: AgeStandard.Esp2013);
        Assert.Equal(expected.Proportion!.Value, p2.Total.AgeStandardised!.Proportion!.Value, 1e-12);
        Assert.Equal(expected.Lower!.Value, p2.Total.AgeStandardised.Lower!.Value, 1e-12);
        Assert.Equal(expected.AgeRange, p2.Total.AgeStandardised.AgeRange);
    }

    private static Domain.Metrics.Metric Resolve(string code) => Domain.Metrics.MetricCatalogue.TryResolve(code, out var m) ? m : throw new ArgumentException(code);

    [Fact]
    public async Task The_cut_off_view_carries_caveats_local_cut_offs_and_phases()
    {
        // Each registry cut-off's count is checked against a hand count in HandCountTests.
        var c = await cohort.Query.HomaIrCutoffs(Q());
        Assert.All(c.Registry, r => Assert.False(string.IsNullOrWhiteSpace(r.Citation)));
        Assert.NotEmpty(c.Caveats);
        Assert.Contains(c.Local, l => l.Group == "all");
        Assert.Equal("phase", c.PhasesUnderChosenCutoff.StrataBy.ToLowerInvariant());
    }

    [Fact]
    public async Task A_suppressed_cell_cannot_be_recovered_from_the_margins()
    {
        // One site, by age band: small cells appear; each released count is zero or at least 11, and never exactly one is hidden.
        var site = cohort.Participants.GroupBy(p => p.Demographics?.Site).OrderBy(g => g.Count()).First().Key!;
        var p = await cohort.Query.Prevalence(Q(Dimension.AgeBand, new CohortFilter(Site: [site])), new Condition(ConditionKind.Category, "prediabetes"));
        foreach (var e in p.Strata.Prepend(p.Total))
        {
            Assert.True(e.Total is null or 0 or >= 11, $"{e.Stratum}: total {e.Total}");
            Assert.True(e.Cases is null or 0 or >= 11, $"{e.Stratum}: cases {e.Cases}");
            if (e.Cases is not null && e.Total is not null) Assert.True(e.Total - e.Cases is 0 or >= 11);
        }
        Assert.True(p.Strata.Count(s => s.Total is null) != 1, $"exactly one stratum hidden: {JsonSerializer.Serialize(p.Strata)}");
        var t = await cohort.Query.Transitions(Q(filter: new CohortFilter(Site: [site])), VisitChoice.Baseline, VisitChoice.Latest, TransitionKind.Phase);
        foreach (var table in t.ByPhenotype.Prepend(t.Overall))
        {
            // A line may keep a lone hidden cell only when every other cell of it is zero (there is no partner to hide).
            var n = table.States.Count;
            for (var i = 0; i < n; i++)
            {
                var row = table.Counts[i];
                var column = Enumerable.Range(0, n).Select(r => table.Counts[r][i]).ToArray();
                Assert.True(row.Count(x => x is null) != 1 || row.All(x => x is null or 0), $"row {i} of {table.Group}: {JsonSerializer.Serialize(row)}");
                Assert.True(column.Count(x => x is null) != 1 || column.All(x => x is null or 0), $"column {i} of {table.Group}: {JsonSerializer.Serialize(column)}");
            }
            Assert.All(table.Counts.SelectMany(r => r), x => Assert.True(x is null or 0 or >= 11));
            // Every hidden cell says why: a complement flag marks those hidden only to protect another, shown cells carry none.
            Assert.NotNull(table.Complement);
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                    if (table.Complement![i][j]) Assert.Null(table.Counts[i][j]);
        }
    }

    [Fact]
    public async Task The_same_query_on_the_same_data_gives_byte_identical_JSON_and_carries_its_provenance()
    {
        var q = Q(Dimension.Sex, new CohortFilter(Category: ["normal", "prediabetes"]), VisitChoice.Latest);
        var a = JsonSerializer.Serialize(await cohort.Query.Distribution(q, "matsuda"));
        var b = JsonSerializer.Serialize(await cohort.Query.Distribution(q, "matsuda"));
        Assert.Equal(a, b);
        var d = await cohort.Query.Distribution(q, "matsuda");
        Assert.StartsWith("run-", d.Provenance.DataVersion);
        Assert.Equal(64, d.Provenance.QueryHash.Length);
        Assert.Equal(d.Provenance.QueryHash, (await cohort.Query.Distribution(q with { Filter = new CohortFilter(Category: ["prediabetes", "normal"]) }, "matsuda")).Provenance.QueryHash);
        Assert.NotEqual(d.Provenance.QueryHash, (await cohort.Query.Distribution(q, "homa_ir")).Provenance.QueryHash);
        Assert.Equal(18.0, d.Provenance.GlucoseFactor);
        Assert.Equal(11, d.Provenance.SuppressionThreshold);
    }

    [Fact]
    public async Task Transitions_count_participants_with_both_visits_and_rate_progression_exactly()
    {
        var t = await cohort.Query.Transitions(Q(), VisitChoice.Baseline, VisitChoice.Latest, TransitionKind.Category);
        var both = cohort.Participants.Count(p => p.Visits.Count >= 2);
        var cells = t.Overall.Counts.SelectMany(r => r).ToArray();
        if (cells.All(c => c is not null)) Assert.Equal(both, cells.Sum(c => c!.Value));
        var expected = cohort.Participants.Where(p => p.Visits.Count >= 2).Count(p => Rank(p.Visits[0].GlycaemicCategory) is > 0 and < 3 && Rank(p.Visits[^1].GlycaemicCategory) > Rank(p.Visits[0].GlycaemicCategory));
        Assert.Equal(expected, t.Overall.Progressions);
        var rate = PoissonRate.Exact(t.Overall.Progressions!.Value, t.Overall.PersonYears);
        Assert.Equal(rate.Lower!.Value, t.Overall.Lower!.Value, 1e-9);
        Assert.Equal(rate.Upper!.Value, t.Overall.Upper!.Value, 1e-9);
    }

    private static int Rank(string category) => category switch { "normal" => 1, "prediabetes" => 2, "diabetes" => 3, _ => 0 };
}
