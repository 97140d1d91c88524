using Cohort.Contracts.Ingest;
using Cohort.Contracts.Participants;
using Cohort.Contracts.Queries;
using Cohort.Ingest.Ingestion;

namespace Cohort.Grains.Tests;

/// <summary>Drops written by DuckDB (dictionary encoding, zstd and snappy, DATE and TIMESTAMP, decimals and BIGINTs) ingest like ours.</summary>
public sealed class ForeignParquetTests(GeneratedDrop drop) : IClassFixture<GeneratedDrop>
{
    private string Out(string name) => Path.Combine(drop.Directory, name);

    /// <summary>The drop's clean rows (injected faults removed), rewritten by DuckDB with the given column expressions and compression.</summary>
    private string Rewrite(string name, string takenAt, string value, string minute, string compression)
    {
        var path = Out(name);
        DuckDb.Execute($"""
            COPY (
              SELECT participant_id, {takenAt} AS taken_at, marker, {value} AS value, unit, {minute} AS ogtt_minute, fasting
              FROM read_parquet('{drop.Observations}', file_row_number = true)
              WHERE file_row_number NOT IN (SELECT row FROM read_parquet('{drop.Faults}'))
              ORDER BY file_row_number
            ) TO '{path}' (FORMAT parquet, COMPRESSION {compression}, ROW_GROUP_SIZE 50000)
            """);
        return path;
    }

    private long CleanRows => drop.Manifest.ObservationRows - drop.Manifest.Faults.Values.Sum();

    [Fact]
    public async Task A_DuckDB_file_with_zstd_timestamps_decimals_and_bigints_holds_the_same_values()
    {
        var file = Rewrite("duck-zstd.parquet", "taken_at", "CAST(value AS DECIMAL(12,3))", "CAST(ogtt_minute AS BIGINT)", "zstd");
        var types = DuckDb.Query($"DESCRIBE SELECT * FROM read_parquet('{file}')").ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal("TIMESTAMP", types["taken_at"]);
        Assert.StartsWith("DECIMAL", types["value"]);
        Assert.Equal("BIGINT", types["ogtt_minute"]);

        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var runner = new IngestRunner(cluster.Grains);
        var duck = await runner.RunAsync(new IngestRequest(drop.Participants, [file]));
        Assert.Equal(RunStatus.Succeeded, duck.Status);
        Assert.Equal(CleanRows, duck.RowsRead);
        Assert.Equal(CleanRows, duck.RowsAccepted);
        Assert.Equal(0, duck.RowsRejected);

        // The same data written by Parquet.Net: every accepted row is already stored with the same value and time.
        var ours = await runner.RunAsync(new IngestRequest(drop.Participants, [drop.Observations]));
        Assert.Equal(0, ours.RowsAdded);
        Assert.Equal(0, ours.RowsChanged);
        Assert.Equal(CleanRows, ours.RowsUnchanged);
    }

