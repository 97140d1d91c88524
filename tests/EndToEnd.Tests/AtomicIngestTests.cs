using System.Text.Json;

namespace Cohort.EndToEnd.Tests;

/// <summary>
/// A run is published whole or not at all, on a real silo process: the dashboard's API is polled throughout an ingest of a file DuckDB
/// wrote (corrections of every stored participant and new ones), the silo is killed with SIGKILL while the run is writing, and the
/// restarted silo answers with exactly the state before the run, says in the run history that the run published nothing, and takes
/// the same file again whole.
/// </summary>
public sealed class AtomicIngestTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cohort-e2e-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private const string Homa = "/api/distribution?metric=homa_ir&by=sex";

    /// <summary>
    /// What a poll saw: the overview's participant count, the run in progress (phase and rows done of the phase) if any, and the
    /// distribution's strata.
    /// </summary>
    private sealed record Seen(long Participants, string? Phase, long RowsDone, string Distribution);

    private static async Task<Seen> Poll(SiloProcess silo)
    {
        var cohort = await silo.GetJson("/api/cohort");
        var running = cohort.GetProperty("inProgress").EnumerateArray().FirstOrDefault();
        var homa = await silo.GetJson(Homa);
        return running.ValueKind == JsonValueKind.Object
            ? new Seen(cohort.GetProperty("participants").GetInt64(), running.GetProperty("phase").GetString(), running.GetProperty("rowsDone").GetInt64(), Strata(homa))
            : new Seen(cohort.GetProperty("participants").GetInt64(), null, 0, Strata(homa));
    }

    private static string Strata(JsonElement distribution) => distribution.GetProperty("strata").GetRawText();

    [Fact]
    public async Task A_silo_killed_while_a_run_writes_restarts_with_the_state_before_it_and_no_query_ever_sees_part_of_it()
    {
        var first = Path.Combine(_dir, "first");
        var second = Path.Combine(_dir, "second");
        await Processes.CliJson("synth", "--participants", "1500", "--visits", "2", "--seed", "3", "--out", first);
        var synth = await Processes.CliJson("synth", "--participants", "30000", "--visits", "2", "--seed", "4", "--out", second);
        // The second run's observations as DuckDB writes them: row groups of 100,000 rows, so the kill falls between row groups sent.
        var observations = Path.Combine(_dir, "observations-duckdb.parquet");
        DuckDb.Execute($"COPY (SELECT * FROM read_parquet('{Path.Combine(second, "observations.parquet")}')) TO '{observations}' (FORMAT parquet, ROW_GROUP_SIZE 100000)");
        var data = Path.Combine(_dir, "data");

        Seen before;
        string beforeParticipant;
        await using (var silo = await SiloProcess.StartAsync(data))
        {
            var run = await Processes.CliJson("ingest", "--participants", Path.Combine(first, "participants.parquet"),
                "--observations", Path.Combine(first, "observations.parquet"), "--gateway", silo.Gateway);
            Assert.Equal("succeeded", run.GetProperty("status").GetString());
            before = await Poll(silo);
            Assert.Equal(1500, before.Participants);
            beforeParticipant = (await silo.GetJson("/api/participants/P0000777")).GetRawText();

            // Paced, so that however fast the machine the run is still writing, seconds after the runs grain was told it was past
            // 300,000 rows (progress reaches it at most every two seconds): the run has at least a million rows at 200,000 a second.
            Assert.True(synth.GetProperty("observationRows").GetInt64() > 1_000_000, "the second run must outlast the progress reports");
            var ingest = Processes.CliWithin(TimeSpan.FromMinutes(3), null, null, "ingest", "--participants", Path.Combine(second, "participants.parquet"),
                "--observations", observations, "--gateway", silo.Gateway, "--json", "--max-rows-per-second", "200000");
            var polls = 0;
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (true)
            {
                if (ingest.IsCompleted)
                {
                    var (_, o, e) = await ingest;
                    Assert.Fail($"the second run ended before the test saw it writing, after {polls} polls: {o}{e}");
                }
                Assert.True(DateTime.UtcNow < deadline, "the second run never reported that it was writing");
                var seen = await Poll(silo);
                polls++;
                Assert.Equal(before.Participants, seen.Participants);
                Assert.Equal(before.Distribution, seen.Distribution);
                // Rows are handed to the senders one 100,000-row group at a time, so past 300,000 rows read for writing at least
                // 100,000 rows' participants have been written (staged) when the silo dies.
                if (seen is { Phase: "writing", RowsDone: >= 300_000 }) break;
                await Task.Delay(100);
            }
            silo.Kill();
            var (exit, _, err) = await ingest;
            Assert.NotEqual(0, exit);
            Assert.False(string.IsNullOrWhiteSpace(err));
        }

        await using (var restarted = await SiloProcess.StartAsync(data))
        {
            var after = await Poll(restarted);
            Assert.Equal(before with { Phase = null, RowsDone = 0 }, after);
            Assert.Equal(beforeParticipant, (await restarted.GetJson("/api/participants/P0000777")).GetRawText());
            var runs = (await restarted.GetJson("/api/ingest/runs")).EnumerateArray().ToArray();
            var killed = runs[^1];
            Assert.Equal("failed", killed.GetProperty("status").GetString());
            Assert.Contains("nothing of it was published", killed.GetProperty("message").GetString());

            // The same file again, polled throughout: before or after, never between. A poll reads the overview and then the
            // distribution, so the run may publish between the two reads: a poll that saw the old count may see either distribution,
            // one that saw the new count only the published one (judged once the run has ended).
            var ingest = Processes.CliWithin(TimeSpan.FromMinutes(4), null, null, "ingest", "--participants", Path.Combine(second, "participants.parquet"),
                "--observations", observations, "--gateway", restarted.Gateway, "--json");
            var polled = new List<Seen>();
            while (!ingest.IsCompleted)
            {
                var seen = await Poll(restarted);
                Assert.True(seen.Participants is 1500 or 30000, $"a query saw {seen.Participants} participants mid-run");
                polled.Add(seen);
                await Task.Delay(100);
            }
            var (exit, stdout, err) = await ingest;
            Assert.True(exit == 0, $"the run again exited with {exit}: {stdout}{err}\nthe silo's log ends:\n{restarted.LogTail()}");
            var rerun = JsonDocument.Parse(stdout).RootElement;
            Assert.Equal("succeeded", rerun.GetProperty("status").GetString());
            Assert.Equal(synth.GetProperty("observationRows").GetInt64(), rerun.GetProperty("rowsAccepted").GetInt64());
            var published = await Poll(restarted);
            Assert.Equal(30000, published.Participants);
            Assert.NotEqual(before.Distribution, published.Distribution);
            Assert.All(polled, p => Assert.True(p.Distribution == published.Distribution || (p.Participants == 1500 && p.Distribution == before.Distribution),
                $"a poll mid-run saw {p.Participants} participants and a distribution of neither the state before nor the published one: {p.Distribution}"));
        }
    }
}
