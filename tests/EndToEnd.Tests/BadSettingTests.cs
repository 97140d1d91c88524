namespace Cohort.EndToEnd.Tests;

/// <summary>
/// A bad setting stops the silo at start with one line naming the key and exit code 2: never a stack trace, never a silo that
/// starts and fails at the first query that reads the setting.
/// </summary>
public sealed class BadSettingTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cohort-badsetting-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("Cohort:Shards", "abc")]
    [InlineData("Cohort:Shards", "0")]
    [InlineData("Cohort:RuleSet", "who2099")]
    [InlineData("Cohort:Clustering", "zookeeper")]
    [InlineData("Cohort:GatewayPort", "seventy")]
    [InlineData("Cohort:Membership:MissedProbesLimit", "0")]
    [InlineData("Cohort:SqliteMaxMegabytes", "0")]
    public async Task A_bad_setting_ends_the_start_with_one_line_that_names_it(string key, string value)
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(_dir, $"--{key}", value));
        Assert.Contains("the silo exited with 2", e.Message);
        Assert.Contains($"Cohort cannot start: bad setting:", e.Message);
        Assert.Contains(key, e.Message);
        Assert.DoesNotContain("   at ", e.Message);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (DirectoryNotFoundException) { } catch (IOException) { }
    }
}
