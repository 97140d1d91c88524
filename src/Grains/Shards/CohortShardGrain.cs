using Cohort.Contracts.Audit;
using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;
using Cohort.Domain.Cutoffs;
using Cohort.Domain.Statistics;
using Cohort.Grains.Markers;
using Cohort.Grains.Queries;
using Cohort.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Cohort.Grains.Shards;

/// <summary>
/// One shard of the cohort: its participants' summaries held as columns (one array per field and per metric). A writing run stages
/// its summaries and events beside the columns, each call's stored in the shard's log (<see cref="ShardLog"/>) before it answers;
/// they join the columns only when the run's commit record exists, and every query answers as of the epoch it pinned, so that no
/// query sees part of a run (<see cref="Invoke"/>). The columns are persisted as one base blob only when the log of runs applied
/// since has grown to half the shard (at once after the run that makes it so, else at a periodic check), when a phenotype model changed them, or when asked
/// (<see cref="Flush"/>); a restart replays the log over the base. Everything here can be rebuilt from the participants; queries never
/// touch participant grains.
/// </summary>
[GrainType("cohortshard")]
public sealed class CohortShardGrain(
    [PersistentState("shard", StorageOptions.ProviderName)] IPersistentState<ShardState> state,
    Microsoft.Extensions.Options.IOptions<Hosting.CohortOptions> options,
    Ingest.RunDecisions decisions,
    GroupCommitGrainStorage storage,
    Domain.Disclosure.IRecordKeySource recordKeys,
    ILogger<CohortShardGrain> logger) : Grain, ICohortShardGrain, IIncomingGrainCallFilter
{
    /// <summary>
    /// How often a shard checks whether its base is due (a check costs nothing; a compaction runs once per large run). A run applied
    /// that makes it due brings the check forward to at once, so that a silo stopped soon after a large ingest restarts from bases
    /// rather than replaying the run.
    /// </summary>
    private TimeSpan CompactionCheck => TimeSpan.FromSeconds(options.Value.ShardCompactionCheckSeconds);

    private readonly Participants.ParticipantWriter _writer = new(storage, decisions, recordKeys, options.Value);
    private ShardLog _log = null!;
    private ShardColumns _columns = null!;
    private ShardPhenotypes _phenotypes = null!;
    private ShardEvents _events = null!;
    private ShardStaging _staging = null!;
    /// <summary>The base blob is behind the columns in what the log cannot replay (phenotype assignments of a new model).</summary>
    private bool _baseDirty;
    /// <summary>Runs applied to the columns since the base blob was written: their segments go once the next base holds them.</summary>
    private readonly HashSet<string> _applied = new(StringComparer.Ordinal);
    /// <summary>Runs whose segments no replay needs (abandoned, or already in the base): deleted at the next compaction.</summary>
    private readonly HashSet<string> _deletable = new(StringComparer.Ordinal);
    /// <summary>
    /// Runs a replay found abandoned in the log (the shard was stopped before it heard): their segments name the participants whose
    /// stored states may still hold the run's change, so the next check reads them for those names before they become deletable.
    /// </summary>
    private readonly List<string> _abandonedInLog = [];
    /// <summary>Summaries and event rows applied since the base blob was written (what a restart replays).</summary>
    private long _appliedSinceBase;
    /// <summary>
    /// Decided runs whose participants' stored states may still hold the run's change pending, oldest first, and how many of the first
    /// one's are settled (<see cref="Settle"/>). A base written keeps what is left (<see cref="ShardState.Unsettled"/>), and a replay
    /// adds the participants its committed runs' segments name as kept, and those its abandoned runs' segments name
    /// (<see cref="_abandonedInLog"/>), so a stop leaves nothing unsettled for good.
    /// </summary>
    private readonly Queue<UnsettledRun> _unsettled = new();
    private int _settledOfFirst;
    /// <summary>Failed attempts at the next slice to settle: after <see cref="SettleAttempts"/> it is left to its participants' next writes.</summary>
    private int _settleFailures;
    private const int SettleAttempts = 3;
    /// <summary>Participants settled per store round trip, and at most per unasked check (a few hundred milliseconds of the store's time).</summary>
    private const int SettledPerRead = 1024, SettledPerCheck = 8192;
    private int[]? _order;
    private IGrainTimer _compaction = null!;
    /// <summary>One unasked compaction at a time in this process (see <see cref="Compact"/>); the others retry after <see cref="CompactionRetry"/>.</summary>
    private static readonly SemaphoreSlim CompactingShard = new(1, 1);
    private static readonly TimeSpan CompactionRetry = TimeSpan.FromSeconds(1);
    /// <summary>Set once activation (and its replay) is over: a replayed log waits for the periodic check, not ahead of the first queries.</summary>
    private bool _active;

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        _log = new ShardLog(storage, this.GetPrimaryKeyLong());
        _columns = new ShardColumns(ShardColumns.Upgrade(state.State));
        _phenotypes = new ShardPhenotypes(state.State);
        _events = new ShardEvents(_columns);
        _staging = new ShardStaging();
        _compaction = this.RegisterGrainTimer(() => Check(), new GrainTimerCreationOptions(CompactionCheck, CompactionCheck) { KeepAlive = true });
        foreach (var run in state.State.Unsettled) _unsettled.Enqueue(run);
        state.State.Unsettled = [];   // the queue holds them now (WriteBase)
        await Replay();
        // A model published after this shard last persisted (the silo stopped before the flush) is applied again from the model store.
        var latest = await GrainFactory.GetGrain<Contracts.Phenotypes.IPhenotypeModelGrain>(0).Latest();
        if (latest is not null && latest.Version != state.State.Model?.Version)
        {
            _phenotypes.AssignAll(latest);
            _baseDirty = true;
        }
        _active = true;
    }

    /// <summary>
    /// Brings the columns up from the base blob with the log: the runs committed after the base's epoch are applied in epoch order,
    /// the run still open is staged again, runs the base already holds are left for the next compaction to delete, and abandoned runs
    /// for the next check to settle (<see cref="_abandonedInLog"/>): read at activation, a million participants' segments would delay
    /// the first queries.
    /// The log is listed first and read run by run, a few segments at a time, each applied as it is read.
    /// A base written by an earlier version may carry a run staged in it (<see cref="ShardState.StagedRun"/>): its data is that run's
    /// first segment, stored as one (sequence −1) when the run is still open, and the base is marked for writing again without it.
    /// </summary>
    private async Task Replay()
    {
        var runs = await _log.ListAsync();
        var legacyRun = state.State.StagedRun;
        var legacy = legacyRun is null ? null : new ShardSegment([.. state.State.StagedSummaries], [.. state.State.StagedEvents]);
        if (legacyRun is not null && !runs.Contains(legacyRun)) runs.Insert(0, legacyRun);
        var committed = new List<(long Epoch, string RunId)>();
        string? open = null;
        foreach (var runId in runs)
        {
            var decision = await decisions.Of(runId);
            switch (decision.State)
            {
                case Contracts.Ingest.RunCommitState.Committed when decision.Epoch > state.State.Epoch:
                    committed.Add((decision.Epoch, runId));
                    break;
                case Contracts.Ingest.RunCommitState.Open:
                    if (open is { } other && other != runId)
                        throw new InvalidOperationException($"shard {this.GetPrimaryKeyLong()} holds staged data of two open runs, {other} and {runId}");
                    open = runId;
                    break;
                case Contracts.Ingest.RunCommitState.Abandoned or Contracts.Ingest.RunCommitState.Unknown:
                    _abandonedInLog.Add(runId);
                    break;
                default:
                    _deletable.Add(runId);
                    break;
            }
        }
        foreach (var (epoch, runId) in committed.OrderBy(c => c.Epoch))
        {
            // A run's events name its participants, so they join once every summary of the run has.
            var events = new List<Contracts.Outcomes.EventRows>();
            var (read, total, newcomers) = (0, _log.SegmentsOf(runId), 0);
            var keeping = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var segment in Segments(runId))
            {
                keeping.UnionWith(segment.Keeping);
                // A run's segments are its row groups' shares of this shard, alike in size: the newcomers so far project how many the
                // rest bring (5% over), so that the columns grow once or twice rather than double a dozen times.
                var fresh = segment.Summaries.Count(s => !_columns.TryGetSlot(s.ParticipantId, out _));
                (read, newcomers) = (read + 1, newcomers + fresh);
                _columns.Reserve(fresh, fresh + (int)(1.05 * newcomers / read * Math.Max(0, total - read)));
                Apply(runId, segment.Summaries, []);
                events.AddRange(segment.Events);
            }
            Apply(runId, [], events);
            Unsettled(runId, keeping);
            state.State.Epoch = Math.Max(state.State.Epoch, epoch);
        }
        _columns.TrimExcess();
        if (open is { } o)
        {
            // Stored as the run's first segment once; the base keeps StagedRun until its next write, so a restart before that finds it stored.
            if (o == legacyRun && !_log.Holds(o, sequence: -1)) await _log.AppendAsync(o, legacy!.Stored(), sequence: -1);
            await _log.LoadRunAsync(o, stored => _staging.Begin(o, stored));
        }
        // Taken up: applied, staged (and stored in the log), or dropped with its abandoned run. The base is written again without it
        // (at the next compaction check, flush or deactivation), so that no later start finds the run a second time.
        (state.State.StagedRun, state.State.StagedSummaries, state.State.StagedEvents) = (null, [], []);
        if (legacyRun is not null) _baseDirty = true;

        async IAsyncEnumerable<ShardSegment> Segments(string runId)
        {
            // A start that stored the run's data in the log and stopped before writing the base finds it in both: read it once.
            if (runId == legacyRun && !_log.Holds(runId, sequence: -1)) yield return legacy!;
            await foreach (var segment in _log.ReadAsync(runId)) yield return segment;
        }
    }

    /// <summary>
    /// Shutting down leaves the log as it is (it is durable); only what the log cannot replay is written. At a million participants a
    /// base blob is tens of megabytes per shard, and writing them all made a silo's stop take minutes.
    /// </summary>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken ct) => _baseDirty ? Compact(trim: true, force: true) : Task.CompletedTask;

    /// <summary>
    /// Every call that pinned the published data (a query) is answered as of that epoch: a shard behind it first applies the run it
    /// holds staged when that run's commit is within the epoch; a shard already past it (a run was published while the query ran)
    /// refuses, and the query asks every shard again at the newer epoch.
    /// </summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (PublishedSnapshot.Pinned() is { } pinned) await CatchUp(pinned);
        await context.Invoke();
    }

    private async Task CatchUp(Contracts.Ingest.PublishedData pinned)
    {
        if (state.State.Epoch == pinned.Epoch) return;
        if (state.State.Epoch > pinned.Epoch)
            throw new SnapshotMovedException($"shard {this.GetPrimaryKeyLong()} is at epoch {state.State.Epoch}, past the query's {pinned.Epoch}");
        // The pin travels with the call, from gateway clients too: the commit log, not the caller, says which epochs exist and what is in them.
        var published = await GrainFactory.GetGrain<Contracts.Ingest.IIngestRunsGrain>(0).Published();
        if (pinned.Epoch > published.Epoch)
            throw new ArgumentException($"epoch {pinned.Epoch} was never published (the latest is {published.Epoch})");
        await Resolve(pinned.Epoch);
        state.State.Epoch = pinned.Epoch;
    }

    /// <summary>Applies the staged run when its commit is within <paramref name="epoch"/>, drops it when it was abandoned, keeps it while open.</summary>
    private async Task Resolve(long epoch)
    {
        if (_staging.Run is not { } run) return;
        var decision = await decisions.Of(run);
        switch (decision.State)
        {
            case Contracts.Ingest.RunCommitState.Committed when decision.Epoch <= epoch:
                await Complete(run);
                Apply();
                state.State.Epoch = Math.Max(state.State.Epoch, decision.Epoch);
                break;
            case Contracts.Ingest.RunCommitState.Abandoned or Contracts.Ingest.RunCommitState.Unknown:
                _deletable.Add(run);
                Unsettled(run, _staging.Participants);   // each changed one restored, each new one deleted
                _staging.Clear();
                break;
        }
    }

    /// <summary>
    /// Before a committed run is applied: if the store holds segments of it this activation did not write (another activation of the
    /// shard did, while the cluster replaced a silo), the run is staged again from the store, whole.
    /// </summary>
    private async Task Complete(string runId)
    {
        if (!await _log.KnowsAllOf(runId)) await _log.LoadRunAsync(runId, stored => _staging.Begin(runId, stored));
    }

    /// <summary>Moves the staged summaries and events into the columns (a committed run's publication).</summary>
    private Contracts.Outcomes.EventMerge Apply()
    {
        // The columns grow once for the run's newcomers: one at a time they doubled a dozen times, each a copy of every column (at
        // 100k participants, 118 MB of large arrays a run).
        var fresh = _staging.Participants.Count(id => !_columns.TryGetSlot(id, out _));
        _columns.Reserve(fresh, fresh);
        // Unpacked one segment at a time; a run's events name its participants, so they join once every summary of the run has.
        var events = new List<Contracts.Outcomes.EventRows>();
        foreach (var segment in _staging.Segments())
        {
            Apply(_staging.Run!, segment.Summaries, []);
            events.AddRange(segment.Events);
        }
        var merge = Apply(_staging.Run!, [], events);
        Unsettled(_staging.Run!, _staging.Keeping);
        _staging.Clear();
        return merge;
    }

    /// <summary>Applies a committed run's summaries (a later one of a participant replaces an earlier) and events to the columns.</summary>
    private Contracts.Outcomes.EventMerge Apply(string runId, IEnumerable<ParticipantSummary> summaries, IEnumerable<Contracts.Outcomes.EventRows> events)
    {
        var count = _columns.Count;
        foreach (var summary in summaries)
        {
            if (_columns.Upsert(summary, out var slot)) _phenotypes.Assign(slot);
            _appliedSinceBase++;
        }
        long added = 0, unchanged = 0, extended = 0;
        foreach (var rows in events)
        {
            var merge = _events.Add(rows);
            (added, unchanged, extended) = (added + merge.Added, unchanged + merge.Unchanged, extended + merge.Extended);
            _appliedSinceBase += rows.Count;
        }
        _applied.Add(runId);
        if (_columns.Count != count) _order = null;
        if (_active && CompactionDue) _compaction.Change(TimeSpan.Zero, CompactionCheck);
        return new Contracts.Outcomes.EventMerge(added, unchanged, extended);
    }

    /// <summary>Takes the staging area for <paramref name="runId"/>, first settling a run staged before it.</summary>
    private async ValueTask Own(string runId)
    {
        if (_staging.Run == runId) return;
        await Resolve(long.MaxValue);
        if (_staging.Run is { } other)
            throw new Contracts.Ingest.RunNotOpenException($"shard {this.GetPrimaryKeyLong()} holds run {other}'s staged data and that run is still open");
        _staging.Begin(runId);
    }

    public async Task<Contracts.Participants.MergeResult> Write(string runId, Contracts.Participants.ParticipantWrite[] participants)
    {
        foreach (var p in participants)
            if (ShardMap.ShardOf(p.ParticipantId, options.Value.Shards) != this.GetPrimaryKeyLong())
                throw new ArgumentException($"participant {p.ParticipantId} belongs to shard {ShardMap.ShardOf(p.ParticipantId, options.Value.Shards)}, not {this.GetPrimaryKeyLong()}");
        await Own(runId);
        var (result, summaries, keeping, given) = await _writer.WriteAsync(runId, participants, async () => await GrainFactory.MarkersAsync(),
            id => _columns.TryGetSlot(id, out _) || _staging.Holds(id), _staging.GivenUnchanged);
        await Stage(runId, new ShardSegment(summaries, [], given, keeping));
        return result;
    }

    public async Task StageEvents(string runId, Contracts.Outcomes.EventRows rows)
    {
        await Own(runId);
        await Stage(runId, new ShardSegment([], [rows]));
    }

    /// <summary>Stores <paramref name="segment"/> in the log (durable with the run's commit record) and stages it, packed as stored.</summary>
    private async Task Stage(string runId, ShardSegment segment)
    {
        var stored = segment.Stored();
        try
        {
            await _log.AppendAsync(runId, stored);
        }
        catch (Orleans.Storage.InconsistentStateException)
        {
            // Another activation of this shard wrote that segment: this one is stale; the next call activates afresh from the store.
            DeactivateOnIdle();
            throw;
        }
        _staging.Add(stored, segment);
    }

    public Task Prepare(string runId, int expected)
    {
        var held = _staging.Run == runId ? _staging.Participants.Count + _staging.EventRows : 0;
        if (held != expected)
            throw new Contracts.Ingest.RunNotOpenException($"run {runId} cannot commit: shard {this.GetPrimaryKeyLong()} holds {held} of the {expected} participants " +
                "and event rows the run staged in it (its silo was lost during the run, and what it held in memory with it); nothing of the run was published — run the ingest again");
        // What the shard holds of the run is stored already (each write call's segment was stored before the call answered), and is
        // durable once the commit record is.
        return Task.CompletedTask;
    }

    public async Task<Contracts.Outcomes.EventMerge> Publish(string runId, long epoch)
    {
        // The commit log, not the caller, says that the run committed and at which epoch.
        var decision = await decisions.Of(runId);
        if (decision.State != Contracts.Ingest.RunCommitState.Committed || decision.Epoch != epoch)
            throw new ArgumentException($"run {runId} was not committed as epoch {epoch} (the commit log says {decision.State.ToString().ToLowerInvariant()}, epoch {decision.Epoch})");
        var merge = new Contracts.Outcomes.EventMerge(0, 0);
        if (_staging.Run == runId)
        {
            await Complete(runId);
            merge = Apply();
        }
        // An earlier run staged here and committed without this shard hearing of it must join the columns before the epoch moves on.
        else await Resolve(epoch);
        state.State.Epoch = Math.Max(state.State.Epoch, epoch);
        return merge;
    }

    public async Task Flush()
    {
        await DropAbandoned();
        await QueueAbandonedInLog();
        await Compact(trim: true, force: true);
        await Settle(int.MaxValue);
    }

    /// <summary>
    /// The periodic check: drops a staged run abandoned since, compacts when due, then settles a slice of decided runs' participants,
    /// taking turns with the process's other shards and coming back shortly while any are left.
    /// </summary>
    private async Task Check()
    {
        await DropAbandoned();
        await Compact(trim: false, force: false);
        if (_unsettled.Count == 0 && _abandonedInLog.Count == 0) return;
        if (await CompactingShard.WaitAsync(0))
        {
            try
            {
                await QueueAbandonedInLog();
                await Settle(SettledPerCheck);
            }
            finally
            {
                CompactingShard.Release();
            }
        }
        if (_unsettled.Count > 0 || _abandonedInLog.Count > 0 || _baseDirty) _compaction.Change(CompactionRetry, CompactionCheck);
    }

    public Task<PhenotypeFeatureBlock> PhenotypeFeatures(VisitChoice visit, int[] metrics) =>
        Task.FromResult(_phenotypes.Features(visit, metrics, Ordered()));

    /// <summary>
    /// Assigns everyone with the model and marks the shard for the next flush (the model itself is already durable in the model
    /// grain, and a shard that restarts without having persisted it applies it again on activation).
    /// </summary>
    public Task<PhenotypeAssignmentCounts> ApplyPhenotypeModel(PhenotypeModel model)
    {
        var counts = _phenotypes.AssignAll(model);
        _baseDirty = true;
        return Task.FromResult(counts);
    }

    public Task<PhenotypeAssignmentCounts?> PhenotypeCounts() => Task.FromResult(_phenotypes.Counts());

    public Task<long[]> ComparePhenotypeModels(PhenotypeModel a, PhenotypeModel b) => Task.FromResult(_phenotypes.Compare(a, b));

    public Task<StrataPhenotypeCounts> PhenotypeTable(CohortQuery query) => Task.FromResult(PhenotypeTableKernel.Run(Scan(query)));

    /// <summary>
    /// Writes the base blob (trimmed to the slots in use when <paramref name="trim"/>; not on the timer, where trimming made the next
    /// upserts grow the arrays again) and then deletes the segments it makes obsolete: when a model changed the columns, when the log
    /// of applied runs has grown to half the shard, or, with <paramref name="force"/>, whenever the log holds anything. A crash between
    /// the two leaves segments of runs at or below the base's epoch, which a replay skips.
    /// </summary>
    private async Task Compact(bool trim, bool force)
    {
        if (_baseDirty || (_applied.Count > 0 && force) || CompactionDue)
        {
            // Unasked compactions take turns across the process: a large run makes every shard's base due at once, and sixteen of them
            // at a time (a second or so of serialising each at 1M) held every core and stalled the run's last steps and the first
            // queries. A shard that finds another compacting tries again shortly, answering queries meanwhile.
            if (!force && !await CompactingShard.WaitAsync(0))
            {
                _compaction.Change(CompactionRetry, CompactionCheck);
                return;
            }
            try
            {
                if (trim) _columns.Trim();
                var applied = _applied.ToArray();
                await WriteBase();
                (_baseDirty, _appliedSinceBase) = (false, 0);
                _applied.ExceptWith(applied);
                _deletable.UnionWith(applied);
            }
            finally
            {
                if (!force) CompactingShard.Release();
            }
        }
        var deletable = _deletable.ToArray();
        await _log.DeleteAsync(deletable);
        _deletable.ExceptWith(deletable);
    }

    /// <summary>
    /// A staged run abandoned since this shard last heard (its runner failed or stopped) leaves memory now, not at the next run, and its
    /// participants are settled. A committed one waits for its publication or for a query pinning its epoch (which applies it), so
    /// that the run's publication call gets its counts from the shard that applies it.
    /// </summary>
    private Task DropAbandoned() => _staging.Run is null ? Task.CompletedTask : Resolve(state.State.Epoch);

    /// <summary>
    /// Queues for settling the participants that the segments of runs a replay found abandoned name, then lets the segments go: the
    /// base is marked for writing, so that the next compaction stores the queue before it deletes them (until then a restart finds
    /// the runs in the log again).
    /// </summary>
    private async Task QueueAbandonedInLog()
    {
        while (_abandonedInLog.Count > 0)
        {
            var runId = _abandonedInLog[^1];
            var written = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var segment in _log.ReadAsync(runId))
                foreach (var summary in segment.Summaries) written.Add(summary.ParticipantId);
            Unsettled(runId, written);
            _deletable.Add(runId);
            _baseDirty = true;
            _abandonedInLog.RemoveAt(_abandonedInLog.Count - 1);
        }
    }

    private void Unsettled(string runId, IReadOnlyCollection<string> participants)
    {
        if (participants.Count > 0) _unsettled.Enqueue(new UnsettledRun(runId, [.. participants]));
    }

    /// <summary>What is left to settle, the first run without those of its participants already settled.</summary>
    private IEnumerable<UnsettledRun> LeftToSettle() =>
        _unsettled.Select((u, i) => i == 0 && _settledOfFirst > 0 ? u with { Participants = u.Participants[_settledOfFirst..] } : u);

    /// <summary>
    /// Settles the stored states of decided runs' participants (<see cref="Participants.ParticipantWriter.SettleAsync"/>), at most
    /// <paramref name="max"/> of them, oldest run first. A slice that fails is tried again at the next check (this one fails); one that
    /// has failed <see cref="SettleAttempts"/> times is given up, logged, so that it does not hold back the rest: settling only
    /// tidies the store (readers already see the decided state), and each of its participants' next writes settles them.
    /// </summary>
    private async Task Settle(int max)
    {
        while (max > 0 && _unsettled.TryPeek(out var next))
        {
            var n = Math.Min(Math.Min(max, SettledPerRead), next.Participants.Length - _settledOfFirst);
            try
            {
                await _writer.SettleAsync(next.Run, new ArraySegment<string>(next.Participants, _settledOfFirst, n));
                _settleFailures = 0;
            }
            catch (Exception e)
            {
                if (++_settleFailures < SettleAttempts)
                    throw new InvalidOperationException($"shard {this.GetPrimaryKeyLong()} could not settle {n} participants of run {next.Run} (attempt {_settleFailures} of {SettleAttempts}; tried again at its next check)", e);
                logger.LogWarning(e, "Shard {Shard} gave up settling {Count} participants of run {Run} after {Attempts} attempts; each is settled at its next write",
                    this.GetPrimaryKeyLong(), n, next.Run, SettleAttempts);
                _settleFailures = 0;
            }
            (_settledOfFirst, max) = (_settledOfFirst + n, max - n);
            if (_settledOfFirst == next.Participants.Length) (_, _settledOfFirst) = (_unsettled.Dequeue(), 0);
        }
    }

    /// <summary>Whether the log of applied runs has grown enough to be worth a new base: half the shard, and a few thousand summaries.</summary>
    private bool CompactionDue => _applied.Count > 0 && _appliedSinceBase >= Math.Max(_columns.Count / 2, options.Value.ShardCompactionMinimum);

    /// <summary>
    /// Writes the base blob, with what is left to settle (<see cref="ShardState.Unsettled"/>); between writes the queue alone holds
    /// that, so that the base's copy does not keep settled runs' participants in memory.
    /// </summary>
    private async Task WriteBase()
    {
        state.State.Unsettled = [.. LeftToSettle()];
        try
        {
            await state.WriteStateAsync();
        }
        catch (Orleans.Storage.InconsistentStateException)
        {
            // Another activation of this shard wrote in between (two can exist briefly while the cluster replaces a dead silo). This
            // one's summaries may be incomplete: drop it, so the next call activates from the stored blob; re-running the ingest
            // sends every participant's summary again.
            DeactivateOnIdle();
            throw;
        }
        finally
        {
            state.State.Unsettled = [];
        }
    }

    /// <summary>
    /// Slots in participant-id order: queries sum in this order so that answers do not depend on the order summaries arrived in
    /// (which differs between runs and cluster sizes); floating-point sums are then byte-identical.
    /// </summary>
    private int[] Ordered() => _order is { } o && o.Length == state.State.Count ? o : _order = ShardScan.IdOrder(state.State);

    private ShardScan Scan(CohortQuery query) => new(state.State, query, Ordered());

    public Task<StrataDistribution> Distribution(CohortQuery query, int metric) => Task.FromResult(DistributionKernel.Run(Scan(query), metric));

    public Task<StrataCounts> Prevalence(CohortQuery query, Condition condition, string standard) =>
        Task.FromResult(PrevalenceKernel.Run(Scan(query), condition, StandardPopulation.Get(standard)));

    public Task<CutoffCounts> HomaIrCutoffs(CohortQuery query, string[] cutoffIds) =>
        Task.FromResult(CutoffKernel.Run(Scan(query), cutoffIds.Select(CutoffRegistry.Get).ToArray(), options.Value.Factors()));

    public Task<ReferenceRow[]> ReferenceRows(CohortQuery query) => Task.FromResult(ReferenceRowsKernel.Run(Scan(query)));

    public Task<TransitionCounts> Transitions(CohortQuery query, VisitChoice from, VisitChoice to, TransitionKind kind) =>
        Task.FromResult(TransitionKernel.Run(Scan(query with { Visit = from }), to, kind));

    public Task<ShardOverview> Overview() => Task.FromResult(OverviewKernel.Run(state.State));

    public async Task<Contracts.Outcomes.EventRejection[]> CheckEvents(Contracts.Outcomes.EventRows rows)
    {
        // Participants of a committed run this shard has not applied yet are participants.
        await Resolve(long.MaxValue);
        return _events.Check(rows);
    }

    public Task<Contracts.Outcomes.OutcomePartial> Outcomes(CohortQuery query, string eventCode) =>
        Task.FromResult(OutcomeKernel.Run(Scan(query), eventCode));

    /// <summary>
    /// One shard's participant-level rows. Every call by a person (any call with an actor: the dashboard's or the CLI's export, or a
    /// gateway client calling shards itself) is audited here, so that no route reads participant-level data unrecorded.
    /// </summary>
    public async Task<ExportChunk> Export(CohortQuery query)
    {
        var chunk = ExportRows(query);
        await GrainFactory.AuditPersonRead(Contracts.Audit.AuditActions.ExportShard, $"shard {this.GetPrimaryKeyLong()}",
            $"{chunk.Count} visits of {chunk.ParticipantId.Distinct().Count()} participants; filter {System.Text.Json.JsonSerializer.Serialize(query.Filter)}");
        return chunk;
    }

    private ExportChunk ExportRows(CohortQuery query) => options.Value.ExportEnabled
        ? ExportKernel.Run(Scan(ExportKernel.Scanned(query)), _phenotypes)
        : throw new ExportRefusedException("participant-level export is turned off on this cohort (Cohort:ExportEnabled is false)");
}
