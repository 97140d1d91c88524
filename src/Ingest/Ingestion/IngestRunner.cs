using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Cohort.Contracts.Cohort;
using Cohort.Contracts.Ingest;
using Cohort.Contracts.Participants;
using Cohort.Domain.Units;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// Runs an ingest: reads the participants file, then each observations file row group by row group (Parquet.Net column API),
/// validates every row, groups the accepted rows by participant and sends one batch per participant and row group to that
/// participant's grain, with bounded concurrency, while the next row group is read. At the end it flushes the cohort shards and
/// records the run with its quarantine. Works the same from the CLI (an Orleans client) and inside the silo (the demo).
/// </summary>
public sealed class IngestRunner(IGrainFactory grains)
{
    public static readonly ActivitySource Activity = new("Cohort.Ingest");
    private static readonly Meter Meter = new("Cohort.Ingest");
    private static readonly Counter<long> RowsRead = Meter.CreateCounter<long>("cohort.ingest.rows_read");
    private static readonly Counter<long> RowsAccepted = Meter.CreateCounter<long>("cohort.ingest.rows_accepted");
    private static readonly Counter<long> RowsRejected = Meter.CreateCounter<long>("cohort.ingest.rows_rejected");
    private static readonly Histogram<double> RunSeconds = Meter.CreateHistogram<double>("cohort.ingest.run_duration", "s");

