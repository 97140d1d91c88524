using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Cohort.Contracts.Ingest;
using Cohort.Contracts.Participants;
using Cohort.Contracts.Queries;
using Cohort.Domain.Markers;
using Cohort.Domain.Units;
using Cohort.Ingest.Layouts;
using Cohort.Ingest.Markers;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// Runs an ingest, all or nothing. It hashes the input files (a file already ingested with the same content is not ingested again)
/// while it reads the marker registry and the participants file, opens every source (schema checks: nothing is read before every file has opened) and starts reading
/// them (<see cref="RowGroupReading"/>) while it maps the participants and opens the run in the commit log, then makes one
/// pass over every row group: read, validate (rejected rows to the quarantine), group the accepted rows by participant and send each
/// shard its participants' batches in one call (the shard merges, derives and stores them), while the next row group is read. The
/// changes stay staged until one commit record publishes all of them (<see cref="RunCommitter"/>); a run whose share of rejected
/// rows passes its threshold is abandoned instead, and publishes nothing. A run that fails or is killed part-way publishes nothing,
/// and running the same files again completes it: files count as ingested only once a run over them committed. Works the same from
/// the CLI (an Orleans client), the schedule runner and the demo inside the silo.
/// </summary>
public sealed partial class IngestRunner(IGrainFactory grains)
{
    public static readonly ActivitySource Activity = new("Cohort.Ingest");
    private static readonly Meter Meter = new("Cohort.Ingest");
    private static readonly Counter<long> RowsRead = Meter.CreateCounter<long>("cohort.ingest.rows_read");
    private static readonly Counter<long> RowsAccepted = Meter.CreateCounter<long>("cohort.ingest.rows_accepted");
    private static readonly Counter<long> RowsRejected = Meter.CreateCounter<long>("cohort.ingest.rows_rejected");
    private static readonly Histogram<double> RunSeconds = Meter.CreateHistogram<double>("cohort.ingest.run_duration", "s");
    internal static readonly Histogram<double> ScheduleLag = Meter.CreateHistogram<double>("cohort.ingest.schedule_lag", "s",
        "time from a schedule's due tick to the start of its run");

