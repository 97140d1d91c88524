using System.Threading.Channels;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// The first stage of an observations run: opens every source (schema checks: no row is read before every source has opened), then
/// reads their row groups one after another into a channel that holds one, for the validating stage. It starts with the run, so
/// that the first row groups are read while the files are hashed, the participants mapped and the run opened in the commit log (most of
/// a second at 100k participants that reading used to wait for); a run whose files turn out to be ingested already disposes it.
/// A failure to open is <see cref="Opened"/>'s; a failure to read completes the channel with it and stops the run's other stages
/// (they share <see cref="Token"/>). Disposing stops the reading if it is still going, waits for it, and disposes the sources.
/// <para>
/// The reading has a thread of its own, which waits when the channel is full rather than giving its thread back. Parquet.Net rents
/// its page and decoding buffers from the runtime's shared pool, which keeps a returned array with the thread that returns it: read
/// on whichever pool thread came next after each wait, row groups of 755,000 rows allocated those buffers afresh, megabytes each on
/// the large-object heap. On one thread they are reused (at 100k × 4 on the generator's file, 60–90 MB less allocated a run, about
/// a tenth fewer page faults and a lower peak). Nothing else runs on that thread, so its waits hold up no other work.
/// </para>
/// </summary>
internal sealed class RowGroupReading : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly List<IObservationSource> _sources = [];
    private readonly Channel<(IObservationSource Source, int Group, ObservationBlock Block)> _blocks =
        Channel.CreateBounded<(IObservationSource, int, ObservationBlock)>(new BoundedChannelOptions(1) { SingleWriter = true, SingleReader = true });
    private readonly TaskCompletionSource<IReadOnlyList<IObservationSource>> _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RowGroupReading(CancellationToken ct) => _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

    /// <summary>Opens the sources <paramref name="open"/> gives, in order, and reads them (on a thread of the reading's own).</summary>
    public static RowGroupReading Start(Func<CancellationToken, IAsyncEnumerable<IObservationSource>> open, CancellationToken ct)
    {
        var reading = new RowGroupReading(ct);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Observed from the start: a run that stops before it reads the blocks must not leave the failure unobserved.
        reading.Reading = done.Task.Observed();
        reading._opened.Task.Observed();
        new Thread(() =>
        {
            try
            {
                reading.Run(open);
                done.TrySetResult();
            }
            catch (OperationCanceledException e)
            {
                done.TrySetCanceled(e.CancellationToken);
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        })
        { IsBackground = true, Name = "Cohort row group reader" }.Start();
        return reading;
    }

    /// <summary>Every source, once all have opened; fails with the first that could not be opened.</summary>
    public Task<IReadOnlyList<IObservationSource>> Opened => _opened.Task;

    /// <summary>The row groups as they are read, each with its source and number.</summary>
    public ChannelReader<(IObservationSource Source, int Group, ObservationBlock Block)> Blocks => _blocks.Reader;

    /// <summary>The reading itself: completes when every row group was read, or with the failure that stopped it.</summary>
    public Task Reading { get; private set; } = Task.CompletedTask;

    /// <summary>Cancelled when the run stops: by its caller, or by a stage that failed (<see cref="StopAsync"/>).</summary>
    public CancellationToken Token => _stop.Token;

    public Task StopAsync() => _stop.CancelAsync();

    /// <summary>The reading, on its own thread: every wait (a source's, the channel's) holds that thread.</summary>
    private void Run(Func<CancellationToken, IAsyncEnumerable<IObservationSource>> open)
    {
        try
        {
            try
            {
                var opening = open(_stop.Token).GetAsyncEnumerator(_stop.Token);
                try
                {
                    while (Wait(opening.MoveNextAsync())) _sources.Add(opening.Current);
                }
                finally
                {
                    Wait(opening.DisposeAsync());
                }
            }
            catch (Exception e)
            {
                _opened.TrySetException(e);
                throw;
            }
            _opened.TrySetResult(_sources);
            foreach (var source in _sources)
            {
                using var fileActivity = IngestRunner.Activity.StartActivity("ingest file");
                fileActivity?.SetTag("cohort.file", source.File);
                long firstRow = 0;
                for (var g = 0; g < source.RowGroups; g++)
                {
                    _stop.Token.ThrowIfCancellationRequested();
                    using var groupActivity = IngestRunner.Activity.StartActivity("ingest row group");
                    groupActivity?.SetTag("cohort.row_group", g);
                    var block = source.ReadAsync(g, firstRow, _stop.Token).GetAwaiter().GetResult();
                    Wait(_blocks.Writer.WriteAsync((source, g, block), _stop.Token));
                    firstRow += source.RowsIn(g);
                }
            }
            _blocks.Writer.TryComplete();
        }
        catch (Exception e)
        {
            // The reader's failure stops the other stages, and the validating stage writes nothing more (the participants without
            // observations are written only after every row group was read).
            _blocks.Writer.TryComplete(e);
            _stop.CancelAsync().GetAwaiter().GetResult();
            throw;
        }
    }

    private static T Wait<T>(ValueTask<T> pending) => pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();

    private static void Wait(ValueTask pending)
    {
        if (pending.IsCompletedSuccessfully) return;
        pending.AsTask().GetAwaiter().GetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (!Reading.IsCompleted) await _stop.CancelAsync();
        try
        {
            await Reading;
        }
        catch
        {
            // Its failure, if it matters, was the run's already (through the channel or Opened).
        }
        foreach (var s in _sources) await s.DisposeAsync();
        _stop.Dispose();
    }
}
