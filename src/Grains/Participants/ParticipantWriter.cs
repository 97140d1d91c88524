using Cohort.Contracts.Ingest;
using Cohort.Contracts.Participants;
using Cohort.Contracts.Queries;
using Cohort.Domain.Disclosure;
using Cohort.Domain.Markers;
using Cohort.Domain.Units;
using Cohort.Grains.Hosting;
using Cohort.Grains.Ingest;
using Cohort.Grains.Storage;

namespace Cohort.Grains.Participants;

/// <summary>
/// The one write path of participants' data, run by their cohort shard for many participants in one call: their stored states read
/// at once, each merged by natural key (a later run replaces a value and records which run supplied it), derived
/// (<see cref="ParticipantDerivation"/>), and the changed states written in one group commit, acknowledged when stored (staged: durable
/// with the run's commit record, <see cref="StateWrite.Staged"/>). A run's
/// changes are pending until it commits: a changed state keeps the participant as published before the run
/// (<see cref="ParticipantState.Before"/>), and a change left by an earlier run is settled first, as the commit log decided (kept,
/// or undone); the shard settles the rest of a decided run's participants soon after (<see cref="SettleAsync"/>). Participant grains
/// read what this writes; no ingest activates them.
/// </summary>
internal sealed class ParticipantWriter(GroupCommitGrainStorage storage, RunDecisions decisions, IRecordKeySource recordKeys, CohortOptions options)
{
    /// <summary>The stored type of participant states: what <see cref="ParticipantGrain"/>'s persistent state reads.</summary>
    public static readonly string StateType = GroupCommitGrainStorage.TypeOf(ParticipantGrain.StateName, GrainId.Create(ParticipantGrain.TypeName, "_"));

    /// <summary>
    /// Merges each participant's batch of <paramref name="runId"/>; returns the counts (with the rows the run had already given, not
    /// taken: <see cref="RunRepeat"/>), each one's summary to stage, and those whose
    /// stored state now keeps a published participant beside the change (to settle once the run is decided: <see cref="SettleAsync"/>),
    /// and the participants whose rows given unchanged by the run (<paramref name="givenUnchanged"/> before the call) grew in this
    /// call, with all such rows now (the shard stores them with the call's segment). Only the
    /// participants <paramref name="mayBeStored"/> names are read first (the shard knows whom it holds, so a first ingest reads
    /// nothing); one stored although their shard did not hold them (new in a run that was abandoned) fails its insert-if-absent, and
    /// is read and merged again.
    /// </summary>
    public async Task<(MergeResult Result, ParticipantSummary[] Summaries, string[] Keeping, UnchangedRows[] Given)> WriteAsync(string runId, IReadOnlyList<ParticipantWrite> writes,
        Func<ValueTask<MarkerRegistry>> currentMarkers, Func<string, bool> mayBeStored, IReadOnlyDictionary<string, ulong[]>? givenUnchanged = null)
    {
        if (writes.Select(w => w.ParticipantId).Distinct(StringComparer.Ordinal).Count() != writes.Count)
            throw new ArgumentException($"run {runId}: a participant appears twice in one write");
        var (results, summaries, keeping, given, conflicts) = await Attempt(runId, writes, currentMarkers, mayBeStored, givenUnchanged);
        if (conflicts.Count > 0)
        {
            var again = await Attempt(runId, conflicts.Select(i => writes[i]).ToArray(), currentMarkers, _ => true, givenUnchanged);
            if (again.Conflicts.Count > 0)
                throw new Orleans.Storage.InconsistentStateException(
                    $"participant {writes[conflicts[again.Conflicts[0]]].ParticipantId} was written by someone else during run {runId} (two activations of its shard?); run the ingest again");
            for (var k = 0; k < conflicts.Count; k++)
                (results[conflicts[k]], summaries[conflicts[k]], keeping[conflicts[k]], given[conflicts[k]]) = (again.Results[k], again.Summaries[k], again.Keeping[k], again.Given[k]);
        }
        // A participant's bitmap is copied when this call adds to it (ObservationTable.Merge), so one that did not grow is the same object.
        var grown = new List<UnchangedRows>();
        for (var i = 0; i < writes.Count; i++)
        {
            var id = writes[i].ParticipantId;
            if (given[i] is { } rows && !(givenUnchanged?.TryGetValue(id, out var had) == true && ReferenceEquals(had, rows))) grown.Add(new(id, rows));
        }
        var repeats = results.Where(r => r.Repeats is not null).SelectMany(r => r.Repeats!).ToArray();
        return (new MergeResult(results.Sum(r => r.Added), results.Sum(r => r.Changed), results.Sum(r => r.Unchanged), repeats.Length > 0 ? repeats : null), summaries,
            [.. Enumerable.Range(0, writes.Count).Where(i => keeping[i]).Select(i => writes[i].ParticipantId)], [.. grown]);
    }

