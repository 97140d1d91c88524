using Cohort.Contracts.Ingest;
using Cohort.Grains.Ingest;

namespace Cohort.Grains.Tests;

/// <summary>The run history's pages: a run lands on one page, a page never outgrows its capacity, and the window keeps the latest runs.</summary>
public sealed class RunHistoryTests
{
    internal static RunSummary Run(string id, RunStatus status = RunStatus.Succeeded, params IngestedFile[] inputs) => new()
    {
        RunId = id, Status = status, StartedAt = DateTime.UnixEpoch, FinishedAt = DateTime.UnixEpoch, Files = [], RowsRead = 0, RowsAccepted = 0,
        RowsRejected = 0, RowsFlagged = 0, RowsUnchanged = 0, RowsAdded = 0, RowsChanged = 0, ParticipantsTouched = 0,
        RejectsByReason = new Dictionary<string, long>(), Inputs = inputs,
    };

    private static void WriteAll(RunHistory h)
    {
        foreach (var (number, _) in h.Changed) h.Written(number);
    }

    [Fact]
    public void Each_run_changes_only_the_page_it_lands_on_and_no_page_holds_more_than_its_capacity()
    {
        var h = new RunHistory(1, []);
        Assert.Empty(h.Newest(1)!);
        for (var i = 0; i < 3 * RunHistory.PageCapacity + 1; i++)
        {
            h.Add(Run($"r{i}"));
            var changed = Assert.Single(h.Changed);
            Assert.Equal(1 + i / RunHistory.PageCapacity, changed.Number);
            Assert.Equal(i % RunHistory.PageCapacity + 1, changed.Runs.Count);
            Assert.Equal($"r{i}", changed.Runs[^1].RunId);
            WriteAll(h);
        }
        Assert.Equal(Enumerable.Range(0, 3 * RunHistory.PageCapacity + 1).Select(i => $"r{i}"), h.Runs.Select(r => r.RunId));
        // The newest first, across a page boundary.
        Assert.Equal(Enumerable.Range(3 * RunHistory.PageCapacity - 2, 3).Reverse().Select(i => $"r{i}"), h.Newest(3)!.Select(r => r.RunId));
        // A page further back: the runs before a given one, none before the first, and null for a run the history does not hold.
        Assert.Equal(["r24", "r23"], h.Newest(2, before: "r25")!.Select(r => r.RunId));
        Assert.Equal(["r0"], h.Newest(5, before: "r1")!.Select(r => r.RunId));
        Assert.Empty(h.Newest(5, before: "r0")!);
        Assert.Null(h.Newest(5, before: "no-such-run"));
        Assert.Equal(3 * RunHistory.PageCapacity + 1, h.Count);
        Assert.Empty(h.TakeLeft());
    }

    [Fact]
    public void A_run_recorded_again_replaces_itself_where_it_stands()
    {
        var h = new RunHistory(1, []);
        for (var i = 0; i < 30; i++) h.Add(Run($"r{i}", RunStatus.Failed));
        WriteAll(h);

        h.Add(Run("r3"));

        Assert.Equal((1L, RunStatus.Succeeded), (Assert.Single(h.Changed).Number, Assert.Single(h.Changed).Runs[3].Status));
        Assert.Equal(30, h.Runs.Count());
        Assert.Equal(RunStatus.Succeeded, h.Find("r3")!.Status);
        Assert.Equal("r29", h.Newest(1)![0].RunId);
        Assert.Null(h.Find("r30"));
    }

    [Fact]
    public void The_first_page_leaves_whole_once_the_pages_after_it_hold_the_window_and_the_window_shows_the_latest_runs()
    {
        var h = new RunHistory(1, []);
        var total = RunHistory.Kept + 2 * RunHistory.PageCapacity + 7;
        for (var i = 0; i < total; i++)
        {
            h.Add(Run($"r{i}"));
            WriteAll(h);
        }

        // Pages 1 and 2 have left: what is held is at least the window and less than a page more.
        Assert.Equal(new long[] { 1, 2 }, h.TakeLeft());
        Assert.Equal(3, h.FirstPage);
        Assert.Equal(Enumerable.Range(total - RunHistory.Kept, RunHistory.Kept).Select(i => $"r{i}"), h.Runs.Select(r => r.RunId));
        Assert.Equal(RunHistory.Kept, h.Count);
        Assert.Equal(h.Runs.Reverse().Select(r => r.RunId), h.Newest(RunHistory.Kept + 50)!.Select(r => r.RunId));
        Assert.Empty(h.TakeLeft());   // each page that left is reported once

        // The same history read back from its pages shows the same runs.
        var pages = Enumerable.Range(2 * RunHistory.PageCapacity, total - 2 * RunHistory.PageCapacity).Select(i => Run($"r{i}")).Chunk(RunHistory.PageCapacity);
        Assert.Equal(h.Runs.Select(r => r.RunId), new RunHistory(3, pages).Runs.Select(r => r.RunId));
    }

    [Fact]
    public void A_history_stored_before_pages_is_laid_out_in_pages_all_still_to_be_written()
    {
        var runs = Enumerable.Range(0, RunHistory.Kept).Select(i => Run($"r{i}")).ToArray();

        var h = RunHistory.FromUnpaged(runs);

        Assert.Equal(Enumerable.Range(1, RunHistory.Kept / RunHistory.PageCapacity).Select(n => (long)n), h.Changed.Select(c => c.Number));
        Assert.All(h.Changed, c => Assert.Equal(RunHistory.PageCapacity, c.Runs.Count));
        Assert.Equal(runs.Select(r => r.RunId), h.Runs.Select(r => r.RunId));
        Assert.Equal((1L, 0), (h.FirstPage, h.TakeLeft().Count));
    }
}