    public async Task<RunSummary> RunAsync(IngestRequest request, IProgress<IngestProgress>? progress = null, CancellationToken ct = default)
    {
        var runId = request.RunId ?? $"run-{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid().ToString("N")[..6]}";
        using var activity = Activity.StartActivity("ingest run");
        activity?.SetTag("cohort.run_id", runId);
        activity?.SetTag("cohort.trigger", request.Trigger.Code());
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var run = new RunState(request.QuarantineLimit) { Started = started };
        await using var announced = new RunAnnouncer(grains.GetGrain<IIngestRunsGrain>(0), runId, request.Trigger.Code(), started, progress);
        try
        {
            request.Validate();
            await announced.StartAsync();
            await ExecuteAsync(runId, request, run, announced, ct);
        }
        catch (OperationCanceledException)
        {
            if (run.Commit is { } c) await c.AbandonAsync("the run was cancelled");
            await announced.StoppedAsync();
            throw;
        }
        catch (IngestException e)
        {
            run.Fail(e.Message, run.Publishing ? "; nothing of it was published" : "; nothing was written");
        }
        catch (RunNotOpenException e)
        {
            run.Fail(e.Message, "");
        }
        catch (Exception e) when (e is not OperationCanceledException && IsClusterFailure(e))
        {
            // A silo died, a grain moved or the store failed while the run was writing: nothing of it was committed, so nothing of it
            // is visible; the run is recorded as failed (abandoned in the commit log) and running it again completes it, once a store
            // that needs fixing (a full disk, a damaged file) is fixed.
            var store = StoreFailure(e);
            run.Fail(store is null ? $"the cluster failed during the run ({e.GetType().Name}: {e.Message})" : $"the store failed during the run ({store.Message})",
                !run.Publishing ? "; nothing was written"
                : store is { Permanent: true } ? "; nothing of it was published — fix the store and run the ingest again"
                : "; nothing of it was published — run the ingest again");
        }
        catch (Exception) when (run.Commit is { Opened: true, Committed: false })
        {
            // Anything else is a defect, and goes to the caller; an open run is abandoned first, so that it publishes nothing and the
            // next run need not wait for it to fall silent.
            await run.Commit.AbandonAsync("the run failed with an unexpected error");
            await announced.StoppedAsync();
            throw;
        }
        if (run.Failure is not null && run.Commit is { Opened: true, Committed: false } asked && await asked.LandedAsync())
            run.Commit.Committed = true;
        if (run.Failure is not null && run.Commit is { Committed: true })
        {
            // The commit record was written: the run is published whole whatever the runner saw fail.
            run.Status = RunStatus.Succeeded;
            run.Note($"the run was committed and is published whole, although the runner saw this fail: {run.Failure}");
        }
        else if (run.Failure is not null) run.Note(run.Failure + run.Consequence);
        // A run that failed before its commit published nothing: what it staged is abandoned, so it added, changed and kept nothing (as
        // a rejected run); what it read, accepted and rejected stays counted.
        if (run.Status == RunStatus.Failed) (run.Added, run.Changed, run.Unchanged, run.Touched) = (0, 0, 0, 0);
        if (run.Status != RunStatus.Succeeded && run.Commit is { } opened) await opened.AbandonAsync(run.Message ?? "the run failed");
        var leftOut = run.Rejected - run.Quarantine.Count;
        if (leftOut > 0) run.Note($"{leftOut} rejected rows beyond the quarantine limit of {request.QuarantineLimit} are counted but not kept");
        var files = run.Inputs.Count > 0 ? run.Inputs.Select(f => f.Name).ToList()
            : request.ObservationFiles.Select(f => Path.GetFileName(f)).Prepend(request.ParticipantsFile is { } p ? Path.GetFileName(p) : null).OfType<string>().ToList();
        var summary = new RunSummary
        {
            RunId = runId, Status = run.Status, Trigger = request.Trigger, Schedule = request.Schedule, ReplayOf = request.ReplayOf,
            StartedAt = started, FinishedAt = started + clock.Elapsed, Files = files, Inputs = run.Inputs,
            RowsRead = run.Read, RowsAccepted = run.Accepted, RowsRejected = run.Rejected, RowsFlagged = run.Flagged,
            RowsUnchanged = run.Unchanged, RowsAdded = run.Added, RowsChanged = run.Changed, ParticipantsTouched = run.Touched,
            RejectsByReason = run.RejectsByReason, RejectThreshold = request.RejectThreshold, Quality = run.Quality,
            Message = run.Message, TraceId = activity?.TraceId.ToString(),
        };
        await announced.FlushAsync();
        await grains.GetGrain<IIngestRunsGrain>(0).Record(summary, run.Quarantine.InFileOrder());
        RunSeconds.Record(clock.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("status", run.Status.Code()));
        activity?.SetTag("cohort.status", run.Status.Code());
        return summary;
    }

    private async Task OpenAsync(string runId, IngestRequest request, RunState run, int shards, IProgress<IngestProgress>? progress, CancellationToken ct)
    {
        run.Publishing = true;
        run.Commit = new RunCommitter(grains, runId, shards);
        await run.Commit.OpenAsync(request.Trigger.Code(), run.Started, run.Inputs, progress, ct);
    }

    /// <summary>Commits the run and tells the shards; returns what its events did (null when some shard was not told at once).</summary>
    private static async Task<Contracts.Outcomes.EventMerge?> CommitAsync(RunState run)
    {
        var epoch = await run.Commit!.CommitAsync();
        try
        {
            return await run.Commit.PublishAsync(epoch);
        }
        catch (Exception e) when (IsClusterFailure(e))
        {
            run.Note($"published as epoch {epoch}; some shards were not told at once ({e.GetType().Name}) and apply the run at their next query");
            return null;
        }
    }

    /// <summary>The store's error behind a failure, if it is one (Orleans wraps one from a grain's persistent state).</summary>
    private static Contracts.StateStoreException? StoreFailure(Exception e) =>
        e is AggregateException a ? a.InnerExceptions.Select(StoreFailure).FirstOrDefault(s => s is not null) : Contracts.StateStoreException.Behind(e);

    /// <summary>
    /// Failures of the cluster rather than of the input: unreachable or dead silos, timeouts, a grain that changed hands, the store.
    /// </summary>
    private static bool IsClusterFailure(Exception e) => e switch
    {
        OrleansException or TimeoutException or Orleans.Storage.InconsistentStateException or Contracts.StateStoreException => true,
        AggregateException a => a.InnerExceptions.All(IsClusterFailure),
        _ => false,
    };

