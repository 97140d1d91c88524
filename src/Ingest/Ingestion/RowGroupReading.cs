using System.Threading.Channels;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// The first stage of an observations run: opens every source (schema checks: no row is read before every source has opened), then
/// reads their row groups one after another into a channel that holds one, for the validating stage. It starts with the run, so
/// that the first row groups are read while the files are hashed, the participants mapped and the run opened in the commit log (most of
/// a second at 100k participants that reading used to wait for); a run whose files turn out to be ingested already disposes it.
/// A failure to open is <see cref="Opened"/>'s; a failure to read completes the channel with it and stops the run's other stages
/// (they share <see cref="Token"/>). Disposing stops the reading if it is still going, waits for it, and disposes the sources.
/// </summary>
internal sealed class RowGroupReading : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly List<IObservationSource> _sources = [];
    private readonly Channel<(IObservationSource Source, int Group, ObservationBlock Block)> _blocks =
        Channel.CreateBounded<(IObservationSource, int, ObservationBlock)>(new BoundedChannelOptions(1) { SingleWriter = true, SingleReader = true });
    private readonly TaskCompletionSource<IReadOnlyList<IObservationSource>> _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RowGroupReading(CancellationToken ct) => _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

    /// <summary>Opens the sources <paramref name="open"/> gives, in order, and reads them (on the thread pool).</summary>
    public static RowGroupReading Start(Func<CancellationToken, IAsyncEnumerable<IObservationSource>> open, CancellationToken ct)
    {
        var reading = new RowGroupReading(ct);
        // Observed from the start: a run that stops before it reads the blocks must not leave the failure unobserved.
        reading.Reading = Task.Run(() => reading.RunAsync(open), CancellationToken.None).Observed();
        reading._opened.Task.Observed();
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

    private async Task RunAsync(Func<CancellationToken, IAsyncEnumerable<IObservationSource>> open)
    {
        try
        {
            try
            {
                await foreach (var source in open(_stop.Token)) _sources.Add(source);
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
                    await _blocks.Writer.WriteAsync((source, g, await source.ReadAsync(g, firstRow, _stop.Token)), _stop.Token);
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
            await _stop.CancelAsync();
            throw;
        }
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
