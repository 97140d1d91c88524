using System.Diagnostics;
using Cohort.Contracts.Ingest;
using Cohort.Contracts.Queries;
using Cohort.Ingest.Ingestion;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.Bench.Scenarios;

/// <summary>
/// An extract delivered again with every value corrected (as after an assay's recalibration): the usual drop ingested into a fresh
/// store, then the same observations with every value 1% higher, written by DuckDB, as a correction run. Reports the correction's
/// time, the space the store's rows take after the first run, after the correction (each corrected row keeps the participant as
/// published beside the change until the run is settled), and after the shards have settled and compacted (FlushShards, timed).
/// </summary>
public static class CorrectionScenario
{
    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        var d = await BenchSilo.DropAsync(o);
        var corrected = Path.Combine(d.Root, "observations-recalibrated.parquet");
        if (!File.Exists(corrected))
        {
            using var duck = new DuckDBConnection("Data Source=:memory:");
            duck.Open();
            using var copy = duck.CreateCommand();
            copy.CommandText = $"COPY (SELECT * REPLACE (value * 1.01 AS value) FROM read_parquet('{d.Observations}')) TO '{corrected}' (FORMAT parquet)";
            copy.ExecuteNonQuery();
        }
        var data = Path.Combine(d.Root, "correction-data");
        using var host = await BenchSilo.StartAsync(data);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var query = grains.GetGrain<ICohortQueryGrain>(0);

        var first = await new IngestRunner(grains).RunAsync(new IngestRequest(d.Participants, [d.Observations]));
        await query.FlushShards();
        Console.WriteLine($"first run: {first.RowsAccepted:N0} observations of {first.ParticipantsTouched:N0} participants in {first.DurationSeconds:0.0} s; {Used(data)}");

        var clock = Stopwatch.StartNew();
        var run = await new IngestRunner(grains).RunAsync(new IngestRequest(d.Participants, [corrected]));
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"correction: {run.Status.Code()} in {seconds:0.00} s = {run.RowsRead / seconds:N0} observations/s ({run.RowsChanged:N0} values changed, " +
            $"{run.RowsAdded:N0} added, {run.RowsUnchanged:N0} unchanged); {Used(data)}");

        clock.Restart();
        await query.FlushShards();
        Console.WriteLine($"settled and compacted in {clock.Elapsed.TotalSeconds:0.0} s; {Used(data)}");
        await host.StopAsync();
        return 0;
    }

    /// <summary>
    /// What the participants' rows hold (the sum of their stored lengths) and the store's pages in use (all pages less the free list:
    /// a row rewritten smaller leaves its page partly empty, not free), in megabytes.
    /// </summary>
    private static string Used(string data)
    {
        var file = Path.Combine(data, "cohort.db");
        using var c = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=false");
        c.Open();
        long Scalar(string sql)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        var rows = Scalar($"SELECT SUM(length(data)) FROM grain_state WHERE grain_type = '{Cohort.Grains.Participants.ParticipantWriter.StateType}'");
        var used = (Scalar("PRAGMA page_count") - Scalar("PRAGMA freelist_count")) * Scalar("PRAGMA page_size");
        return $"{rows / 1048576.0:N0} MB in participants' rows, {used / 1048576.0:N0} MB of pages in use";
    }
}
