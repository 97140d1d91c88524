using System.Text.Json;
using Cohort.Contracts.Ingest;
using Cohort.Contracts.Participants;
using Cohort.Contracts.Queries;
using Cohort.Ingest.Ingestion;

namespace Cohort.Grains.Tests;

/// <summary>
/// A generated drop with bad rows, ingested through the real pipeline into a 2-silo test cluster and into a 1-silo one: the same
/// answers on both, every injected fault quarantined with the right reason, and a second identical ingest that changes nothing.
/// </summary>
public sealed class ClusterIngestTests(GeneratedDrop drop) : IClassFixture<GeneratedDrop>
{
    private static readonly Dictionary<string, string> ReasonForFault = new()
    {
        ["impossible_value"] = RejectReason.ImpossibleValue,
        ["unit_mixup"] = RejectReason.UnitMismatch,
        ["unknown_unit"] = RejectReason.UnknownUnit,
        ["duplicate_row"] = RejectReason.DuplicateRow,
        ["unknown_participant"] = RejectReason.UnknownParticipant,
        ["missing_field"] = RejectReason.MissingField,
    };

    private Task<RunSummary> Ingest(IGrainFactory grains, params string[] observations) =>
        new IngestRunner(grains).RunAsync(new IngestRequest(drop.Participants, observations.Length > 0 ? observations : [drop.Observations]));

    [Fact]
    public async Task Every_bad_row_is_quarantined_with_its_reason_and_a_second_ingest_changes_nothing()
    {
        await using var cluster = await CohortCluster.StartAsync(silos: 2);
        var run = await Ingest(cluster.Grains);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        var faults = DuckDb.Query($"SELECT row, kind FROM read_parquet('{drop.Faults}')").ToDictionary(r => (long)r[0]!, r => (string)r[1]!);
        Assert.Equal(drop.Manifest.ObservationRows, run.RowsRead);
        Assert.Equal(faults.Count, run.RowsRejected);
        Assert.Equal(run.RowsRead - faults.Count, run.RowsAccepted);
        Assert.Equal(run.RowsAccepted, run.RowsAdded);
        Assert.Equal(drop.Manifest.Participants, run.ParticipantsTouched);

        var quarantine = await cluster.Grains.GetGrain<IIngestRunsGrain>(0).Quarantine(run.RunId);
        Assert.Equal(faults.Count, quarantine.Count);
        foreach (var q in quarantine)
        {
            Assert.True(faults.TryGetValue(q.Row, out var kind), $"row {q.Row} was rejected ({q.Reason}: {q.Message}) but is not an injected fault");
            Assert.Equal(ReasonForFault[kind], q.Reason);
            Assert.Equal("observations.parquet", q.File);
            Assert.False(string.IsNullOrWhiteSpace(q.Message));
            Assert.True(q.Raw.ContainsKey("value") && q.Raw.ContainsKey("unit"));
        }

        // The same files again: recognised by content hash, nothing read or written.
        var again = await Ingest(cluster.Grains);
        Assert.Equal(RunStatus.Skipped, again.Status);
        Assert.Equal(0, again.RowsRead + again.RowsAdded + again.RowsChanged);
        Assert.Contains($"already ingested in the same role with the same content (SHA-256) by {run.RunId}", again.Message);
        Assert.Equal(run.Inputs!.Select(f => f.Sha256), again.Inputs!.Select(f => f.Sha256));

        // The participants file given as an observations file is another input: it is read as one, and refused for its columns.
        var wrongRole = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(drop.Participants, [drop.Participants]));
        Assert.Equal(RunStatus.Failed, wrongRole.Status);
        Assert.Contains("participants.parquet", wrongRole.Message);

