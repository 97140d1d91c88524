using Cohort.Contracts.Ingest;

namespace Cohort.Grains.Ingest;

/// <summary>
/// The run history in memory, as the pages it is stored in (<see cref="IRunHistoryPageGrain"/>): runs oldest first, at most
/// <see cref="PageCapacity"/> to a page, the pages numbered on from <see cref="FirstPage"/>. Adding a run changes one page, the last
/// (or the page of a run recorded again), and only changed pages need writing; once the pages after the first hold
/// <see cref="Kept"/> runs, the first page leaves the history whole, so that at least <see cref="Kept"/> runs are always kept.
/// </summary>
public sealed class RunHistory
{
    /// <summary>How many of the latest runs the history shows.</summary>
    public const int Kept = RunSummary.HistoryKept;

    /// <summary>Runs to a page: a run's record rewrites at most this many summaries (about 5.8 KB each for a run with a quality report).</summary>
    public const int PageCapacity = 25;

    private readonly List<List<RunSummary>> _pages = [];
    private readonly SortedSet<long> _changed = [];
    private readonly List<long> _left = [];

    /// <param name="firstPage">The number of the first page (pages before it have left the history).</param>
    /// <param name="pages">The stored pages from the first on, oldest first.</param>
    public RunHistory(long firstPage, IEnumerable<IReadOnlyList<RunSummary>> pages)
    {
        FirstPage = firstPage;
        _pages.AddRange(pages.Select(p => p.ToList()));
    }

    /// <summary>The number of the first page still in the history.</summary>
    public long FirstPage { get; private set; }

    /// <summary>The latest <see cref="Kept"/> runs, oldest first.</summary>
    public IEnumerable<RunSummary> Runs
    {
        get
        {
            var all = _pages.SelectMany(p => p);
            var count = _pages.Sum(p => p.Count);
            return count > Kept ? all.Skip(count - Kept) : all;
        }
    }

    /// <summary>How many runs <see cref="Runs"/> holds.</summary>
    public int Count => Math.Min(Kept, _pages.Sum(p => p.Count));

    /// <summary>
    /// The latest <paramref name="count"/> runs (the last recorded), newest first; with <paramref name="before"/>, the latest of those
    /// before that run (null when <see cref="Runs"/> does not hold it).
    /// </summary>
    public IReadOnlyList<RunSummary>? Newest(int count, string? before = null)
    {
        var newestFirst = Runs.Reverse();
        if (before is not null)
        {
            if (!Runs.Any(r => r.RunId == before)) return null;
            newestFirst = newestFirst.SkipWhile(r => r.RunId != before).Skip(1);
        }
        return newestFirst.Take(count).ToArray();
    }

    /// <summary>The run with this id, if the history holds it.</summary>
    public RunSummary? Find(string runId) => _pages.SelectMany(p => p).LastOrDefault(r => r.RunId == runId);

    /// <summary>
    /// Adds a run after the latest, or replaces it where it stands when the history already holds a run with its id (a runner's record
    /// of a run the runs grain recorded for it when it found the runner gone).
    /// </summary>
    public void Add(RunSummary run)
    {
        for (var p = 0; p < _pages.Count; p++)
        {
            var at = _pages[p].FindIndex(r => r.RunId == run.RunId);
            if (at < 0) continue;
            _pages[p][at] = run;
            _changed.Add(FirstPage + p);
            return;
        }
        if (_pages.Count == 0 || _pages[^1].Count >= PageCapacity) _pages.Add([]);
        _pages[^1].Add(run);
        _changed.Add(FirstPage + _pages.Count - 1);
        while (_pages.Count > 1 && _pages.Skip(1).Sum(p => p.Count) >= Kept)
        {
            _changed.Remove(FirstPage);
            _left.Add(FirstPage);
            _pages.RemoveAt(0);
            FirstPage++;
        }
    }

    /// <summary>The pages changed since they were last written, by number, oldest first.</summary>
    public IReadOnlyList<(long Number, IReadOnlyList<RunSummary> Runs)> Changed =>
        _changed.Select(n => (n, (IReadOnlyList<RunSummary>)_pages[(int)(n - FirstPage)].ToArray())).ToArray();

    /// <summary>A changed page is written as it now stands.</summary>
    public void Written(long number) => _changed.Remove(number);

    /// <summary>
    /// The pages that have left the history since last asked (still stored: the runs grain names them in its state and clears them once
    /// the new first page is durable).
    /// </summary>
    public IReadOnlyList<long> TakeLeft()
    {
        var left = _left.ToArray();
        _left.Clear();
        return left;
    }

    /// <summary>
    /// The history of a store written before pages, whose runs sat in the runs grain's own state: laid out in pages from page 1, every
    /// page still to be written.
    /// </summary>
    public static RunHistory FromUnpaged(IReadOnlyList<RunSummary> runs)
    {
        var history = new RunHistory(1, []);
        foreach (var run in runs) history.Add(run);
        return history;
    }
}
