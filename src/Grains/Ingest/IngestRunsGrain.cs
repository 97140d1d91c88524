using Cohort.Contracts.Audit;
using Cohort.Contracts.Ingest;
using Cohort.Grains.Storage;

namespace Cohort.Grains.Ingest;

/// <summary>
/// The history of ingest runs, newest last, held in memory and stored in pages (<see cref="RunHistory"/>: a run's record rewrites one
/// page, never the whole history; each run's quarantine lives in its own grain), and the commit log that makes a run's
/// writes visible all at once: a run opens before its first write, stages everything, and one durable commit record here publishes
/// it. Runs write one at a time. On activation (after a silo restart) a run still open is abandoned when its runner went with a silo,
/// or ran outside any and no other silo is active to have kept its connection, and kept open while the runner's silo is still in the
/// cluster (this grain's own silo was lost, not the runner's), or while another silo may still carry a runner outside any; a
/// committed run whose runner never recorded it is recorded from its commit entry: the history says which. An open run whose
/// runner's silo leaves the cluster, or whose runner outside any silo (the CLI against a cluster) falls silent, is abandoned by a
/// periodic check, which runs at once when someone asks about the run.
/// </summary>
[GrainType("ingestruns")]
public sealed class IngestRunsGrain(
    [PersistentState("runs", StorageOptions.ProviderName)] IPersistentState<IngestRunsState> state,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    Microsoft.Extensions.Options.IOptions<Hosting.CohortOptions> options,
    GroupCommitGrainStorage storage) : Grain, IIngestRunsGrain
{
    private static readonly TimeSpan RunnerCheck = TimeSpan.FromSeconds(30);
    /// <summary>How long a judgement of a run waits for the membership to be read again before leaving the run to a later check.</summary>
    private static readonly TimeSpan MembershipPatience = TimeSpan.FromSeconds(10);
    private IGrainTimer? _runnerCheck;

    private static readonly TimeSpan Silent = TimeSpan.FromMinutes(5);

    /// <summary>The run history as loaded at activation and changed since (its changed pages are written by <see cref="Persist"/>).</summary>
    private RunHistory _history = new(1, []);

    /// <summary>Runs in progress by id: memory only (a run outlives no restart of its runner), dropped when recorded or silent.</summary>
    private readonly Dictionary<string, RunProgress> _running = new(StringComparer.Ordinal);

    /// <summary>When this activation began: a run it has neither opened nor heard from counts as heard from then.</summary>
    private readonly DateTime _activated = DateTime.UtcNow;

    /// <summary>
    /// When this activation opened each run still open, by its own clock (a run's <see cref="RunCommit.StartedAt"/> is its runner's):
    /// a run it has not heard from since counts as heard from then.
    /// </summary>
    private readonly Dictionary<string, DateTime> _opened = new(StringComparer.Ordinal);

    /// <summary>
    /// How long an open run's runner may go unheard: a runner outside any silo reports at least every ten seconds while its run is open,
    /// so its silence is the only sign that it is gone (<see cref="Hosting.CohortOptions.ClientRunnerSilenceSeconds"/>); one in a silo is
    /// judged by the membership, and its silence only as a last resort.
    /// </summary>
    private TimeSpan SilenceAllowed(RunCommit c) => c.Runner is null ? TimeSpan.FromSeconds(options.Value.ClientRunnerSilenceSeconds) : Silent;

    /// <summary>Whether an open run's runner has been silent for longer than it may be (every time here is this grain's own clock).</summary>
    private bool FallenSilent(RunCommit c, DateTime now)
    {
        if (c.State != RunCommitState.Open) return false;
        var heard = _opened.GetValueOrDefault(c.RunId, _activated);
        if (_running.TryGetValue(c.RunId, out var p) && p.ReportedAt > heard) heard = p.ReportedAt;
        return now - heard > SilenceAllowed(c);
    }

    /// <summary>
    /// Whether a runner outside any silo may still be running its open run when this grain activates: only while another silo is active,
    /// through which it may be connected (a client of a single-silo store lost its only gateway with the silo this grain was on). Kept
    /// open, the run is then judged by its silence from this activation on.
    /// </summary>
    private bool ClientRunnerMayLive() =>
        membership.CurrentSnapshot.Members.Values.Any(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(localSilo.SiloAddress));

    /// <summary>Whether an open run's runner outside any silo has fallen silent: the only sign that such a runner is gone.</summary>
    private bool ClientRunnerSilent(RunCommit c) => c.Runner is null && FallenSilent(c, DateTime.UtcNow);

    private string SilentReason(RunCommit c) => c.Runner is null
        ? $"its runner, outside any silo, was not heard from for {SilenceAllowed(c).TotalSeconds:0} seconds (stopped, or cut off from the cluster); nothing of it was published"
        : $"its runner was silent for {Silent.TotalMinutes:0} minutes; nothing of it was published";

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        _history = await LoadHistory();
        var changed = _history.Changed.Count > 0 | state.State.KeyLegacyEntriesByRole(_history.Runs) | state.State.HasRecordsToMove;
        foreach (var c in state.State.Commits.Values.Where(c => !c.Recorded).ToArray())
        {
            if (c.State == RunCommitState.Open)
            {
                if (c.Runner is null ? ClientRunnerMayLive() : !await Orphaned(c))
                {
                    // The open run must outlive idle collection here too.
                    DelayDeactivation(TimeSpan.FromDays(1));
                    continue;
                }
                AbandonAndRecord(c, "the silo stopped while the run was writing; nothing of it was published");
            }
            else AddRecovered(c, c.State == RunCommitState.Committed ? RunStatus.Succeeded : RunStatus.Failed);
            changed = true;
        }
        changed |= await SweepLeftQuarantines();
        if (changed) await Persist();
        else await ClearPagesLeaving();
        _runnerCheck = this.RegisterGrainTimer(AbandonOrphans, new GrainTimerCreationOptions(RunnerCheck, RunnerCheck) { KeepAlive = false });
    }

    /// <summary>
    /// Whether an open run's runner is known to be gone: its silo is dead in the cluster's membership, or absent from it even once the
    /// membership is read again (a silo that joined a moment ago is in it by then; the silo of an earlier process of a single-silo
    /// store never is), or the silo it names cannot be read. A silo still joining or shutting down counts as there. A runner outside
    /// any silo is never judged here (its silence is); nor is a run whose membership could not be read now (a later check judges it).
    /// </summary>
    private async Task<bool> Orphaned(RunCommit c)
    {
        if (!MayBeOrphaned(c)) return false;
        if (RunnerStatus(c) == SiloStatus.None)
        {
            // Bounded: this grain answers nothing while it waits (a slow membership table would hold every ingest).
            using var patience = new CancellationTokenSource(MembershipPatience);
            try
            {
                await membership.Refresh(default, patience.Token);
            }
            catch (Exception)
            {
                return false;
            }
        }
        return MayBeOrphaned(c);
    }

    /// <summary>Whether an open run's runner may be gone by this silo's current view of the membership (<see cref="Orphaned"/> reads it again to be sure).</summary>
    private bool MayBeOrphaned(RunCommit c) =>
        c.State == RunCommitState.Open && c.Runner is not null && (RunnerStatus(c) is null or SiloStatus.None or SiloStatus.Dead);

    /// <summary>The membership status of the silo the run's runner named; null when what it named is not a silo address.</summary>
    private SiloStatus? RunnerStatus(RunCommit c)
    {
        try
        {
            return membership.CurrentSnapshot.GetSiloStatus(SiloAddress.FromParsableString(c.Runner!));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            return null;
        }
    }

    private string RunnerGone(RunCommit c) => RunnerStatus(c) is null
        ? $"its runner named no silo this cluster can read ({c.Runner}); nothing of it was published"
        : $"its runner's silo ({c.Runner}) left the cluster while the run was writing; nothing of it was published";

    /// <summary>Abandons the open runs whose runner's silo has left the cluster, and those whose runner outside any silo fell silent.</summary>
    private async Task AbandonOrphans()
    {
        var gone = new List<(RunCommit Run, string Reason)>();
        foreach (var c in state.State.Commits.Values.ToArray())
            if (await Orphaned(c)) gone.Add((c, RunnerGone(c)));
            else if (ClientRunnerSilent(c)) gone.Add((c, SilentReason(c)));
        if (gone.Count == 0) return;
        foreach (var (c, reason) in gone)
            AbandonAndRecord(c, reason);
        await Persist();
        ReleaseIfIdle();
    }

    /// <summary>
    /// The run history from its pages: from the first still in the window on, up to the first page with nothing in it (so a run whose
    /// page was written before a failure kept the state from being written is read like any other, and its commit entry is then marked
    /// recorded). A store written before pages has its history in the state, and it is laid out in pages still to be written.
    /// </summary>
    private async Task<RunHistory> LoadHistory()
    {
        if (state.State.Runs.Count > 0) return RunHistory.FromUnpaged(state.State.Runs);
        var first = state.State.DroppedPages + 1;
        var pages = new List<IReadOnlyList<RunSummary>>();
        while (await Page(first + pages.Count).Runs() is { Count: > 0 } runs) pages.Add(runs);
        return new RunHistory(first, pages);
    }

    private IRunHistoryPageGrain Page(long number) => GrainFactory.GetGrain<IRunHistoryPageGrain>(number);

    private IIngestedFileGrain IngestedFile(string key) => GrainFactory.GetGrain<IIngestedFileGrain>(key);

    private ICommitLogEntryGrain CommitLogEntry(string runId) => GrainFactory.GetGrain<ICommitLogEntryGrain>(runId);

    /// <summary>A run's entry in the commit log: in the state until the run is recorded (and the state written), then in its own record.</summary>
    private async Task<RunCommit?> CommitEntry(string runId) =>
        state.State.Commits.GetValueOrDefault(runId) ?? await CommitLogEntry(runId).Entry();

    /// <summary>What moves out of the state into records of its own, each with what removes it from the state once its record is written.</summary>
    private IEnumerable<(Func<Task> Write, Action Moved)> RecordsToMove() =>
        state.State.IngestedToMove.Select(m => (Write: (Func<Task>)(() => IngestedFile(m.Key).Mark(m.Value)), Moved: (Action)(() => state.State.Ingested.Remove(m.Key))))
            .Concat(state.State.CommitsToMove
                .Select(c => (Write: (Func<Task>)(() => CommitLogEntry(c.RunId).Keep(c.AsRecorded())), Moved: (Action)(() => state.State.Commits.Remove(c.RunId)))));

    /// <summary>How many records <see cref="Persist"/> writes at once (a store written before 7 December 2026 moves thousands).</summary>
    private const int MoveBatch = 256;

    /// <summary>
    /// Writes the history's changed pages, then moves the files newly marked ingested and the commit log's entries of runs now recorded
    /// out of the state into records of their own, then writes the state (with the history's first page) without them, then clears the
    /// pages that left the history. A run's page and records go together (the store commits them in one group), or the page alone when
    /// the store refuses the records (<see cref="WritePagesWith"/>); a store written before 7 December 2026, which moves its history, its
    /// ingested files and its whole commit log here, moves them <see cref="MoveBatch"/> at a time, the state written after each batch so
    /// that what has moved stays moved. When a write fails, memory is reloaded from what is
    /// durable (or this activation is dropped when even that fails), so that no caller ever learns of a commit or an abandonment that
    /// storage does not hold. A page left uncleared by a failure or a stop is cleared at a later write or activation (<see cref="ClearPagesLeaving"/>).
    /// </summary>
    private async Task Persist()
    {
        try
        {
            var pages = _history.Changed.ToArray();
            var moves = RecordsToMove().Chunk(MoveBatch).DefaultIfEmpty([]).ToArray();
            for (var b = 0; b < moves.Length; b++)
            {
                if (b == 0)
                {
                    // Refused: nothing moves at this write, and the loop ends with this batch.
                    if (!await WritePagesWith(pages, moves[0])) moves = [[]];
                    foreach (var (number, _) in pages) _history.Written(number);
                    state.State.DroppedPages = _history.FirstPage - 1;
                    state.State.Runs.Clear();
                    state.State.PagesLeaving.AddRange(_history.TakeLeft());
                }
                else await Task.WhenAll(moves[b].Select(m => m.Write()));
                foreach (var m in moves[b]) m.Moved();
                if (b < moves.Length - 1) await state.WriteStateAsync();
            }
            await state.WriteStateAsync();
        }
        catch
        {
            try
            {
                await state.ReadStateAsync();
                _history = await LoadHistory();
                // A run whose page was written before the state's write failed is recorded all the same, as a restart would find it.
                foreach (var c in state.State.Commits.Values.Where(c => !c.Recorded && c.State != RunCommitState.Open).ToArray()) RecordedOnItsPage(c);
            }
            catch { DeactivateOnIdle(); }
            throw;
        }
        await ClearPagesLeaving();
    }

    /// <summary>
    /// Writes the history's changed pages together with the first batch of records to move, and says whether the records were written.
    /// A store that refuses them (a full one: a new record needs new space, a page rewritten in place seldom does) is asked for the pages
    /// alone, so that a run is still recorded, its failure included, in a store that has filled up; the records stay in the state and
    /// move at a later write.
    /// </summary>
    private async Task<bool> WritePagesWith(IReadOnlyList<(long Number, IReadOnlyList<RunSummary> Runs)> pages, IReadOnlyList<(Func<Task> Write, Action Moved)> records)
    {
        IEnumerable<Task> WritePages() => pages.Select(p => Page(p.Number).Write(p.Runs));
        try
        {
            await Task.WhenAll(WritePages().Concat(records.Select(m => m.Write())));
            return true;
        }
        catch (Exception e) when (records.Count > 0 && Contracts.StateStoreException.Behind(e) is not null)
        {
            await Task.WhenAll(WritePages());
            return false;
        }
    }

    /// <summary>
    /// Clears, once per store, the quarantines of runs no longer in the history (<see cref="IngestRunsState.LeftQuarantinesSwept"/>),
    /// and says whether the state is to be written. A sweep that fails is tried at the next activation.
    /// </summary>
    private async Task<bool> SweepLeftQuarantines()
    {
        if (state.State.LeftQuarantinesSwept) return false;
        if (!state.RecordExists)
        {
            // A store that never recorded a run has no quarantine to sweep: the mark is written with the state's first write.
            state.State.LeftQuarantinesSwept = true;
            return false;
        }
        try
        {
            await ClearQuarantines((await storage.KeysWithPrefixAsync(RunQuarantineGrain.StateType, "")).Where(runId => _history.Find(runId) is null));
        }
        catch (Exception)
        {
            return false;
        }
        state.State.LeftQuarantinesSwept = true;
        return true;
    }

    /// <summary>Clears the quarantines of runs no longer in the history, <see cref="ClearBatch"/> at a time.</summary>
    private async Task ClearQuarantines(IEnumerable<string> runIds)
    {
        foreach (var batch in runIds.Chunk(ClearBatch))
            await Task.WhenAll(batch.Select(runId => GrainFactory.GetGrain<IRunQuarantineGrain>(runId).Clear()));
    }

    /// <summary>How many quarantines <see cref="ClearQuarantines"/> clears at once.</summary>
    private const int ClearBatch = 64;

    /// <summary>
    /// Clears the pages that have left the history (<see cref="IngestRunsState.PagesLeaving"/>) and their runs' quarantines: a run no
    /// longer in the history cannot be shown, nor its quarantine asked for or replayed. A page whose clearing fails is tried again at
    /// the next write or activation; the state drops the numbers cleared at its next write.
    /// </summary>
    private async Task ClearPagesLeaving()
    {
        foreach (var number in state.State.PagesLeaving.ToArray())
        {
            try
            {
                await ClearQuarantines((await Page(number).Runs()).Select(r => r.RunId));
                await Page(number).Clear();
                state.State.PagesLeaving.Remove(number);
            }
            catch (Exception)
            {
                // The state no longer reads it as part of the history: a later write or activation tries again.
            }
        }
    }

    /// <summary>Abandons an open run whose runner is gone, and records it in the history as failed.</summary>
    private void AbandonAndRecord(RunCommit open, string reason)
    {
        var abandoned = open with { State = RunCommitState.Abandoned, Reason = reason };
        state.State.Commits[open.RunId] = abandoned;
        AddRecovered(abandoned, RunStatus.Failed);
    }

    /// <summary>A history entry for a run whose runner never recorded it, from its commit entry (counts unknown: zero).</summary>
    private void AddRecovered(RunCommit c, RunStatus status)
    {
        if (RecordedOnItsPage(c)) return;
        state.State.Commits[c.RunId] = c.AsRecorded();
        Append(new RunSummary
        {
            RunId = c.RunId, Status = status, Trigger = RunCodes.ParseTrigger(c.Trigger), StartedAt = c.StartedAt, FinishedAt = DateTime.UtcNow,
            Files = c.Inputs.Select(f => f.Name).ToList(), Inputs = c.Inputs, RowsRead = 0, RowsAccepted = 0, RowsRejected = 0, RowsFlagged = 0,
            RowsUnchanged = 0, RowsAdded = 0, RowsChanged = 0, ParticipantsTouched = 0, RejectsByReason = new Dictionary<string, long>(),
            Message = status == RunStatus.Succeeded
                ? $"committed as epoch {c.Epoch} and published whole; its runner stopped before recording the row counts"
                : $"abandoned: {c.Reason}",
        });
    }

    /// <summary>
    /// Marks a run recorded, its files ingested, when its page holds it although the state was not written after the page (a failure
    /// between the two), and says whether it did.
    /// </summary>
    private bool RecordedOnItsPage(RunCommit c)
    {
        if (_history.Find(c.RunId) is not { } recorded) return false;
        state.State.Commits[c.RunId] = c.AsRecorded();
        MarkIngested(recorded);
        return true;
    }

    public async Task<string?> Open(RunCommit run)
    {
        if (await CommitEntry(run.RunId) is { } known && known.State != RunCommitState.Open)
            throw new RunNotOpenException($"run {run.RunId} was already {known.State.ToString().ToLowerInvariant()}: a run id opens once");
        var now = DateTime.UtcNow;
        foreach (var other in state.State.Commits.Values.Where(c => c.State == RunCommitState.Open && c.RunId != run.RunId).ToArray())
        {
            if (await Orphaned(other))
            {
                AbandonAndRecord(other, RunnerGone(other));
                continue;
            }
            if (!FallenSilent(other, now)) return other.RunId;
            AbandonAndRecord(other, SilentReason(other));
        }
        state.State.Commits[run.RunId] = run with { State = RunCommitState.Open, Epoch = 0, Reason = null, Runner = RequestContext.Get(RunnerSilo.Key) as string };
        await Persist();
        _opened[run.RunId] = DateTime.UtcNow;
        // The open run must outlive idle collection (an activation elsewhere keeps it open only while its runner's silo is in the cluster).
        DelayDeactivation(TimeSpan.FromDays(1));
        return null;
    }

    public async Task<long> Commit(string runId)
    {
        var c = await CommitEntry(runId);
        if (c?.State == RunCommitState.Committed) return c.Epoch;
        if (c?.State != RunCommitState.Open)
            throw new RunNotOpenException(c is null ? $"run {runId} never opened" : $"run {runId} was abandoned ({c.Reason}): nothing of it was published; run the ingest again");
        var epoch = state.State.Epoch + 1;
        state.State.Commits[runId] = c with { State = RunCommitState.Committed, Epoch = epoch };
        state.State.Epoch = epoch;
        state.State.PublishedRun = runId;
        await Persist();
        ReleaseIfIdle();
        return epoch;
    }

    public async Task Abandon(string runId, string reason)
    {
        if (state.State.Commits.GetValueOrDefault(runId) is not { State: RunCommitState.Open } c) return;
        state.State.Commits[runId] = c with { State = RunCommitState.Abandoned, Reason = reason };
        await Persist();
        ReleaseIfIdle();
    }

    /// <summary>Forgets when the runs decided since opened, and lets the activation be collected once no run is open.</summary>
    private void ReleaseIfIdle()
    {
        foreach (var runId in _opened.Keys.Where(id => state.State.Commits.GetValueOrDefault(id)?.State != RunCommitState.Open).ToArray()) _opened.Remove(runId);
        if (!state.State.Commits.Values.Any(c => c.State == RunCommitState.Open)) DelayDeactivation(TimeSpan.FromMinutes(-1));
    }

    /// <summary>
    /// What became of a run. Read-only (callers interleave), so an open run found orphaned here is abandoned by the runner check,
    /// brought forward to now, not by this call: a caller learns of an abandonment only once it is durable.
    /// </summary>
    public async Task<RunCommit?> Decision(string runId)
    {
        var c = await CommitEntry(runId);
        if (c is not null && (MayBeOrphaned(c) || ClientRunnerSilent(c))) _runnerCheck?.Change(TimeSpan.Zero, RunnerCheck);
        return c;
    }

    public Task<PublishedData> Published() => Task.FromResult(new PublishedData(state.State.Epoch, Version));

    public Task Running(RunProgress progress)
    {
        // A report that arrives after its run was recorded is late, not news.
        if (_history.Find(progress.RunId) is null) _running[progress.RunId] = progress with { ReportedAt = DateTime.UtcNow };
        return Task.CompletedTask;
    }

    public Task Stopped(string runId)
    {
        _running.Remove(runId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RunProgress>> InProgress()
    {
        var now = DateTime.UtcNow;
        foreach (var gone in _running.Values.Where(p => now - p.ReportedAt > Silent).ToArray()) _running.Remove(gone.RunId);
        return Task.FromResult<IReadOnlyList<RunProgress>>(_running.Values.OrderBy(p => p.StartedAt).ToArray());
    }

    public async Task Record(RunSummary run, IReadOnlyList<QuarantinedRow> quarantine)
    {
        _running.Remove(run.RunId);
        if (quarantine.Count > 0) await GrainFactory.GetGrain<IRunQuarantineGrain>(run.RunId).Save(quarantine);
        if (await CommitEntry(run.RunId) is { } c)
        {
            // The commit record decides: a run whose commit landed is published whole, even when its runner saw the call fail.
            if (c.State == RunCommitState.Committed && run.Status != RunStatus.Succeeded)
                run = run with { Status = RunStatus.Succeeded, Message = $"published whole as epoch {c.Epoch}: its commit record was written, although its runner saw the run fail" };
            // A run that opened but did not commit is abandoned by its own record; one whose commit entry says abandoned cannot have succeeded.
            if (c.State == RunCommitState.Open && run.Status != RunStatus.Succeeded) c = c with { State = RunCommitState.Abandoned, Reason = run.Message ?? run.Status.Code() };
            if (c.State != RunCommitState.Committed && run.Status == RunStatus.Succeeded)
                throw new RunNotOpenException($"run {run.RunId} is recorded as succeeded but its commit entry says {c.State.ToString().ToLowerInvariant()}");
            state.State.Commits[run.RunId] = c.AsRecorded();
            ReleaseIfIdle();
        }
        Append(run);
        await Persist();
        await GrainFactory.Audit(Contracts.Audit.AuditActions.IngestRun, run.RunId,
            from: $"{run.Trigger.Code()} via {Contracts.Access.AccessContext.From}", detail: $"{run.Status.Code()}: {run.RowsAccepted} rows accepted, {run.RowsRejected} rejected; files {string.Join(", ", (run.Inputs ?? []).Select(f => $"{f.Name} sha256 {f.Sha256[..Math.Min(12, f.Sha256.Length)]}"))}");
    }

    private void Append(RunSummary run)
    {
        _history.Add(run);
        MarkIngested(run);
    }

    /// <summary>A succeeded run's input files count as ingested, by role and content hash, from then on.</summary>
    private void MarkIngested(RunSummary run)
    {
        if (run.Status == RunStatus.Succeeded)
            foreach (var f in run.Inputs ?? []) state.State.Ingested[IngestedFileGrain.Key(f.Role, f.Sha256)] = run.RunId;
    }

    public Task<RunSummary?> Get(string runId) => Task.FromResult(_history.Find(runId));

    public Task<string> DataVersion() => Task.FromResult(Version);

    /// <summary>The run of the latest commit; of a store written before commits, the latest succeeded run.</summary>
    private string Version => state.State.PublishedRun ?? _history.Runs.LastOrDefault(r => r.Status == RunStatus.Succeeded)?.RunId ?? "no data";

    public async Task<string?> IngestedAs(string role, string sha256)
    {
        var key = IngestedFileGrain.Key(role, sha256);
        // Still in the state: marked by a store written before 7 December 2026, or by a run whose record failed to move it.
        return state.State.Ingested.GetValueOrDefault(key) ?? await IngestedFile(key).IngestedBy();
    }

    public Task<RunSummary?> Previous(string? schedule) =>
        Task.FromResult(_history.Runs.LastOrDefault(r => r.Schedule == schedule && r.Quality is not null));

    public Task<IReadOnlyList<RunSummary>> List() => Task.FromResult<IReadOnlyList<RunSummary>>(_history.Runs.ToArray());

    public Task<IReadOnlyList<RunSummary>?> Newest(int count, string? before) => Task.FromResult(_history.Newest(count, before));

    public Task<int> Count() => Task.FromResult(_history.Count);

    public Task<IReadOnlyList<QuarantinedRow>> Quarantine(string runId) => GrainFactory.GetGrain<IRunQuarantineGrain>(runId).Get();
}
