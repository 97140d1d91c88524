using System.Net;
using System.Net.Sockets;
using Cohort.Contracts.Access;
using Cohort.Ingest.Ingestion;
using Cohort.Ingest.Synthetic;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.Dashboard.Tests;

/// <summary>
/// The product's own host (the silo with its co-hosted dashboard, SQLite in a scratch folder) on a test server, holding a small generated
/// cohort whose participants file DuckDB rewrote so that some sites and ethnicities are markup: a data file is where a hostile string
/// really comes from. Aggregate views are open without sign-in (the demo setting); an analyst's API key is issued for role checks.
/// </summary>
public sealed class DashboardApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string HostileSite = "<script>alert('site')</script>";
    public const string HostileEthnicity = "\"><img src=x onerror=alert(1)>";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cohort-dashboard-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>An API key of an account with the analyst role only.</summary>
    public string AnalystKey { get; private set; } = "";
    public string EngineerKey { get; private set; } = "";
    public string EpidemiologistKey { get; private set; } = "";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Cohort:DataDirectory", Path.Combine(_root, "data"));
        builder.UseSetting("Cohort:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Cohort:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Cohort:Access:AnonymousAggregates", "true");
        builder.UseSetting("Cohort:Access:InitialAdminPassword", "correct-horse-battery-staple-42");
    }

    public async Task InitializeAsync()
    {
        var drop = Path.Combine(_root, "drop");
        await SyntheticCohortGenerator.GenerateAsync(new SynthOptions { Participants = 400, Visits = 2, Seed = 4 }, drop);
        var participants = Path.Combine(drop, "participants.parquet");
        var rewritten = Path.Combine(drop, "participants-rewritten.parquet");
        DuckDb.Execute($"""
            COPY (SELECT * REPLACE (
                    CASE WHEN participant_id < 'P0000200' THEN '{HostileSite.Replace("'", "''")}' ELSE site END AS site,
                    CASE WHEN participant_id >= 'P0000300' THEN '{HostileEthnicity.Replace("'", "''")}' ELSE ethnicity END AS ethnicity)
                  FROM read_parquet('{participants}'))
            TO '{rewritten}' (FORMAT PARQUET)
            """);
        _ = Server; // starts the host: the silo, its storage and the dashboard
        var grains = Services.GetRequiredService<IGrainFactory>();
        await new IngestRunner(grains).RunAsync(new IngestRequest(rewritten, [Path.Combine(drop, "observations.parquet")]));
        await new IngestRunner(grains).RunAsync(new IngestRequest(null, []) { EventFiles = [Path.Combine(drop, "events.parquet")] });
        var users = grains.GetGrain<IUserDirectoryGrain>(0);
        var created = await users.Add("analyst1", [Role.Analyst]);
        await users.ChangePassword("analyst1", created.OneTimePassword, "an-analysts-own-passphrase-7", "dashboard tests");
        AnalystKey = await users.IssueKey("analyst1", "dashboard tests");
        var engineer = await users.Add("engineer1", [Role.Engineer]);
        await users.ChangePassword("engineer1", engineer.OneTimePassword, "an-engineers-own-passphrase-8", "dashboard tests");
        EngineerKey = await users.IssueKey("engineer1", "dashboard tests");
        var epidemiologist = await users.Add("epi1", [Role.Epidemiologist]);
        await users.ChangePassword("epi1", epidemiologist.OneTimePassword, "an-epidemiologists-own-passphrase-9", "dashboard tests");
        EpidemiologistKey = await users.IssueKey("epi1", "dashboard tests");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