    /// <summary>
    /// One attempt: what each write did, each one's summary, the rows of each one's stored table the run has now given unchanged (null
    /// when none), and the writes whose version check failed (nothing of theirs was stored).
    /// </summary>
    private async Task<(MergeResult[] Results, ParticipantSummary[] Summaries, bool[] Keeping, ulong[]?[] Given, List<int> Conflicts)> Attempt(string runId,
        IReadOnlyList<ParticipantWrite> writes, Func<ValueTask<MarkerRegistry>> currentMarkers, Func<string, bool> mayBeStored, IReadOnlyDictionary<string, ulong[]>? givenUnchanged)
    {
        var stored = await storage.ReadManyAsync<ParticipantState>(StateType, writes.Select(w => w.ParticipantId).Where(mayBeStored).ToArray());
        var markers = MarkerRegistry.Latest;
        if (writes.Count > 0 && markers.Version < writes.Max(w => w.Batch.MarkersVersion)) markers = await currentMarkers();
        var summaries = new ParticipantSummary[writes.Count];
        var results = new MergeResult[writes.Count];
        var keeping = new bool[writes.Count];
        var given = new ulong[]?[writes.Count];
        var changes = new List<StateWrite>(writes.Count);
        var packed = new StateBuffer();
        var changeOf = new List<int>(writes.Count);
        for (var i = 0; i < writes.Count; i++)
        {
            var (id, batch) = (writes[i].ParticipantId, writes[i].Batch);
            var (s, version) = stored.TryGetValue(id, out var found) ? found : (new ParticipantState(), (long?)null);
            var exists = version is not null;
            var dirty = false;
            if (s.PendingRun is { } pending && pending != runId)
            {
                (s, exists) = await Settle(id, s, pending);
                dirty = true;
            }
            // The participant as published, kept before this run's first change (the columns are replaced, never changed in place).
            var before = s.PendingRun is null ? new ParticipantSnapshot { Demographics = s.Demographics, Factors = s.Factors, Observations = s.Observations, Existed = exists } : null;
            var table = new ObservationTable(s.Observations);
            if (table.MaxMarker >= markers.Slots || NamesMarkerBeyond(batch.Observations.Marker, markers.Slots)) markers = await currentMarkers();
            var factorsChanged = s.Factors is { } f && f != batch.Factors && table.Count > 0;
            if (factorsChanged) table.Reconvert(new ConversionFactors(batch.Factors.Glucose, batch.Factors.Insulin), markers);
            var merged = table.Merge(batch.Observations, runId, givenUnchanged?.GetValueOrDefault(id), batch.MayRepeat);
            given[i] = merged.Given;
            results[i] = new MergeResult(merged.Added, merged.Changed, merged.Unchanged,
                merged.Repeats?.Select(r => new RunRepeat(id, r.Row, r.Same, r.KeptValue, r.KeptUnit)).ToArray());
            var demographicsChanged = batch.Demographics is not null && batch.Demographics != s.Demographics;
            if (demographicsChanged) s.Demographics = batch.Demographics;
            if (s.RecordKey == 0) (s.RecordKey, dirty) = (recordKeys.KeyFor(id), true);
            if (merged.Added + merged.Changed > 0 || demographicsChanged || factorsChanged || s.Factors is null)
            {
                s.Factors = batch.Factors;
                s.Observations = table.ToColumns();
                if (before is not null) (s.PendingRun, s.Before, keeping[i]) = (runId, before, before.Observations.Count > 0);
                dirty = true;
            }
            if (dirty)
            {
                changes.Add(new StateWrite(StateType, id, version, (version ?? 0) + 1, storage.Serialize(s, packed), Staged: true));
                changeOf.Add(i);
            }
            summaries[i] = ParticipantDerivation.Summary(id, table, s.Demographics, s.Factors, s.RecordKey, options, markers);
        }
        var applied = await storage.ApplyAsync(changes);
        // Acknowledged: the store has copied every state (a call that failed leaves its space to the collector, as a write may still be queued).
        packed.Release();
        return (results, summaries, keeping, given, [.. Enumerable.Range(0, applied.Length).Where(k => !applied[k]).Select(k => changeOf[k])]);
    }