    [Fact]
    public async Task A_DuckDB_file_with_snappy_and_DATE_visits_ingests()
    {
        var file = Rewrite("duck-snappy-date.parquet", "CAST(taken_at AS DATE)", "CAST(value AS FLOAT)", "CAST(ogtt_minute AS SMALLINT)", "snappy");
        Assert.Equal("DATE", DuckDb.Query($"DESCRIBE SELECT taken_at FROM read_parquet('{file}')")[0][1]);
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(drop.Participants, [file]));
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(CleanRows, run.RowsAccepted);
        var overview = await cluster.Grains.GetGrain<ICohortQueryGrain>(0).Overview();
        Assert.Equal(drop.Manifest.Visits, overview.Visits);
    }

    [Fact]
    public async Task A_missing_column_fails_the_run_naming_file_and_column_and_writes_nothing()
    {
        var file = Out("no-unit.parquet");
        DuckDb.Execute($"COPY (SELECT participant_id, taken_at, marker, value FROM read_parquet('{drop.Observations}')) TO '{file}' (FORMAT parquet)");
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(drop.Participants, [file]));
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("no-unit.parquet", run.Message);
        Assert.Contains("'unit'", run.Message);
        Assert.Equal(0, (await cluster.Grains.GetGrain<ICohortQueryGrain>(0).Overview()).Observations);
        Assert.Equal(RunStatus.Failed, (await cluster.Grains.GetGrain<IIngestRunsGrain>(0).List()).Single().Status);
    }

    [Fact]
    public async Task A_truncated_file_fails_the_run_with_a_readable_message()
    {
        var file = Out("truncated.parquet");
        var bytes = await File.ReadAllBytesAsync(drop.Observations);
        await File.WriteAllBytesAsync(file, bytes[..(bytes.Length / 2)]);
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(drop.Participants, [file]));
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("truncated.parquet", run.Message);
        Assert.Contains("not a readable Parquet file", run.Message);
    }

    /// <summary>
    /// A file DuckDB wrote in many row groups, its last one damaged (its first data page zeroed): the run reads, validates and writes
    /// the row groups before it, then fails naming the damaged one, and nothing of it is published.
    /// </summary>
    [Fact]
    public async Task A_row_group_damaged_after_others_were_written_fails_the_run_and_publishes_nothing()
    {
        var file = Out("damaged-row-group.parquet");
        DuckDb.Execute($"COPY (SELECT * FROM read_parquet('{drop.Observations}') ORDER BY participant_id) TO '{file}' (FORMAT parquet, ROW_GROUP_SIZE 2048)");
        var last = DuckDb.Scalar($"SELECT max(row_group_id) FROM parquet_metadata('{file}')");
        Assert.True(last >= 2, $"{last + 1} row groups");
        var offset = DuckDb.Scalar($"SELECT min(data_page_offset) FROM parquet_metadata('{file}') WHERE row_group_id = {last}");
        await using (var f = new FileStream(file, FileMode.Open, FileAccess.Write))
        {
            f.Position = offset;
            f.Write(new byte[64]);
        }
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(drop.Participants, [file]) { RejectThreshold = 1 });
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains($"damaged-row-group.parquet: row group {last} cannot be read", run.Message);
        Assert.Contains("nothing of it was published", run.Message);
        Assert.Equal(0, (await cluster.Grains.GetGrain<ICohortQueryGrain>(0).Overview()).Participants);
        Assert.Null(await cluster.Grains.GetGrain<IParticipantGrain>("P0000001").Get());
    }

    [Fact]
    public async Task A_column_of_the_wrong_type_is_named()
    {
        var file = Out("text-values.parquet");
        DuckDb.Execute($"COPY (SELECT participant_id, taken_at, marker, CAST(value AS VARCHAR) AS value, unit FROM read_parquet('{drop.Observations}')) TO '{file}' (FORMAT parquet)");
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(drop.Participants, [file]));
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("column 'value' has type string; expected a number", run.Message);
    }

    [Fact]
    public async Task A_corrected_file_replaces_the_values_it_corrects_and_records_which_run_supplied_them()
    {
        var original = Rewrite("original.parquet", "taken_at", "value", "ogtt_minute", "snappy");
        var corrected = Out("corrected.parquet");
        // P0000005's HDL results are corrected (+0.05 in the reported unit); everything else is resent unchanged.
        DuckDb.Execute($"""
            COPY (SELECT participant_id, taken_at, marker,
                         CASE WHEN participant_id = 'P0000005' AND marker = 'hdl' THEN value + 0.05 ELSE value END AS value,
                         unit, ogtt_minute, fasting
                  FROM read_parquet('{original}')) TO '{corrected}' (FORMAT parquet)
            """);
        var hdlRows = (long)DuckDb.Query($"SELECT count(*) FROM read_parquet('{original}') WHERE participant_id = 'P0000005' AND marker = 'hdl'")[0][0]!;
        Assert.True(hdlRows > 0);

        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var runner = new IngestRunner(cluster.Grains);
        var first = await runner.RunAsync(new IngestRequest(drop.Participants, [original]));
        var second = await runner.RunAsync(new IngestRequest(drop.Participants, [corrected]));
        Assert.Equal(hdlRows, second.RowsChanged);
        Assert.Equal(0, second.RowsAdded);
        Assert.Equal(first.RowsAccepted - hdlRows, second.RowsUnchanged);

        var view = await cluster.Grains.GetGrain<global::Cohort.Contracts.Participants.IParticipantGrain>("P0000005").Get();
        Assert.All(view!.Observations.Where(o => o.Marker == "hdl"), o => Assert.Equal(second.RunId, o.Run));
        Assert.All(view.Observations.Where(o => o.Marker != "hdl"), o => Assert.Equal(first.RunId, o.Run));
    }
}