    private async Task ExecuteAsync(string runId, IngestRequest request, RunState run, IProgress<IngestProgress>? progress, CancellationToken ct)
    {
        var mapping = request.Mapping is { } m ? MappingLibrary.Load(m) : null;
        // The marker registry, the files' content hashes and the participants' rows depend on nothing but the request, and are read
        // at once (a few tenths of a second each at 100k participants). The participants are only read from their file here: nothing
        // is asked of the cluster for them before the checks below pass, and when a check stops the run, their reading is dropped.
        // (On the thread pool: both read files, and much of a file read completes without yielding.) Both are observed from the start,
        // and cancelled when the run stops before it needs them, so that a read whose result is dropped neither fails unobserved nor
        // goes on reading.
        using var prelude = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = request.EventFiles.Count == 0 ? Task.Run(() => ReadParticipantsAsync(request, mapping, prelude.Token), prelude.Token).Observed() : null;
        var hashing = ObservedTasks.Observed(Task.WhenAll(
            (request.ParticipantsFile is { } pf ? [pf] : Array.Empty<string>()).Select(f => (Path: f, Role: "participants"))
            .Concat(request.ObservationFiles.Select(f => (Path: f, Role: "observations")))
            .Concat(request.EventFiles.Select(f => (Path: f, Role: "events")))
            .Select(f => Task.Run(() => FileHashing.DescribeAsync(f.Path, f.Role, prelude.Token), prelude.Token))));
        // The observation files are opened and their first row groups read from the start too, while the files are hashed (a third of
        // a second at 100k participants that reading used to wait for): a run found to be skipped, or one that stops before it reads
        // them, stops the reading (disposing it), and a failure to open or read is the run's only once the checks below have passed
        // (a missing file is reported by its hashing first).
        var pseudonyms = new PseudonymCache(grains);
        await using var rows = request.EventFiles.Count == 0 ? RowGroupReading.Start(token => OpenSourcesAsync(runId, request, mapping, pseudonyms, token), ct) : null;
        MarkerRegistry markers;
        bool skipped;
        try
        {
            markers = await grains.MarkersAsync();
            if (request.Layout == FileLayout.Wide) mapping!.Check(request.Mapping!, markers);
            run.Inputs.AddRange(await hashing);
            skipped = await SkippedAsync(request, run);
        }
        catch
        {
            await prelude.CancelAsync();
            throw;
        }
        if (skipped)
        {
            await prelude.CancelAsync();
            return;
        }

        if (request.EventFiles.Count > 0)
        {
            await ExecuteEventsAsync(runId, request, run, markers, progress, ct);
            return;
        }
        // The participants are read and mapped and the run is opened while the row groups are read. A participants file that fails is
        // still the run's error, whatever is wrong with the observations.
        await ObservationsAsync(runId, request, run, mapping, markers, await reading!, pseudonyms, rows!, progress, ct);
    }

    /// <summary>The run's sources in the order they are read: a replay's quarantined rows, then each observations file.</summary>
    private static async IAsyncEnumerable<IObservationSource> OpenSourcesAsync(string runId, IngestRequest request, WideMapping? mapping, PseudonymCache pseudonyms,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (request.ReplayRows is { } replay) yield return new QuarantineSource(request.ReplayOf ?? runId, replay, mapping);
        foreach (var path in request.ObservationFiles)
            yield return new PseudonymisingSource(request.Layout == FileLayout.Wide ? await WideLayoutReader.OpenAsync(path, mapping!, ct) : await LongLayoutReader.OpenAsync(path, ct), pseudonyms);
    }

    /// <summary>Whether every file was already ingested in the same role with the same content: then the run writes nothing.</summary>
    private async Task<bool> SkippedAsync(IngestRequest request, RunState run)
    {
        var history = grains.GetGrain<IIngestRunsGrain>(0);
        if (!request.Force && request.ReplayRows is null && run.Inputs.Count > 0)
        {
            var by = new List<string>();
            foreach (var f in run.Inputs) if (await history.IngestedAs(f.Role, f.Sha256) is { } r) by.Add(r);
            if (by.Count == run.Inputs.Count)
            {
                run.Status = RunStatus.Skipped;
                run.Note($"every file was already ingested in the same role with the same content (SHA-256) by {string.Join(", ", by.Distinct())}: nothing written");
                return true;
            }
        }
        return false;
    }

