using System.Runtime.CompilerServices;
using Cohort.Ingest.Ingestion;

namespace Cohort.Ingest.Tests;

/// <summary>The first stage of a run: its row groups read in order, on a thread of the reading's own, and its failures and stops.</summary>
public sealed class RowGroupReadingTests
{
    [Fact]
    public async Task Row_groups_are_read_in_order_on_one_thread_that_is_not_the_pools()
    {
        var source = new CountingSource(rowGroups: 6, rowsEach: 3);
        await using var reading = RowGroupReading.Start(Opening(source), CancellationToken.None);
        var got = new List<(int Group, long FirstRow)>();
        await foreach (var (_, g, block) in reading.Blocks.ReadAllAsync())
        {
            got.Add((g, block.FirstRow));
            // The reader has filled the channel again by now, or waits on it: either way it must go on on its own thread.
            await Task.Yield();
        }
        await reading.Reading;

        Assert.Equal(Enumerable.Range(0, 6).Select(g => (g, 3L * g)), got);
        Assert.Single(source.Threads.Distinct());
        Assert.DoesNotContain(true, source.OnPoolThread);
    }

    [Fact]
    public async Task A_row_group_that_cannot_be_read_fails_the_channel_and_stops_the_run()
    {
        var source = new CountingSource(rowGroups: 5, rowsEach: 2, failAt: 2);
        await using var reading = RowGroupReading.Start(Opening(source), CancellationToken.None);
        var groups = new List<int>();
        var e = await Assert.ThrowsAsync<IngestException>(async () =>
        {
            await foreach (var (_, g, _) in reading.Blocks.ReadAllAsync()) groups.Add(g);
        });

        Assert.Contains("row group 2", e.Message);
        Assert.Equal([0, 1], groups);
        Assert.True(reading.Token.IsCancellationRequested);
        await Assert.ThrowsAsync<IngestException>(() => reading.Reading);
    }

    [Fact]
    public async Task Disposing_while_the_reader_waits_for_room_stops_it_and_disposes_the_sources()
    {
        var source = new CountingSource(rowGroups: 10, rowsEach: 2);
        var reading = RowGroupReading.Start(Opening(source), CancellationToken.None);
        await reading.Opened;
        // One block waits in the channel and the reader holds the next: it can go no further until one is taken.
        while (source.Threads.Count < 2) await Task.Yield();

        await reading.DisposeAsync();

        Assert.True(reading.Reading.IsCompleted);
        Assert.True(source.Disposed);
        Assert.Equal(2, source.Threads.Count);
    }

    private static Func<CancellationToken, IAsyncEnumerable<IObservationSource>> Opening(IObservationSource source) => ct => Sources(source, ct);

    private static async IAsyncEnumerable<IObservationSource> Sources(IObservationSource source, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        ct.ThrowIfCancellationRequested();
        yield return source;
    }

    /// <summary>A source of small row groups that notes the thread each is read on, and fails one if asked.</summary>
    private sealed class CountingSource(int rowGroups, int rowsEach, int failAt = -1) : IObservationSource
    {
        private readonly List<int> _threads = [];
        private readonly List<bool> _onPool = [];

        public IReadOnlyList<int> Threads { get { lock (_threads) return [.. _threads]; } }
        public IReadOnlyList<bool> OnPoolThread { get { lock (_threads) return [.. _onPool]; } }
        public bool Disposed { get; private set; }

        public string File => "counting.parquet";
        public int RowGroups => rowGroups;
        public long Rows => (long)rowGroups * rowsEach;
        public long MaxObservations => Rows;
        public long RowsIn(int rowGroup) => rowsEach;
        public IReadOnlyList<string> ExtraColumns => [];
        public IReadOnlyList<string> Warnings => [];

        public Task<ObservationBlock> ReadAsync(int rowGroup, long firstRow, CancellationToken ct = default)
        {
            lock (_threads)
            {
                _threads.Add(Environment.CurrentManagedThreadId);
                _onPool.Add(Thread.CurrentThread.IsThreadPoolThread);
            }
            if (rowGroup == failAt) throw new IngestException($"{File}: row group {rowGroup} cannot be read (truncated or corrupt?)");
            return Task.FromResult(new ObservationBlock
            {
                File = File, RowGroup = rowGroup, FirstRow = firstRow,
                ParticipantId = Enumerable.Repeat<string?>("P1", rowsEach).ToArray(), TakenAt = new DateTime?[rowsEach],
                Marker = Enumerable.Repeat<string?>("glucose", rowsEach).ToArray(), Value = new double?[rowsEach],
                Unit = Enumerable.Repeat<string?>("mmol/L", rowsEach).ToArray(), OgttMinute = new int?[rowsEach], Fasting = new bool?[rowsEach],
            });
        }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
