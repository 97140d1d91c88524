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
                quarantine.Add(Row(files[x.File], x.Group, x.Row), x.Row, repeat: false);
            Assert.Equal(Math.Min(limit, rows.Count), quarantine.Count);
            Assert.Equal(expected, quarantine.InFileOrder().Select(q => (q.File, q.RowGroup, q.Row)));
        }
    }

    [Fact]
    public void A_limit_of_nothing_keeps_nothing()
    {
        var quarantine = new RunQuarantine(0);
        quarantine.Add(Row("a.parquet", 0, 0), 0, repeat: true);
        Assert.Empty(quarantine.InFileOrder());
    }
}
