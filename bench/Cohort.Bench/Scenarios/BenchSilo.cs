using System.Globalization;
using Cohort.Bench.Probes;
using Cohort.Contracts;
using Cohort.Contracts.Queries;
using Cohort.Grains.Hosting;
using Cohort.Grains.Storage;
using Cohort.Ingest.Ingestion;
using Cohort.Ingest.Synthetic;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cohort.Bench.Scenarios;

/// <summary>What the scenarios share: the generated drop (made once per size and visit count, seed 1) and a single-node silo in this process.</summary>
internal static class BenchSilo
{
    /// <summary>The bench's pseudonymisation key (base64 of 32 bytes): the same for every scenario and run, so that pseudonyms repeat.</summary>
    public static readonly string PseudonymKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public sealed record Drop(string Root, string Participants, string Observations, long Rows, int ParticipantCount, int Visits);

    /// <summary>The drop for --participants and --visits (defaults per scenario); each scenario keeps its stores in a folder of its own under <see cref="Drop.Root"/>.</summary>
    public static async Task<Drop> DropAsync(Dictionary<string, string> o, int participantsByDefault = 10_000, int visitsByDefault = 4)
    {
        var participants = int.Parse(o.GetValueOrDefault("participants", $"{participantsByDefault}"), CultureInfo.InvariantCulture);
        var visits = int.Parse(o.GetValueOrDefault("visits", $"{visitsByDefault}"), CultureInfo.InvariantCulture);
        var root = Path.Combine(Path.GetTempPath(), $"cohort-bench-{participants}x{visits}");
        var drop = Path.Combine(root, "drop");
        if (!File.Exists(Path.Combine(drop, "manifest.json")))
            await SyntheticCohortGenerator.GenerateAsync(new SynthOptions { Participants = participants, Visits = visits, Seed = 1 }, drop);
        var rows = SynthManifest.FromJson(await File.ReadAllTextAsync(Path.Combine(drop, "manifest.json"))).ObservationRows;
        return new Drop(root, Path.Combine(drop, SyntheticCohortGenerator.ParticipantsFile), Path.Combine(drop, SyntheticCohortGenerator.ObservationsFile),
            rows, participants, visits);
    }

    /// <summary>
    /// A silo on a store of the scenario's own under the drop (<paramref name="name"/>), ingested the first time and kept between runs
    /// (delete the folder to start over).
    /// </summary>
    public static async Task<IHost> StartIngestedAsync(Drop d, string name, IDictionary<string, string?>? settings = null)
    {
        var data = Path.Combine(d.Root, name);
        var marker = Path.Combine(data, "ingested.txt");
        var fresh = !File.Exists(marker);
        var host = await StartAsync(data, keep: !fresh, settings: settings);
        if (!fresh) return host;
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var run = await new IngestRunner(grains).RunAsync(new IngestRequest(d.Participants, [d.Observations]));
        await grains.GetGrain<ICohortQueryGrain>(0).FlushShards();
        await File.WriteAllTextAsync(marker, run.RunId);
        Console.WriteLine($"ingested {run.RowsAccepted:N0} observations of {d.ParticipantCount:N0} participants in {run.DurationSeconds:0.0} s");
        return host;
    }

    /// <summary>Starts a silo on a fresh data directory; with <paramref name="memoryStore"/> grain states go to the in-memory probe store.</summary>
    /// <param name="gatewayPort">The port an outside client (the CLI) connects to; a free one when not given.</param>
    public static async Task<IHost> StartAsync(string data, bool memoryStore = false, bool keep = false, IDictionary<string, string?>? settings = null, int? gatewayPort = null)
    {
        if (!keep && Directory.Exists(data)) Directory.Delete(data, recursive: true);
        // Rooted at the bench's own folder, as the silo is at its binary's: a host rooted at the working directory watches it, and
        // everything below it, for changed settings files, and a bench started from /tmp then saw an event for every SQLite write.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Cohort:DataDirectory"] = data });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(Tests.Shared.ExternalProcess.FreePort(), gatewayPort ?? Tests.Shared.ExternalProcess.FreePort(), serviceId: CohortCluster.ServiceId, clusterId: CohortCluster.ClusterId);
            silo.AddCohortGrains(builder.Configuration);
            if (memoryStore) silo.Services.AddSingleton<IStateStore>(new MemoryStateStore());
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
