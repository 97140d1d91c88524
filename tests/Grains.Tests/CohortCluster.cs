using Cohort.Grains.Hosting;
using Cohort.Ingest.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Cohort.Grains.Tests;

/// <summary>An in-process Orleans test cluster of N silos running Cohort's grains on a real SQLite store in a temporary directory.</summary>
public sealed class CohortCluster : IAsyncDisposable
{
    private CohortCluster(TestCluster cluster, string dir)
    {
        Cluster = cluster;
        Directory = dir;
    }

    public TestCluster Cluster { get; }
    public string Directory { get; }
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Keep the data directory when the cluster is disposed (to start another cluster on the same store).</summary>
    public bool KeepDirectory { get; set; }

    /// <summary>
    /// Starts the cluster on <paramref name="directory"/> (a fresh temporary one by default) with extra settings. "Test:Schedules" =
    /// "true" runs the schedule runner in the silos; "Test:ClockOffsetHours" moves their clock forward (a silo down for days).
    /// </summary>
    public static async Task<CohortCluster> StartAsync(short silos, int shards = 8, string? directory = null, IDictionary<string, string?>? settings = null)
    {
        var dir = directory ?? Path.Combine(Path.GetTempPath(), "cohort-cluster-" + Guid.NewGuid().ToString("N"));
        var builder = new TestClusterBuilder(silos);
        var config = new Dictionary<string, string?>
        {
            ["Cohort:DataDirectory"] = dir,
            ["Cohort:Shards"] = shards.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(config));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new CohortCluster(cluster, dir);
    }

    /// <summary>
    /// Long calls (a phenotype fit on a loaded CI machine) must not hit Orleans' 30-second default. The test client sees exact
    /// aggregates, as an epidemiologist's dashboard would (these clusters have no gateway filter, which in a deployment decides it),
    /// except inside <see cref="TestViews.AsAnalyst"/>.
    /// </summary>
    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client)
        {
            client.Configure<Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(3));
            client.AddOutgoingGrainCallFilter(context =>
            {
                Contracts.Access.AccessContext.SetExact(!TestViews.Analyst);
                return context.Invoke();
            });
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        /// <summary>The store the silo's settings configure, for a test's store to wrap.</summary>
        private static Storage.IStateStore ConfiguredStore(IServiceProvider sp) =>
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Storage.StorageOptions>>().Value.CreateStore(sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>());

        public void Configure(ISiloBuilder silo)
        {
            silo.AddCohortGrains(silo.Configuration);
            // The access settings (sign-in delays, ...) without the gateway's access filter, which the tests that check access add.
            silo.Services.AddOptions<Settings.AccessOptions>().Bind(silo.Configuration.GetSection(Settings.AccessOptions.Section));
            // Record keys from the participant id and a seed, so that a test's perturbed numbers are the same on every run (a
            // deployment draws them at random and never from the id).
            silo.Services.AddSingleton<Domain.Disclosure.IRecordKeySource>(new SeededRecordKeys(silo.Configuration.GetValue("Test:RecordKeySeed", 20261130)));
            // "Test:RecordTransactions" = "true": the store keeps, in commit order, what each of its transactions wrote (TransactionLog).
            if (silo.Configuration.GetValue("Test:RecordTransactions", false))
                silo.Services.AddSingleton<Storage.IStateStore>(sp => new TransactionLog(ConfiguredStore(sp)));
            // "Test:RefusingStore" = "true": the store refuses new rows of the types a test names (RefusingStore).
            if (silo.Configuration.GetValue("Test:RefusingStore", false))
                silo.Services.AddSingleton<Storage.IStateStore>(sp => new RefusingStore(ConfiguredStore(sp)));
            if (silo.Configuration.GetValue("Test:Schedules", false))
            {
                var offset = TimeSpan.FromHours(silo.Configuration.GetValue("Test:ClockOffsetHours", 0.0));
                // The schedules' clock only: Orleans' membership keeps the system's (a silo whose own clock is days ahead of the
                // generation it was given declares itself dead).
                silo.Services.AddKeyedSingleton<TimeProvider>(Cohort.Ingest.Scheduling.ScheduleRunner.ClockKey, new OffsetClock(offset));
                silo.Services.AddCohortSchedules();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        if (!KeepDirectory)
            try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The system clock moved forward by a fixed offset: the silo believes it has been down that long.</summary>
internal sealed class OffsetClock(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
}

/// <summary>Which view the test client's calls ask for: exact (an epidemiologist's) unless inside <see cref="AsAnalyst"/>.</summary>
internal static class TestViews
{
    private static readonly AsyncLocal<bool> AnalystView = new();

    public static bool Analyst => AnalystView.Value;

    /// <summary>The calls made until the scope is disposed see perturbed aggregates, as an analyst or anonymous user would.</summary>
    public static IDisposable AsAnalyst()
    {
        AnalystView.Value = true;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose() => AnalystView.Value = false;
    }
}

/// <summary>Test record keys: a mix of a seed and the participant id (order-independent, so concurrent ingests give the same keys).</summary>
internal sealed class SeededRecordKeys(int seed) : Domain.Disclosure.IRecordKeySource
{
    public uint KeyFor(string participantId)
    {
        var h = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{seed}/{participantId}"));
        var key = BitConverter.ToUInt32(h);
        return key == 0 ? 1 : key;
    }
}
