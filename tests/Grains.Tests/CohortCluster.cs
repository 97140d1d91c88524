using Cohort.Grains.Hosting;
using Microsoft.Extensions.Configuration;
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

    public static async Task<CohortCluster> StartAsync(short silos, int shards = 8)
    {
        var dir = Path.Combine(Path.GetTempPath(), "cohort-cluster-" + Guid.NewGuid().ToString("N"));
        var builder = new TestClusterBuilder(silos);
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cohort:DataDirectory"] = dir,
            ["Cohort:Shards"] = shards.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new CohortCluster(cluster, dir);
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo.AddCohortGrains(silo.Configuration);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
