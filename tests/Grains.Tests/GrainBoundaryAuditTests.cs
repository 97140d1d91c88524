using Cohort.Contracts.Access;
using Cohort.Contracts.Audit;
using Cohort.Contracts.Participants;
using Cohort.Contracts.Queries;
using Cohort.Ingest.Ingestion;

namespace Cohort.Grains.Tests;

/// <summary>
/// Participant-level reads are audited at the grains, not only at the HTTP API: a call that carries a person (as the gateway
/// filter sets for a verified client, or the dashboard for its user) is recorded whoever made it; the silo's own reads are not.
/// </summary>
public sealed class GrainBoundaryAuditTests(GeneratedDrop drop) : IClassFixture<GeneratedDrop>
{
    [Fact]
    public async Task A_participant_read_and_a_shard_export_by_a_person_are_audited_at_the_grain()
    {
        await using var cluster = await CohortCluster.StartAsync(silos: 1, shards: 2);
        await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(drop.Participants, [drop.Observations]));
        var audit = cluster.Grains.GetGrain<IAuditLogGrain>(0);
        var before = (await audit.Read(0, 10_000)).Count;

        await cluster.Grains.GetGrain<IParticipantGrain>("P0000007").Get();   // the silo's own kind of read: no person, no entry
        Assert.Equal(before, (await audit.Read(0, 10_000)).Count);

        AccessContext.Set("epi1", AccessContext.GatewayOrigin + " (claimed: laptop)");
        try
        {
            await cluster.Grains.GetGrain<IParticipantGrain>("P0000007").Get();
            await cluster.Grains.GetGrain<IParticipantGrain>("no-such-person").Get();
            await cluster.Grains.GetGrain<ICohortShardGrain>(1).Export(new CohortQuery(CohortFilter.All, VisitChoice.Baseline, Dimension.None, 2.5));
        }
        finally
        {
            RequestContext.Clear();
        }
        var entries = (await audit.Read(0, 10_000)).Skip(before).ToArray();
        Assert.Contains(entries, e => e.Action == AuditActions.ParticipantView && e.Actor == "epi1" && e.Target == "P0000007" && e.Detail == "viewed"
            && e.From == "the gateway (claimed: laptop)");
        Assert.Contains(entries, e => e.Action == AuditActions.ParticipantView && e.Target == "no-such-person" && e.Detail == "not found");
        Assert.Contains(entries, e => e.Action == AuditActions.ExportShard && e.Actor == "epi1" && e.Target == "shard 1" && e.Detail.Contains("visits of"));
    }
}