    /// <summary>An observations run (long or wide layout) over the participants read from its files.</summary>
    private async Task ObservationsAsync(string runId, IngestRequest request, RunState run, WideMapping? mapping, MarkerRegistry markers,
        Dictionary<string, Demographics> read, PseudonymCache pseudonyms, RowGroupReading rows, IProgress<IngestProgress>? progress, CancellationToken ct)
    {
        var history = grains.GetGrain<IIngestRunsGrain>(0);
        var settings = await grains.GetGrain<ICohortSettingsGrain>(0).Get();
        var factors = new FactorsUsed(settings.GlucoseFactor, settings.InsulinFactor);
        var people = await ParticipantsAsync(request, read, pseudonyms);
        var validator = new ObservationValidator(people, new UnitConverter(new ConversionFactors(settings.GlucoseFactor, settings.InsulinFactor), markers),
            mapping?.MarkerAliases, mapping?.UnitAliases, FastingDefaults.Parse(request.FastingDefault ?? mapping?.FastingDefault, "fasting default"));
        var tally = new DataQualityTally(validator);

        var sources = await rows.Opened;
        // A row group that could not be read while the participants were mapped fails the run before it opens in the commit log.
        if (rows.Reading.IsFaulted) await rows.Reading;
        foreach (var s in sources)
        {
            if (s.ExtraColumns.Count > 0) run.Note($"{s.File}: extra columns ignored: {string.Join(", ", s.ExtraColumns)}");
            foreach (var w in s.Warnings) run.Note(w);
        }
        var total = sources.Sum(s => s.Rows);

        // One pass reads, validates and writes, staged under the run; the run is decided at the end, so that a run over its threshold
        // of rejected rows is abandoned and publishes nothing. Once so many rows were rejected that the run cannot pass, writing stops
        // and validation goes on, for the quarantine and the report.
        await OpenAsync(runId, request, run, settings.Shards, progress, ct);
        await WriteAsync(runId, request, run, rows, sources, validator, tally, people, factors, settings.Shards, total, progress, ct);
        run.Quality = tally.Report(await history.Previous(request.Schedule));
        if (run.RefuseAbove(request.RejectThreshold, "rows", "nothing of it was published"))
        {
            // Repeats across row groups are found by the shards as they write, and these row groups were not written.
            if (run.StoppedWriting)
                run.Note((run.Held ? "the row groups still held back to be written together and those" : "the row groups") +
                    " read after the run could no longer pass were validated but not written, so results they repeat from earlier row groups or files are not counted among the rejected rows");
            return;
        }
        if (run.StoppedWriting)
            throw new InvalidOperationException($"run {runId} stopped writing when it could no longer pass its threshold, yet passed it: it must not commit");
        await CommitAsync(run);
        if (run.Added + run.Changed == 0 && run.Read > 0) run.Note("no changes: every accepted row was already stored with the same value");
    }

    /// <summary>The participants as the run's files give them: the participants file, and a wide file's demographics columns.</summary>
    private static async Task<Dictionary<string, Demographics>> ReadParticipantsAsync(IngestRequest request, WideMapping? mapping, CancellationToken ct)
    {
        var read = request.ParticipantsFile is { } pf ? await ParticipantsReader.ReadAsync(pf, ct) : new Dictionary<string, Demographics>(StringComparer.Ordinal);
        if (request.Layout == FileLayout.Wide && mapping!.Demographics is not null)
            foreach (var path in request.ObservationFiles)
                foreach (var (id, d) in await WideLayoutReader.ReadDemographicsAsync(path, mapping, ct))
                    read.TryAdd(id, d);
        return read;
    }

