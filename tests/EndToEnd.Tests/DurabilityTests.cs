using System.Text.Json;

namespace Cohort.EndToEnd.Tests;

/// <summary>An acknowledged ingest survives a SIGKILL of the silo: the restarted silo answers with the same data, without re-ingest.</summary>
public sealed class DurabilityTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cohort-e2e-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Acknowledged_writes_survive_a_hard_kill_and_restart()
    {
        var drop = Path.Combine(_dir, "drop");
        var synth = await Processes.CliJson("synth", "--participants", "1500", "--visits", "2", "--seed", "3", "--out", drop);
        var data = Path.Combine(_dir, "data");

        JsonElement before, participant;
        string cohortBefore;
        await using (var silo = await SiloProcess.StartAsync(data))
        {
            var run = await Processes.CliJson("ingest", "--participants", Path.Combine(drop, "participants.parquet"),
                "--observations", Path.Combine(drop, "observations.parquet"), "--gateway", silo.Gateway);
            Assert.Equal("succeeded", run.GetProperty("status").GetString());
            Assert.Equal(synth.GetProperty("observationRows").GetInt64(), run.GetProperty("rowsAccepted").GetInt64());
            before = await silo.GetJson("/api/cohort");
            cohortBefore = Strip(before);
            participant = await silo.GetJson("/api/participants/P0000777");
            silo.Kill();
        }

        await using (var restarted = await SiloProcess.StartAsync(data))
        {
            var after = await restarted.GetJson("/api/cohort");
            Assert.Equal(1500, after.GetProperty("participants").GetInt64());
            Assert.Equal(cohortBefore, Strip(after));
            Assert.Equal(participant.GetRawText(), (await restarted.GetJson("/api/participants/P0000777")).GetRawText());
            // The second run of the same files finds everything stored.
            var again = await Processes.CliJson("ingest", "--participants", Path.Combine(drop, "participants.parquet"),
                "--observations", Path.Combine(drop, "observations.parquet"), "--gateway", restarted.Gateway);
            Assert.Equal(0, again.GetProperty("rowsAdded").GetInt64());
            Assert.Equal(0, again.GetProperty("rowsChanged").GetInt64());
        }
    }

    [Fact]
    public async Task The_CLI_fails_clearly_when_no_silo_answers()
    {
        var (exit, _, err) = await Processes.Cli("ingest", "--participants", "p.parquet", "--observations", "o.parquet", "--gateway", $"127.0.0.1:{Processes.FreePort()}");
        Assert.Equal(1, exit);
        Assert.Contains("cannot reach the Cohort gateway", err);
    }

    /// <summary>The overview without the parts that legitimately differ between processes.</summary>
    private static string Strip(JsonElement cohort)
    {
        var d = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(cohort.GetRawText())!;
        return string.Join("|", new[] { "participants", "visits", "observations", "observationsByMarker", "baselineCategories", "baselinePhases" }
            .Select(k => d[k].GetRawText()));
    }
}
