using Cohort.Contracts.Ingest;
using Cohort.Contracts.Outcomes;
using Cohort.Contracts.Queries;
using Cohort.Domain.Markers;
using Cohort.Ingest.Events;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// An events run (<c>cohort ingest --events FILE</c>): reads the files, rejects rows with an empty field or an event code nobody declared,
/// asks each shard which of its rows name a participant it does not hold or are dated before the participant's birth year, and decides
/// on the whole run before writing anything, as an observation run does; then each shard keeps its participants' first date of each event.
/// </summary>
public sealed partial class IngestRunner
{
    public const string UnknownEvent = "unknown_event", FutureDate = "future_date";

    private async Task ExecuteEventsAsync(string runId, IngestRequest request, RunState run, MarkerRegistry markers, IProgress<IngestProgress>? progress, CancellationToken ct)
    {
        var rows = new List<EventRow>();
        foreach (var path in request.EventFiles) rows.AddRange(await EventsReader.ReadAsync(path, ct));
        run.Quarantine.Files(rows.Select(r => r.File).Distinct());
        var pseudonyms = new PseudonymCache(grains);
        var ids = await pseudonyms.MapAsync(rows.Select(r => r.ParticipantId).ToArray());
        run.Read = rows.Count;

        // Pass 1: what the file alone shows, then what the shards know.
        var accepted = new List<(EventRow Row, string Id, string Code, int Day)>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            string? problem = string.IsNullOrWhiteSpace(r.ParticipantId) ? "participant_id is empty"
                : string.IsNullOrWhiteSpace(r.Event) ? "event is empty"
                : r.Date is null ? "date is empty" : null;
            if (problem is not null) { run.Reject(Quarantined(r, RejectReason.MissingField, problem)); continue; }
            if (DateOnly.FromDateTime(r.Date!.Value) > today)
            {
                run.Reject(Quarantined(r, FutureDate, $"{r.Event} on {r.Date:yyyy-MM-dd} is dated after today ({today:yyyy-MM-dd})"));
                continue;
            }
            if (!markers.TryResolveEvent(r.Event, out var ev))
            {
                run.Reject(Quarantined(r, UnknownEvent, $"event '{r.Event}' is not an event code (Cohort's: {string.Join(", ", Domain.Outcomes.EventCatalogue.All.Select(e => e.Code))}; " +
                    "a study declares its own in a marker file with \"event\": true)"));
                continue;
            }
            accepted.Add((r, ids[i]!, ev.Code, DateOnly.FromDateTime(r.Date!.Value).DayNumber));
        }
        var settings = await grains.GetGrain<ICohortSettingsGrain>(0).Get();
        var byShard = accepted.GroupBy(a => ShardMap.ShardOf(a.Id, settings.Shards)).OrderBy(g => g.Key)
            .Select(g => (Shard: grains.GetGrain<ICohortShardGrain>(g.Key), Items: g.ToArray())).ToArray();
        var keep = new List<(ICohortShardGrain Shard, EventRows Rows)>();
        foreach (var (shard, items) in byShard)
        {
            var batch = new EventRows(items.Select(x => x.Id).ToArray(), items.Select(x => x.Code).ToArray(), items.Select(x => x.Day).ToArray());
            var rejected = await shard.CheckEvents(batch);
            foreach (var r in rejected) run.Reject(Quarantined(items[r.Row].Row, r.Reason, r.Message));
            var refused = rejected.Select(r => r.Row).ToHashSet();
            var ok = Enumerable.Range(0, items.Length).Where(i => !refused.Contains(i)).ToArray();
            keep.Add((shard, new EventRows(ok.Select(i => batch.ParticipantId[i]).ToArray(), ok.Select(i => batch.Event[i]).ToArray(), ok.Select(i => batch.Day[i]).ToArray())));
        }
        run.Rejected = run.RejectsByReason.Values.Sum();
        run.Accepted = run.Read - run.Rejected;
        if (run.RefuseAbove(request.RejectThreshold, "event rows", "nothing written")) return;

        // Pass 2: stage, then commit and publish: what the events did is counted as the shards apply them.
        await OpenAsync(runId, request, run, settings.Shards, progress, ct);
        foreach (var (shard, batch) in keep.Where(k => k.Rows.Count > 0))
        {
            run.Commit!.Expect((int)shard.GetPrimaryKeyLong(), batch.Count);
            await shard.StageEvents(runId, batch);
        }
        run.Touched = accepted.Select(a => a.Id).Distinct(StringComparer.Ordinal).LongCount();
        if (await CommitAsync(run) is not { } merge) return;
        (run.Added, run.Unchanged) = (merge.Added, merge.Unchanged);
        if (run.Added == 0 && run.Read > 0) run.Note("no changes: every accepted event was already stored with the same or an earlier date");
    }

    private static QuarantinedRow Quarantined(EventRow r, string reason, string message) => new(r.File, r.RowGroup, r.Row, reason, message, r.Raw);
}