    public async Task<RunSummary> RunAsync(IngestRequest request, IProgress<IngestProgress>? progress = null, CancellationToken ct = default)
    {
        var runId = request.RunId ?? $"run-{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid().ToString("N")[..6]}";
        using var activity = Activity.StartActivity("ingest run");
        activity?.SetTag("cohort.run_id", runId);
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var files = new List<string> { Path.GetFileName(request.ParticipantsFile) };
        files.AddRange(request.ObservationFiles.Select(Path.GetFileName)!);
        var counts = new Counts();
        var quarantine = new List<QuarantinedRow>();
        var rejectsByReason = new SortedDictionary<string, long>(StringComparer.Ordinal);
        string? message = null;
        var status = "succeeded";
        try
        {
            var settings = await grains.GetGrain<ICohortSettingsGrain>(0).Get();
            var factors = new FactorsUsed(settings.GlucoseFactor, settings.InsulinFactor);
            var converter = new UnitConverter(new ConversionFactors(settings.GlucoseFactor, settings.InsulinFactor));
            var people = await ParticipantsReader.ReadAsync(request.ParticipantsFile, ct);
            var validator = new ObservationValidator(people, converter);

            var readers = new List<LongLayoutReader>();
            try
            {
                foreach (var path in request.ObservationFiles) readers.Add(await LongLayoutReader.OpenAsync(path, ct));
                var extra = readers.Where(r => r.ExtraColumns.Count > 0).Select(r => $"{r.File}: extra columns ignored: {string.Join(", ", r.ExtraColumns)}").ToArray();
                if (extra.Length > 0) message = string.Join("; ", extra);
                var total = readers.Sum(r => r.Rows);

                // Three stages run at once: reading and validating the next row group, handing out its participant batches, and the
                // senders calling participant grains. A row group is prepared while the previous one is still being sent.
                var prepared = Channel.CreateBounded<List<(string Id, ParticipantBatch Batch)>>(new BoundedChannelOptions(1) { SingleWriter = true, SingleReader = true });
                var queue = Channel.CreateBounded<(string Id, ParticipantBatch Batch)>(new BoundedChannelOptions(Math.Max(64, request.Concurrency * 8)) { SingleWriter = true });
                var senders = Enumerable.Range(0, request.Concurrency).Select(_ => Task.Run(() => SendAsync(queue.Reader, counts, ct), ct)).ToArray();
                var touched = new HashSet<string>(StringComparer.Ordinal);
                var reading = Task.Run(async () =>
                {
                    try
                    {
                        foreach (var reader in readers)
                        {
                            using var fileActivity = Activity.StartActivity("ingest file");
                            fileActivity?.SetTag("cohort.file", reader.File);
                            long firstRow = 0;
                            for (var g = 0; g < reader.RowGroups; g++)
                            {
                                using var groupActivity = Activity.StartActivity("ingest row group");
                                groupActivity?.SetTag("cohort.row_group", g);
                                var block = await reader.ReadAsync(g, firstRow, ct);
                                var accepted = new List<AcceptedRow>(block.Count);
                                var rejected = new List<ObservationValidator.Rejection>();
                                validator.Validate(block, accepted, rejected);
                                counts.Read += block.Count;
                                counts.Accepted += accepted.Count;
                                counts.Rejected += rejected.Count;
                                counts.Flagged += accepted.Count(a => a.Implausible);
                                RowsRead.Add(block.Count);
                                RowsAccepted.Add(accepted.Count);
                                RowsRejected.Add(rejected.Count);
                                foreach (var r in rejected)
                                {
                                    rejectsByReason[r.Reason] = rejectsByReason.GetValueOrDefault(r.Reason) + 1;
                                    if (quarantine.Count < request.QuarantineLimit)
                                        quarantine.Add(new QuarantinedRow(block.File, g, firstRow + r.Row, r.Reason, r.Message, block.Raw(r.Row)));
                                }
                                var batches = ParticipantBatches.Build(accepted, runId, factors, people);
                                foreach (var (id, _) in batches) touched.Add(id);
                                await prepared.Writer.WriteAsync(batches, ct);
                                firstRow += block.Count;
                                progress?.Report(new IngestProgress(counts.Read, total));
                            }
                        }
                        // Participants with no observations still exist, with their demographics.
                        var empty = people.Where(p => !touched.Contains(p.Key))
                            .Select(p => (p.Key, new ParticipantBatch(runId, factors, p.Value, new ObservationColumns()))).ToList();
                        if (empty.Count > 0) await prepared.Writer.WriteAsync(empty, ct);
                    }
                    finally
                    {
                        prepared.Writer.TryComplete();
                    }
                }, ct);
                try
                {
                    await foreach (var batches in prepared.Reader.ReadAllAsync(ct))
                        foreach (var item in batches)
                            await queue.Writer.WriteAsync(item, ct);
                    await reading;
                }
                finally
                {
                    queue.Writer.TryComplete();
                    await Task.WhenAll(senders);
                    await reading.ContinueWith(_ => { }, TaskScheduler.Default);
                }
                counts.Touched = touched.Count;
            }
            finally
            {
                foreach (var r in readers) await r.DisposeAsync();
            }
            await grains.GetGrain<ICohortQueryGrain>(0).FlushShards();
            if (counts.Added + counts.Changed == 0 && counts.Read > 0)
                message = Join(message, "no changes: every accepted row was already stored with the same value");
        }
        catch (IngestException e)
        {
            status = "failed";
            message = Join(message, e.Message);
        }
        var leftOut = counts.Rejected - quarantine.Count;
        if (leftOut > 0) message = Join(message, $"{leftOut} rejected rows beyond the quarantine limit of {request.QuarantineLimit} are counted but not kept");
        var summary = new RunSummary(runId, status, started, started + clock.Elapsed, files, counts.Read, counts.Accepted, counts.Rejected,
            counts.Flagged, counts.Unchanged, counts.Added, counts.Changed, counts.Touched, rejectsByReason, message, activity?.TraceId.ToString());
        await grains.GetGrain<IIngestRunsGrain>(0).Record(summary, quarantine);
        RunSeconds.Record(clock.Elapsed.TotalSeconds);
        activity?.SetTag("cohort.status", status);
        return summary;
    }

    private static string Join(string? a, string b) => a is null ? b : $"{a}; {b}";

    private async Task SendAsync(ChannelReader<(string Id, ParticipantBatch Batch)> reader, Counts counts, CancellationToken ct)
    {
        await foreach (var (id, batch) in reader.ReadAllAsync(ct))
        {
            var result = await grains.GetGrain<IParticipantGrain>(id).Merge(batch);
            Interlocked.Add(ref counts.Added, result.Added);
            Interlocked.Add(ref counts.Changed, result.Changed);
            Interlocked.Add(ref counts.Unchanged, result.Unchanged);
        }
    }

    private sealed class Counts
    {
        public long Read, Accepted, Rejected, Flagged, Touched;
        public long Added, Changed, Unchanged;
    }
}
