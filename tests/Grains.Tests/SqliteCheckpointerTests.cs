using Cohort.Grains.Storage;

namespace Cohort.Grains.Tests;

/// <summary>
/// The store's background write-back of its WAL, with the checkpoint itself played by the test: one at a time, even when writes come
/// while one runs; one that could not start or left frames behind is tried again until the whole WAL is in the file; a failure is
/// not thrown; nothing runs once the store has closed.
/// </summary>
public sealed class SqliteCheckpointerTests
{
    [Fact]
    public async Task Checkpoints_run_one_at_a_time_and_are_tried_again_until_the_whole_WAL_is_in_the_file()
    {
        var answers = new Queue<Func<SqliteCheckpointer.Result>>(
        [
            () => new(Busy: true, -1, -1),                                  // the writer's own checkpoint was running
            () => throw new Cohort.Contracts.StateStoreException("SQLite cohort.db: disk I/O error"),
            () => new(Busy: false, WalFrames: 10, InFile: 4),             // a reader still needed the rest
            () => new(Busy: false, WalFrames: 10, InFile: 10),
        ]);
        var (running, overlapped, calls) = (0, false, 0);
        SqliteCheckpointer checkpointer = null!;
        checkpointer = new SqliteCheckpointer(async ct =>
        {
            if (Interlocked.Increment(ref running) > 1) overlapped = true;
            try
            {
                // The first one outlasts the pause a write waits for, and a write comes while it runs: no second checkpoint may start.
                if (Interlocked.Increment(ref calls) == 1)
                {
                    checkpointer.Wrote(100);
                    await Task.Delay(SqliteCheckpointer.Quiet * 1.5, ct);
                }
                lock (answers) return answers.Count > 0 ? answers.Dequeue()() : new(false, 0, 0);
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }, log: null, volume: SqliteSpace.Uncapped.CheckpointVolume);
        await using (checkpointer)
        {
            checkpointer.Wrote(100);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (checkpointer.Completed < 2)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"{checkpointer.Completed} checkpoints ran in a minute ({calls} tried)");
                await Task.Delay(20);
            }
            // The last write came before the complete one began: nothing is left to do, and no further checkpoint is tried.
            await Task.Delay(SqliteCheckpointer.Quiet * 2);
            Assert.Equal(4, Volatile.Read(ref calls));
            Assert.Equal(2, checkpointer.Completed);
            Assert.False(overlapped, "two checkpoints ran at once");
        }
        var after = Volatile.Read(ref calls);
        checkpointer.Wrote(100);
        await Task.Delay(SqliteCheckpointer.Quiet * 1.5);
        Assert.Equal(after, Volatile.Read(ref calls));
    }
}