        // Forced through the grains anyway: every accepted row is already stored with the same value.
        var forced = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(drop.Participants, [drop.Observations]) { Force = true });
        Assert.Equal(RunStatus.Succeeded, forced.Status);
        Assert.Equal(0, forced.RowsAdded + forced.RowsChanged);
        Assert.Equal(run.RowsAccepted, forced.RowsUnchanged);
        Assert.Contains("no changes", forced.Message);
        var runs = await cluster.Grains.GetGrain<IIngestRunsGrain>(0).List();
        Assert.Equal([run.RunId, again.RunId, wrongRole.RunId, forced.RunId], runs.Select(r => r.RunId));
    }

    [Fact]
    public async Task One_and_two_silos_give_the_same_answers()
    {
        await using var one = await CohortCluster.StartAsync(silos: 1);
        await using var two = await CohortCluster.StartAsync(silos: 2);
        await Ingest(one.Grains);
        await Ingest(two.Grains);
        Assert.Equal(2, two.Cluster.GetActiveSilos().Count());

        var o1 = await one.Grains.GetGrain<ICohortQueryGrain>(0).Overview();
        var o2 = await two.Grains.GetGrain<ICohortQueryGrain>(0).Overview();
        Assert.Equal(drop.Manifest.Participants, o1.Participants);
        Assert.Equal(Json(o1 with { LastIngest = null }), Json(o2 with { LastIngest = null }));
        foreach (var metric in new[] { "homa_ir", "glucose", "misi", "hiri", "tg_hdl", "waist" })
            foreach (var visit in new[] { VisitChoice.Baseline, VisitChoice.Latest })
            {
                var q = new CohortQuery(CohortFilter.All, visit, Dimension.Sex, 2.5);
                Assert.Equal(Statistics.Json(await one.Grains.GetGrain<ICohortQueryGrain>(0).Distribution(q, metric)),
                             Statistics.Json(await two.Grains.GetGrain<ICohortQueryGrain>(0).Distribution(q, metric)));
            }
        var (q1, q2) = (one.Grains.GetGrain<ICohortQueryGrain>(0), two.Grains.GetGrain<ICohortQueryGrain>(0));
        var byAge = new CohortQuery(CohortFilter.All, VisitChoice.Latest, Dimension.AgeBand, 2.5);
        var condition = new Condition(ConditionKind.Phase, "compensated");
        Assert.Equal(Statistics.Json(await q1.Prevalence(byAge, condition)), Statistics.Json(await q2.Prevalence(byAge, condition)));
        Assert.Equal(Statistics.Json(await q1.HomaIrCutoffs(byAge)), Statistics.Json(await q2.HomaIrCutoffs(byAge)));
        Assert.Equal(Statistics.Json(await q1.Transitions(byAge, VisitChoice.Baseline, VisitChoice.Latest, TransitionKind.Phase)),
                     Statistics.Json(await q2.Transitions(byAge, VisitChoice.Baseline, VisitChoice.Latest, TransitionKind.Phase)));
        foreach (var id in new[] { "P0000001", "P0000042", "P0000377", "P0000600" })
        {
            var p1 = await one.Grains.GetGrain<IParticipantGrain>(id).Get();
            var p2 = await two.Grains.GetGrain<IParticipantGrain>(id).Get();
            Assert.NotNull(p1);
            Assert.Equal(Json(p1! with { Observations = [.. p1.Observations.Select(o => o with { Run = "" })] }),
                         Json(p2! with { Observations = [.. p2.Observations.Select(o => o with { Run = "" })] }));
        }
    }

    [Fact]
    public async Task A_participant_reads_back_its_series_visits_indices_units_and_factors()
    {
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var run = await Ingest(cluster.Grains);
        var view = await cluster.Grains.GetGrain<IParticipantGrain>("P0000002").Get();
        Assert.NotNull(view);
        Assert.Equal(new FactorsUsed(18.0, 6.0), view!.Factors);
        Assert.Equal(2, view.Visits.Count);
        Assert.All(view.Observations, o => Assert.Equal(run.RunId, o.Run));
        var glucose = view.Observations.First(o => o.Marker == "glucose");
        Assert.Equal("mmol/L", glucose.Unit);
        Assert.False(string.IsNullOrEmpty(glucose.RawUnit));
        var homa = view.Visits[0].Indices.Single(i => i.Code == "homa_ir");
        Assert.Equal("dimensionless", homa.Unit);
        Assert.Contains("22.5", homa.Variant);
        Assert.True(homa.Value is not null || homa.UndefinedReason is not null);
        Assert.Contains(view.Visits[0].GlycaemicCategory, new[] { "normal", "prediabetes", "diabetes", "unknown" });
        Assert.Null(await cluster.Grains.GetGrain<IParticipantGrain>("nobody").Get());
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