    /// <summary>
    /// The run's participants, keyed by pseudonym when the silo pseudonymises (a replay's quarantined rows already carry pseudonyms).
    /// </summary>
    private async Task<Dictionary<string, Demographics?>> ParticipantsAsync(IngestRequest request, Dictionary<string, Demographics> read, PseudonymCache pseudonyms)
    {
        // The participants as read, keyed by pseudonym (the same dictionary when ids are not pseudonymised; its values only gain null).
        var people = await pseudonyms.MapKeysAsync<Demographics?>(read!);
        if (request.ReplayRows is { } rows && request.ParticipantsFile is null)
        {
            // A replay without a participants file accepts the participants the store already holds; their batches carry no
            // demographics (null), so the stored ones stay as they are and nobody's are read.
            foreach (var id in rows.Select(r => r.Raw.GetValueOrDefault("participant_id")).OfType<string>().Distinct(StringComparer.Ordinal))
                if (await grains.GetGrain<IParticipantGrain>(id).IsEnrolled())
                    people[id] = null;
        }
        else if (people.Count == 0)
            throw new IngestException(request.Layout == FileLayout.Wide
                ? "no participants: give a participants file, or a mapping whose demographics name the participants' columns"
                : request.ParticipantsFile is null ? "no participants: give the participants file the observations belong to (--participants)"
                : "no participants: the participants file is empty");
        return people;
    }

    /// <summary>The run's phase while it reads row groups it holds back (<see cref="HeldRowGroups"/>), and while it writes them.</summary>
    public const string HoldingPhase = "reading (row groups held back, written together once read)", WritingHeldPhase = "writing the held row groups";

    private static readonly TimeSpan PaceSlice = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Holds the next row group back until the <paramref name="written"/> rows before it are due at <paramref name="rate"/> a second.
    /// Waits in slices, reporting progress after each, so that the caller sees a slowly paced run move (the runs grain hears from the
    /// run at least every ten seconds anyway: <see cref="RunAnnouncer.KeepAlive"/>).
    /// </summary>
    private static async Task PaceAsync(long rate, long written, long total, Stopwatch clock, IProgress<IngestProgress>? progress, CancellationToken ct)
    {
        while (TimeSpan.FromSeconds((double)written / rate) - clock.Elapsed is { Ticks: > 0 } ahead)
        {
            await Task.Delay(ahead < PaceSlice ? ahead : PaceSlice, ct);
            progress?.Report(new IngestProgress(written, total, IngestProgress.Writing));
        }
    }

