using System.Diagnostics;
using System.Globalization;
using Cohort.Contracts;
using Cohort.Contracts.Ingest;
using Cohort.Ingest.Ingestion;
using Cohort.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Cohort.Bench.Scenarios;

/// <summary>
/// Distributed mode against the embedded default, on this machine: the same generated drop ingested (a) into the embedded single
/// silo (SQLite, in this process) and (b) into 1 and 3 silo processes on a throw-away PostgreSQL with Redis membership, driven from this
/// process as an Orleans client (as the CLI does); then the dashboard query latency of <see cref="QueryLatency"/> in each.
/// All processes share the machine's cores, so the figures show the cost of the distributed store and of the network hops, not the
/// speed-up that more machines would bring.
/// </summary>
public static class DistributedScenario
{
    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        var d = await BenchSilo.DropAsync(o, participantsByDefault: 20_000, visitsByDefault: 4);
        var repeat = int.Parse(o.GetValueOrDefault("repeat", "200"), CultureInfo.InvariantCulture);
        var counts = o.GetValueOrDefault("silos", "1,3").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var request = new IngestRequest(d.Participants, [d.Observations]);

        using (var host = await BenchSilo.StartAsync(Path.Combine(d.Root, "distributed-embedded")))
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var run = await new IngestRunner(grains).RunAsync(request);
            Console.WriteLine($"embedded (SQLite, 1 silo in process): ingest {run.DurationSeconds:0.0} s = {run.RowsAccepted / run.DurationSeconds:N0} obs/s");
            (await QueryLatency.MeasureAsync(grains, repeat)).Print("    ");
            // Stopped before it is disposed: disposing a running host stops the silo without its shutdown (errors in the output).
            await host.StopAsync();
        }

        await using var pg = await PostgresServer.StartAsync();
        foreach (var n in counts)
        {
            await using var redis = await RedisServer.StartAsync();
            var database = await pg.CreateDatabaseAsync($"bench{n}");
            var silos = new List<Process>();
            try
            {
                for (var i = 0; i < n; i++) silos.Add(StartSilo(redis.ConnectionString, database, i));
                using var client = await ConnectAsync(redis.ConnectionString, n);
                var grains = client.Services.GetRequiredService<IGrainFactory>();
                var run = await new IngestRunner(grains).RunAsync(request);
                Console.WriteLine($"PostgreSQL + Redis, {n} silo process(es): ingest {run.Status.Code()} in {run.DurationSeconds:0.0} s = {run.RowsAccepted / run.DurationSeconds:N0} obs/s");
                (await QueryLatency.MeasureAsync(grains, repeat)).Print("    ");
                await client.StopAsync();
            }
            finally
            {
                foreach (var p in silos) { if (!p.HasExited) p.Kill(entireProcessTree: true); p.Dispose(); }
            }
        }
        return 0;
    }

    /// <summary>The bench's client acts as a trusted service (as a dashboard process does), and distributed mode pseudonymises.</summary>
    private const string ServiceKey = "bench-service-key-3c9a";

    private static string SiloBinary()
    {
        var path = Path.Combine(Repository.Output("Silo"), "Cohort.Silo.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"build the silo first: dotnet build -c Release src/Silo ({path} missing)");
    }

    private static Process StartSilo(string redis, string database, int index)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
                 {
                     SiloBinary(), "--urls", $"http://127.0.0.1:{ExternalProcess.FreePort()}", "--Cohort:Clustering", "redis", "--Cohort:RedisConnectionString", redis,
                     "--Cohort:StorageProvider", "postgres", "--Cohort:PostgresConnectionString", database, "--Cohort:AdvertisedAddress", "127.0.0.1",
                     "--Cohort:SiloPort", $"{ExternalProcess.FreePort()}", "--Cohort:GatewayPort", $"{ExternalProcess.FreePort()}", "--Logging:LogLevel:Default", "Warning",
                     "--Cohort:Access:ServiceKey", ServiceKey, "--Cohort:Pseudonymisation:Key", BenchSilo.PseudonymKey,
                 })
            psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static async Task<IHost> ConnectAsync(string redis, int silos)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(c => { c.ClusterId = CohortCluster.ClusterId; c.ServiceId = CohortCluster.ServiceId; });
            client.UseRedisClustering(c => c.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            client.AddOutgoingGrainCallFilter(call =>
            {
                Cohort.Contracts.Access.AccessContext.Present(ServiceKey);
                return call.Invoke();
            });
            client.Configure<ClientMessagingOptions>(c => c.ResponseTimeout = TimeSpan.FromMinutes(5));
            client.UseConnectionRetryFilter(async (_, ct) => { await Task.Delay(500, ct); return true; });
        });
        var host = builder.Build();
        await host.StartAsync();
        // Wait until every silo has joined, so that the grains spread over all of them.
        var management = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await management.GetHosts(onlyActive: true)).Count < silos)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{silos} silos did not join within 90 s");
            await Task.Delay(500);
        }
        return host;
    }
}
