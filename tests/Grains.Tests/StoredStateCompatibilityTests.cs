using Cohort.Grains.Participants;
using Cohort.Grains.Phenotypes;
using Cohort.Grains.Shards;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Cohort.Grains.Tests;

/// <summary>
/// States stored by an earlier build load into today's types. The blobs in <c>StoredState/</c> are a shard and the phenotype model
/// store exactly as the build before the folder renames (Cohort.Grains.Cohort → Shards and Queries, Cohort.Contracts.Cohort →
/// Queries) wrote them to SQLite (600 generated participants, two visits, four shards, one model fitted); renaming or moving a
/// persisted type must keep them loading.
/// </summary>
public sealed class StoredStateCompatibilityTests
{
    private readonly Serializer _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private static byte[] Blob(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "StoredState", name));

    [Fact]
    public void A_shard_stored_before_the_renames_loads()
    {
        var s = _serializer.Deserialize<ShardState>(Blob("shard-0.bin"))!;
        var metricSum = s.ByVisit.Sum(v => v.Metrics.Sum(m => m.Take(s.Count).Where(x => !float.IsNaN(x)).Sum(x => (double)x)));
        Assert.Equal((150, "P0000128", 2), (s.Count, s.Ids[0], s.ByVisit.Count));
        Assert.Equal(572726.1550744241, metricSum, 6);
        Assert.Equal((1, "first visit with an OGTT", 3), (s.Model!.Version, s.Model.Visit.Label, s.Model.K));
        Assert.Equal(136, s.Phenotype.Take(s.Count).Count(p => p != 0));
    }

    /// <summary>
    /// <c>participant-P0000001.bin</c> is a participant state as the first build whose shards write participants stored it (74
    /// observations, new in a run still pending when it was taken): it loads, with its series, its lineage and the run it waits for.
    /// </summary>
    [Fact]
    public void A_participant_written_by_its_shard_loads()
    {
        var s = _serializer.Deserialize<ParticipantState>(Blob("participant-P0000001.bin"))!;
        Assert.Equal(74, s.Observations.Count);
        var run = Assert.Single(s.Observations.Runs);
        Assert.StartsWith("run-", run, StringComparison.Ordinal);
        Assert.Equal(run, s.PendingRun);
        Assert.False(s.Before!.Existed);
        Assert.NotEqual(0u, s.RecordKey);
        Assert.NotNull(s.Demographics);
    }

    [Fact]
    public void Phenotype_models_stored_before_the_renames_load()
    {
        var m = _serializer.Deserialize<PhenotypeModelsState>(Blob("phenotype-models.bin"))!;
        var model = Assert.Single(m.Models);
        Assert.Equal((1, "first visit with an OGTT", 3, 10, "run-20261201T062755Z-c0f056"),
            (model.Version, model.Visit.Label, model.K, model.Features.Length, model.DataVersion));
    }
}
