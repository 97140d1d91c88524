using Cohort.Contracts.Ingest;
using Cohort.Ingest.Ingestion;

namespace Cohort.Ingest.Tests;

public sealed class RunQuarantineTests
{
    private static QuarantinedRow Row(string file, int rowGroup, long row) =>
        new(file, rowGroup, row, RejectReason.DuplicateRow, "", new Dictionary<string, string?>());

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(40)]
    [InlineData(1000)]
    public void Whatever_order_rows_are_found_in_it_keeps_the_first_in_the_files_order(int limit)
    {
        // Rows of three files (read in the order b, a, c), a few row groups each, found in a random order 200 times over: what is kept is
        // always the first rows of the run in its files' order, and nothing else.
        string[] files = ["b.parquet", "a.parquet", "c.parquet"];
        var rows = (from f in Enumerable.Range(0, files.Length) from g in Enumerable.Range(0, 3) from r in Enumerable.Range(0, 20) select (File: f, Group: g, Row: r)).ToList();
        var expected = rows.Take(limit).Select(x => (files[x.File], x.Group, (long)x.Row)).ToList();
        for (var seed = 0; seed < 200; seed++)
        {
            var quarantine = new RunQuarantine(limit);
            quarantine.Files(files);
            var found = rows.ToArray();
            new Random(seed).Shuffle(found);
            foreach (var x in found)
                quarantine.Add(Row(files[x.File], x.Group, x.Row), x.File, x.Row, repeat: false);
            Assert.Equal(Math.Min(limit, rows.Count), quarantine.Count);
            Assert.Equal(expected, quarantine.InFileOrder().Select(q => (q.File, q.RowGroup, q.Row)));
        }
    }

    [Theory]
    [InlineData("P1", 90.0, "glucose-as-read")]
    [InlineData("P2", 90.0, "glucose-as-taken")]
    [InlineData("P1", 91.0, "glucose-as-taken")]
    public async Task A_repeat_is_read_again_from_its_file_unless_the_file_no_longer_has_the_row_the_run_took(string inFileNow, double valueNow, string expected)
    {
        // What the run took: the participant, time and value as read (in mg/dL), under Cohort's marker code.
        var taken = new DateTime(2025, 3, 1, 8, 0, 0);
        var asTaken = ObservationBlock.RawRow("P1", taken, "glucose-as-taken", 90.0, "mg/dL", null, true, null);
        var quarantine = new RunQuarantine(10);
        quarantine.Add(new QuarantinedRow("a.parquet", 1, 12, RejectReason.DuplicateRow, "", asTaken), 0, 2, repeat: true);
        quarantine.Add(new QuarantinedRow("a.parquet", 0, 0, RejectReason.UnknownUnit, "", asTaken), 0, 0, repeat: false);

        // Row group 1 of the file starts at row 10; its third row is the repeat (P1's, unless the file was changed since).
        var note = await quarantine.ReadRepeatsAgainAsync([new OneBlockSource("a.parquet", 1, new ObservationBlock
        {
            File = "a.parquet", RowGroup = 1, FirstRow = 10, ParticipantId = ["P9", "P9", inFileNow], TakenAt = [taken, taken, taken],
            Marker = ["x", "x", "glucose-as-read"], Value = [1, 1, valueNow], Unit = ["u", "u", "mg/dL"], OgttMinute = [null, null, null], Fasting = [null, null, true],
        })], null, CancellationToken.None);

        var rows = quarantine.InFileOrder();
        Assert.Equal([(0, 0L), (1, 12L)], rows.Select(r => (r.RowGroup, r.Row)));
        Assert.Equal(expected, rows[1].Raw["marker"]);
        Assert.Equal("glucose-as-taken", rows[0].Raw["marker"]);
        if (expected == "glucose-as-read") Assert.Null(note);
        else Assert.Contains("a.parquet row group 1: 1 of its rows read again are not the rows the run took (the file changed during the run)", note);
    }

    /// <summary>An input of two row groups of 10 rows, of which only <paramref name="group"/> can be read.</summary>
    private sealed class OneBlockSource(string file, int group, ObservationBlock block) : IObservationSource
    {
        public string File => file;
        public int RowGroups => 2;
        public long Rows => 20;
        public long MaxObservations => 20;
        public long RowsIn(int rowGroup) => 10;
        public IReadOnlyList<string> ExtraColumns => [];
        public IReadOnlyList<string> Warnings => [];
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public Task<ObservationBlock> ReadAsync(int rowGroup, long firstRow, CancellationToken ct = default) =>
            rowGroup == group && firstRow == block.FirstRow ? Task.FromResult(block) : throw new InvalidOperationException($"row group {rowGroup} from row {firstRow} was not to be read");
    }

    [Fact]
    public void A_limit_of_nothing_keeps_nothing()
    {
        var quarantine = new RunQuarantine(0);
        quarantine.Add(Row("a.parquet", 0, 0), 0, 0, repeat: true);
        Assert.Empty(quarantine.InFileOrder());
    }
}
