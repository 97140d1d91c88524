namespace Cohort.EndToEnd.Tests;

/// <summary>The CLI explains itself: every command has its own help, and a wrong or missing option is a usage error (exit code 2)
/// naming the option, before any silo is contacted.</summary>
public sealed class CliUsageTests
{
    [Theory]
    [InlineData("ingest", "--observations")]
    [InlineData("schedule add", "--cron")]
    [InlineData("quarantine replay", "--run")]
    [InlineData("phenotypes fit", "--k-max")]
    [InlineData("users add", "--role")]
    public async Task Each_command_has_its_own_help(string command, string option)
    {
        var (exit, stdout, stderr) = await Processes.Cli([.. command.Split(' '), "--help"]);
        Assert.True(exit == 0, stderr);
        Assert.Contains($"cohort {command} [options]", stdout);
        Assert.Contains(option, stdout);
    }

    [Theory]
    [InlineData("give --observations (with --participants) or --events", "ingest")]
    [InlineData("--threshold must be between 0 and 1 (got '1.5')", "ingest", "--observations", "o.parquet", "--participants", "p.parquet", "--threshold", "1.5")]
    [InlineData("--participants is required for the long layout", "ingest", "--observations", "o.parquet")]
    [InlineData("--max-rows-per-second must be a positive number of rows (got '0')", "ingest", "--observations", "o.parquet", "--participants", "p.parquet", "--max-rows-per-second", "0")]
    [InlineData("--held-rows-max must be a positive number of observations (got '0')", "ingest", "--observations", "o.parquet", "--participants", "p.parquet", "--held-rows-max", "0")]
    [InlineData("--max-rows-per-second must be a positive number of rows (got '-5')", "schedule", "add", "--name", "a", "--cron", "0 2 * * *", "--path", "/drops/*.parquet", "--max-rows-per-second", "-5")]
    [InlineData("--layout", "ingest", "--observations", "o.parquet", "--layout", "tall")]
    [InlineData("--participants must be at least 1 (got '0')", "synth", "--participants", "0", "--out", "x")]
    [InlineData("--particpants", "synth", "--particpants", "10", "--out", "x")]
    [InlineData("--format parquet needs --out FILE", "quarantine", "--run", "r", "--format", "parquet")]
    [InlineData("'--cron' is required", "schedule", "add", "--name", "a", "--path", "/drops/*.parquet")]
    public async Task A_wrong_option_is_a_usage_error_that_names_it(string message, params string[] args)
    {
        var (exit, _, stderr) = await Processes.Cli(args);
        Assert.Equal(2, exit);
        Assert.Contains(message, stderr);
        Assert.Contains("--help)", stderr);
    }
}