    /// <summary>Whether a batch names a marker number the registry has no slot for (a study marker declared after it was read).</summary>
    private static bool NamesMarkerBeyond(byte[] markers, int slots) => slots <= byte.MaxValue && markers.AsSpan().IndexOfAnyInRange((byte)slots, byte.MaxValue) >= 0;

    /// <summary>
    /// Settles, once <paramref name="runId"/> is decided, the participants among <paramref name="ids"/> whose stored state still holds
    /// its change pending: kept when it committed (the published participant kept beside it is dropped, so that a correction does not
    /// leave the state twice its size), undone when it was abandoned (a participant new in it is deleted). A state another write has
    /// settled or changed since is left as it is. Returns how many were settled.
    /// </summary>
    public async Task<int> SettleAsync(string runId, IReadOnlyCollection<string> ids)
    {
        if ((await decisions.Of(runId)).State == RunCommitState.Open) return 0;
        var stored = await storage.ReadManyAsync<ParticipantState>(StateType, ids);
        var writes = new List<StateWrite>();
        foreach (var (id, (s, version)) in stored)
        {
            if (s.PendingRun != runId) continue;
            var (settled, exists) = await Settle(id, s, runId);
            writes.Add(exists ? new StateWrite(StateType, id, version, version + 1, storage.Serialize(settled)) : new StateWrite(StateType, id, version, 0, null));
        }
        return writes.Count == 0 ? 0 : (await storage.ApplyAsync(writes)).Count(a => a);
    }

    /// <summary>
    /// A change an earlier run left pending, as the commit log decided: kept when that run committed, undone when it was abandoned (a
    /// participant new in it becomes absent again). A run still open holds the participant: only it may change them further.
    /// </summary>
    private async Task<(ParticipantState State, bool Exists)> Settle(string id, ParticipantState s, string pending)
    {
        var decision = await decisions.Of(pending);
        switch (decision.State)
        {
            case RunCommitState.Committed:
                (s.PendingRun, s.Before) = (null, null);
                return (s, true);
            case RunCommitState.Open:
                throw new RunNotOpenException($"participant {id} holds changes of run {pending}, which is still open");
        }
        var published = s.Before!;
        if (!published.Existed) return (new ParticipantState { RecordKey = s.RecordKey }, false);
        (s.Demographics, s.Factors, s.Observations, s.PendingRun, s.Before) = (published.Demographics, published.Factors, published.Observations, null, null);
        return (s, true);
    }

    /// <summary>What reads see of a stored state: the participant as published (null when not, or not yet, a participant).</summary>
    public static async ValueTask<ParticipantSnapshot?> Published(ParticipantState s, bool exists, RunDecisions decisions)
    {
        if (s.PendingRun is { } pending && (await decisions.Of(pending)).State != RunCommitState.Committed)
            return s.Before is { Existed: true } b ? b : null;
        return exists ? new ParticipantSnapshot { Demographics = s.Demographics, Factors = s.Factors, Observations = s.Observations, Existed = true } : null;
    }
}