    /// <summary>
    /// Three stages at once: reading a row group; validating the one read before it (counting and quarantining its rejected rows) and
    /// grouping its accepted rows by participant, a part at a time (<see cref="RowsPerPart"/>); and writing the participant batches of
    /// the part before, each shard's in a few calls (<see cref="ParticipantsPerWrite"/> participants each) to the shard, which merges,
    /// derives and stores them. Progress counts rows over every file, not within each.
    /// </summary>
    private async Task WriteAsync(string runId, IngestRequest request, RunState run, RowGroupReading rows, IReadOnlyList<IObservationSource> sources,
        ObservationValidator validator, DataQualityTally tally, Dictionary<string, Demographics?> people, FactorsUsed factors, int shards, long total,
        IProgress<IngestProgress>? progress, CancellationToken ct)
    {
        var prepared = Channel.CreateBounded<RowGroupWrite>(new BoundedChannelOptions(1) { SingleWriter = true, SingleReader = true });
        // The batch rows' block rows (RowGroupWrite), one array per part in flight: a pool of the run's own, not the shared one,
        // which keeps an array with the thread that returns it (ReadBuffers).
        var blockRowPool = ReadBuffers.Of<int>(new ReadBuffers());
        var stop = rows.Token;
        var touched = new HashSet<string>(StringComparer.Ordinal);
        // Row groups held back and sent together once participants recur across them (HeldRowGroups).
        var held = new HeldRowGroups(runId, factors, people, validator.Markers.Version, request.HeldRowsMax);
        // A participant the run has not written yet is expected in its commit: true for a new one.
        bool expect(string id)
        {
            if (!touched.Add(id)) return false;
            run.Commit!.Expect(id);
            return true;
        }
        Action<string> expectHeld = id => expect(id);
        long written = 0;
        // What the run's rejected share is at most measured against (observations, not a wide file's rows), so that a run that stops
        // writing is certain to be rejected.
        var bound = sources.Sum(s => s.MaxObservations);
        // Each input's place in the run, for the quarantine's order (file names may repeat: the same name in two folders).
        var inputs = new Dictionary<IObservationSource, int>(ReferenceEqualityComparer.Instance);
        foreach (var s in sources) inputs.Add(s, inputs.Count);
        var validating = Task.Run(async () =>
        {
            try
            {
                // One pair of lists for every block, and each block's rented columns returned once it is counted and grouped: the
                // accepted rows of a row group alone are tens of megabytes.
                var accepted = new List<AcceptedRow>();
                var rejected = new List<ObservationValidator.Rejection>();
                var pace = Stopwatch.StartNew();
                await foreach (var (source, g, block) in rows.Blocks.ReadAllAsync(stop))
                {
                    if (request.MaxRowsPerSecond is { } rate) await PaceAsync(rate, written, total, pace, progress, stop);
                    using var validateActivity = Activity.StartActivity("validate row group");
                    validateActivity?.SetTag("cohort.row_group", g);
                    accepted.Clear();
                    rejected.Clear();
                    // The list is reused: this spares the first row group (and any larger one) growing it by doubling.
                    if (accepted.Capacity < block.Count) accepted.Capacity = ObservationValidator.WithRoom(block.Count);
                    validator.Validate(block, accepted, rejected);
                    tally.Add(block, accepted, rejected);
                    run.Count(block, inputs[source], g, accepted, rejected);
                    RowsRead.Add(block.Count);
                    RowsAccepted.Add(accepted.Count);
                    RowsRejected.Add(rejected.Count);
                    var (due, passes, sending) = (false, !run.CannotPass(request.RejectThreshold, bound), false);
                    if (passes && run.Held) due = held.Hold(accepted, block.File, g, inputs[source], block.Origin, expectHeld);
                    else if (passes)
                    {
                        var (participants, recurring) = ExpectAll(accepted, expect);
                        // A paced run is never held: its row groups go out at the pace asked for, one at a time.
                        var why = request.MaxRowsPerSecond is not null ? null
                            : Recurs(recurring, participants) ? "participants recur across row groups"
                            : Interleaved(accepted, participants) ? "participants' rows are interleaved within a row group"
                            : null;
                        if (why is not null)
                        {
                            run.Held = true;
                            run.Note($"{why} (the files are not sorted by participant): from row group {g} of {block.File} on, " +
                                "row groups were held back and written together, each participant once per release; sorted by participant, a file is written as it is read");
                            due = held.Hold(accepted, block.File, g, inputs[source], block.Origin, expectHeld);
                        }
                        else sending = true;
                    }
                    var origin = block.Origin;
                    block.Return();
                    validateActivity?.Stop();
                    if (sending)
                    {
                        // Each part's batches are built once the part before it is taken by the write stage.
                        foreach (var (start, count) in Parts(accepted))
                        {
                            var blockRows = blockRowPool.Rent(Math.Max(1, count));
                            await prepared.Writer.WriteAsync(new RowGroupWrite(block.File, g,
                                ParticipantBatches.Build(accepted, start, count, runId, factors, people, validator.Markers.Version, blockRows),
                                inputs[source], origin, blockRows, blockRowPool), stop);
                        }
                    }
                    if (due)
                    {
                        // One release alive at a time (HeldRowGroups.Bound): the run reads on once this one is written.
                        var release = held.Release();
                        await prepared.Writer.WriteAsync(release, stop);
                        await release.Written.WaitAsync(stop);
                    }
                    written += source.RowsIn(g);
                    progress?.Report(new IngestProgress(written, total, run.Held ? HoldingPhase : IngestProgress.Writing));
                }
                if (held.Count > 0 && !run.CannotPass(request.RejectThreshold, bound)) await prepared.Writer.WriteAsync(held.Release(), stop);
                if (request.ReplayRows is null && !run.CannotPass(request.RejectThreshold, bound))
                {
                    // Participants with no observations still exist, with their demographics.
                    var empty = people.Where(p => !touched.Contains(p.Key))
                        .Select(p => (p.Key, new ParticipantBatch(runId, factors, p.Value, new ObservationColumns()) { MarkersVersion = validator.Markers.Version })).ToList();
                    foreach (var (id, _) in empty) run.Commit!.Expect(id);
                    if (empty.Count > 0) await prepared.Writer.WriteAsync(new RowGroupWrite("", -1, empty), stop);
                }
            }
            catch
            {
                await rows.StopAsync();
                throw;
            }
            finally
            {
                prepared.Writer.TryComplete();
            }
        }, stop);
        try
        {
            await foreach (var rowGroup in prepared.Reader.ReadAllAsync(stop))
            {
                // Row groups held back and written together can take minutes: their writes report how far they are, so that the run
                // shows progress.
                long releaseDone = 0;
                using var writeActivity = Activity.StartActivity("write row group");
                writeActivity?.SetTag("cohort.row_group", rowGroup.RowGroup);
                await Parallel.ForEachAsync(ShardWrites(rowGroup.Ids, rowGroup.RowsOf, shards), new ParallelOptions { MaxDegreeOfParallelism = request.Concurrency, CancellationToken = stop },
                    async (write, _) =>
                    {
                        // A held release's batches are built here, as their write is sent, on the writes' own threads.
                        var participants = Array.ConvertAll(write.Members, k => new ParticipantWrite(rowGroup.Ids[k], rowGroup.Batch(k)));
                        var result = await grains.GetGrain<ICohortShardGrain>(write.Shard).Write(runId, participants);
                        Interlocked.Add(ref run.Added, result.Added);
                        Interlocked.Add(ref run.Changed, result.Changed);
                        Interlocked.Add(ref run.Unchanged, result.Unchanged);
                        if (result.Repeats is { Length: > 0 } repeats) run.Repeated(rowGroup, repeats, validator.Markers, tally);
                        if (rowGroup.Held)
                            progress?.Report(new IngestProgress(Interlocked.Add(ref releaseDone, write.Rows), rowGroup.Rows, WritingHeldPhase));
                    });
                rowGroup.Return();
            }
        }
        catch (OperationCanceledException) when (rows.Token.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // A stage failed and stopped the writes: its failure is the run's (below). (A cancellation the run did not ask for, such as
            // a shard's own, is a failed write: below, which stops the other stages before waiting for them.)
        }
        catch
        {
            // A failed write stops the run: no stage may wait for a consumer that is gone.
            await rows.StopAsync();
            await Task.WhenAll(rows.Reading, validating).ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
        await Stages(rows.Reading, validating);
        run.Touched = touched.Count;
        if (await run.Quarantine.ReadRepeatsAgainAsync(sources, progress, ct) is { } unread) run.Note(unread);
    }

    /// <summary>Waits for every stage; a stage's own failure (not the cancellation it caused in the others) is the run's, the first one's first.</summary>
    private static async Task Stages(params Task[] stages)
    {
        try
        {
            await Task.WhenAll(stages);
        }
        catch
        {
            if (stages.Where(s => s.IsFaulted).SelectMany(s => s.Exception!.InnerExceptions).FirstOrDefault(e => e is not OperationCanceledException) is { } failure)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            throw;
        }
    }

    /// <summary>What a run has counted and collected so far.</summary>
    private sealed class RunState(int quarantineLimit)
    {
        public RunStatus Status = RunStatus.Succeeded;
        public string? Message;
        public bool Publishing;
        public DateTime Started;
        public RunCommitter? Commit;
        public long Read, Accepted, Rejected, Flagged, Touched;
        public long Added, Changed, Unchanged;
        public readonly List<IngestedFile> Inputs = [];
        public readonly RunQuarantine Quarantine = new(quarantineLimit);
        public readonly SortedDictionary<string, long> RejectsByReason = new(StringComparer.Ordinal);
        public DataQualityReport? Quality;

        public void Note(string text) => Message = Message is null ? text : $"{Message}; {text}";

        /// <summary>What failed, and what that means for the store: noted once the commit log has said whether the run landed.</summary>
        public string? Failure, Consequence;

        public void Fail(string failure, string consequence) => (Status, Failure, Consequence) = (RunStatus.Failed, failure, consequence);

        /// <summary>
        /// Decides a run once every row is validated: above the threshold of rejected <paramref name="rows"/> it is rejected, saying why
        /// and what that means for the store (<paramref name="consequence"/>); what it staged is abandoned and counts nothing.
        /// </summary>
        public bool RefuseAbove(double threshold, string rows, string consequence)
        {
            var share = Read == 0 ? 0 : (double)Rejected / Read;
            if (share <= threshold) return false;
            Status = RunStatus.Rejected;
            (Added, Changed, Unchanged, Touched) = (0, 0, 0, 0);
            Note(string.Create(CultureInfo.InvariantCulture,
                $"{share * 100:0.00}% of {rows} were rejected ({Rejected:N0} of {Read:N0}), above the run's threshold of {threshold * 100:0.00}%: {consequence}; see the quarantine"));
            return true;
        }

        /// <summary>
        /// Whether so many rows were rejected already that the run is over its threshold whatever follows, its observations being at most
        /// <paramref name="bound"/>; once it says so the run stops writing (<see cref="StoppedWriting"/>).
        /// </summary>
        public bool CannotPass(double threshold, long bound) => StoppedWriting |= Rejected > threshold * bound;

        public bool StoppedWriting;

        /// <summary>Whether the run holds its row groups back to write them together (<see cref="HeldRowGroups"/>), from the row group that showed it must on.</summary>
        public bool Held;

        public void Count(ObservationBlock block, int input, int rowGroup, List<AcceptedRow> accepted, List<ObservationValidator.Rejection> rejected)
        {
            // Under the lock the shards' reports of repeats take (Repeated), which come while the next row group is counted.
            lock (this)
            {
                Read += block.Count;
                Accepted += accepted.Count;
                Rejected += rejected.Count;
                foreach (ref readonly var a in CollectionsMarshal.AsSpan(accepted)) if (a.Implausible) Flagged++;
                foreach (var r in rejected)
                    Reject(new QuarantinedRow(block.File, rowGroup, block.SourceRowOf(r.Row), r.Reason, r.Message, block.Raw(r.Row)), input, r.Row);
            }
        }

        /// <summary>
        /// Rows the shards did not take because the run had already given their natural key, from an earlier row group or file
        /// (<see cref="RunRepeat"/>): accepted by the validator, which sees one row group at a time, they are counted as rejected
        /// instead, as duplicates or conflicts, and quarantined at their own rows, as a repeat within a row group is. Their raw values
        /// are first as the run took them (Cohort's marker code, the unit after a mapping's aliases, fasting as decided): the block is
        /// gone; the quarantine reads the rows it keeps again from their files once the run has read everything (RunQuarantine).
        /// Counted in the run's rejected-rows metric too (the accepted-rows metric counts what passed validation).
        /// </summary>
        public void Repeated(RowGroupWrite rowGroup, RunRepeat[] repeats, MarkerRegistry markers, DataQualityTally tally)
        {
            RowsRejected.Add(repeats.Length);
            lock (this)
            {
                foreach (var repeat in repeats)
                {
                    var (batch, row, blockRow, sourceRow, file, group, input) = rowGroup.Row(repeat.ParticipantId, repeat.Row);
                    var (o, i) = (batch.Observations, row);
                    var implausible = (o.Flags[i] & ObservationColumns.ImplausibleFlag) != 0;
                    var marker = markers.Get((Marker)o.Marker[i]).Code;
                    (Accepted, Rejected) = (Accepted - 1, Rejected + 1);
                    if (implausible) Flagged--;
                    tally.Repeated(marker, implausible);
                    var message = repeat.Same
                        ? "repeats a result an earlier row group or file of this run gave (same participant, marker, time and OGTT minute; same value and unit)"
                        : string.Create(CultureInfo.InvariantCulture,
                            $"a different value for the same participant, marker, time and OGTT minute came earlier in this run ({repeat.KeptValue:R} {repeat.KeptUnit}, which is kept)");
                    var raw = ObservationBlock.RawRow(repeat.ParticipantId, DateTime.UnixEpoch.AddMilliseconds(o.TakenAt[i]), marker, o.RawValue[i],
                        o.UnitSpellings[o.RawUnit[i]], o.OgttMinute[i] < 0 ? null : o.OgttMinute[i], o.Fasting[i] < 0 ? null : o.Fasting[i] == 1, column: null);
                    Reject(new QuarantinedRow(file, group, sourceRow, repeat.Same ? RejectReason.DuplicateRow : RejectReason.ConflictingValue, message, raw),
                        input, blockRow, repeat: true);
                }
            }
        }

        /// <summary>
        /// Counts a rejected row by its reason and gives it to the quarantine, which keeps the run's first rows in the files' order
        /// (<paramref name="input"/> and <paramref name="blockRow"/>: the place of its input in the run and its row in its block; a
        /// row without them, an event's, is placed by its file's name and its row in the file).
        /// </summary>
        public void Reject(QuarantinedRow row, int? input = null, int? blockRow = null, bool repeat = false)
        {
            RejectsByReason[row.Reason] = RejectsByReason.GetValueOrDefault(row.Reason) + 1;
            Quarantine.Add(row, input ?? Quarantine.FileIndex(row.File), blockRow ?? (int)Math.Min(row.Row, int.MaxValue), repeat);
        }
    }
}
