using System.Diagnostics;
using System.Globalization;
using Cohort.Contracts.Access;
using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.Bench.Scenarios;

/// <summary>
/// The `cohort ingest` CLI as a user runs it: a separate process sending a generated drop to a single-node silo in this process (a fresh
/// store each run), timed, with the CLI's peak resident memory (VmHWM, read from /proc while it runs) beside the observation file's
/// size and row groups (as DuckDB reads them). Medians of --repeat runs (default 3). With --row-group-rows N the observations are first
/// rewritten by DuckDB in row groups of N rows (as an extract DuckDB wrote would come), and that file is sent instead.
/// </summary>
public static class CliIngestScenario
{
    private const string Password = "bench-secret-pw-7c1d-x9";

    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        var d = await BenchSilo.DropAsync(o);
        var repeat = int.Parse(o.GetValueOrDefault("repeat", "3"), CultureInfo.InvariantCulture);
        if (o.TryGetValue("row-group-rows", out var rowGroupRows))
            d = d with { Observations = Rewritten(d, int.Parse(rowGroupRows, CultureInfo.InvariantCulture)) };
        var (rowGroups, largest) = RowGroups(d.Observations);
        Console.WriteLine($"cli ingest of {d.ParticipantCount:N0} participants × {d.Visits} visits: {d.Rows:N0} observations, " +
            $"{new FileInfo(d.Observations).Length / 1048576.0:0.0} MB in {rowGroups} row group(s), the largest {largest:N0} rows");
        var (seconds, peaks) = (new List<double>(), new List<double>());
        for (var i = 0; i < repeat; i++)
        {
            var gateway = Tests.Shared.ExternalProcess.FreePort();
            using var host = await BenchSilo.StartAsync(Path.Combine(d.Root, "cli-ingest"), gatewayPort: gateway);
            // The account the CLI signs in with, as the silo's first start makes it.
            await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserDirectoryGrain>(0).EnsureInitialAdmin(Password);
            var (exit, elapsed, peak, err) = await RunCli(d, gateway);
            await host.StopAsync();
            if (exit != 0)
            {
                Console.Error.WriteLine($"the CLI failed (exit {exit}): {err}");
                return 1;
            }
            seconds.Add(elapsed);
            peaks.Add(peak / 1048576.0);
            Console.WriteLine($"  run {i + 1}: {elapsed:0.00} s, CLI peak resident memory {peak / 1048576.0:N0} MB");
        }
        Console.WriteLine($"  median: {Median(seconds):0.00} s = {d.Rows / Median(seconds):N0} observations/s; CLI peak resident memory {Median(peaks):N0} MB");
        return 0;
    }

    private static async Task<(int Exit, double Seconds, long PeakBytes, string Err)> RunCli(BenchSilo.Drop d, int gateway)
    {
        var cli = Tests.Shared.Repository.Output("Cli");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = cli };
        psi.Environment["COHORT_USER"] = "admin";
        psi.Environment["COHORT_PASSWORD"] = Password;
        psi.Environment["COHORT_SESSION_DIR"] = Path.Combine(d.Root, "cli-sessions");
        foreach (var a in new[] { Path.Combine(cli, "cohort.dll"), "ingest", "--participants", d.Participants, "--observations", d.Observations, "--gateway", $"127.0.0.1:{gateway}", "--json" })
            psi.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        try
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            long peak = 0;
            // VmHWM only grows; the last reading before the process ends is its peak (to within the last 20 ms).
            while (!p.HasExited)
            {
                peak = Math.Max(peak, HighWaterMark(p.Id));
                await Task.WhenAny(p.WaitForExitAsync(), Task.Delay(20));
            }
            await p.WaitForExitAsync();
            var seconds = clock.Elapsed.TotalSeconds;
            await stdout;
            return (p.ExitCode, seconds, peak, await stderr);
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
        }
    }

    private static long HighWaterMark(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0; // the process ended between the check and the read
        }
    }

    /// <summary>The drop's observations as DuckDB writes them with row groups of <paramref name="rows"/> rows (made once per size).</summary>
    private static string Rewritten(BenchSilo.Drop d, int rows)
    {
        var file = Path.Combine(d.Root, $"observations-duckdb-{rows}.parquet");
        if (File.Exists(file)) return file;
        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        using var cmd = duck.CreateCommand();
        cmd.CommandText = $"COPY (SELECT * FROM read_parquet('{d.Observations}')) TO '{file}' (FORMAT parquet, ROW_GROUP_SIZE {rows})";
        cmd.ExecuteNonQuery();
        return file;
    }

    private static (long RowGroups, long Largest) RowGroups(string file)
    {
        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        using var cmd = duck.CreateCommand();
        cmd.CommandText = $"SELECT count(DISTINCT row_group_id), max(row_group_num_rows) FROM parquet_metadata('{file}')";
        using var r = cmd.ExecuteReader();
        r.Read();
        return (Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture));
    }

    private static double Median(List<double> xs) => Domain.Statistics.Percentile.OfSorted(xs.Order().ToArray(), 0.5);
}
