using Cohort.Ingest.Synthetic;

namespace Cohort.Grains.Tests;

/// <summary>A small generated drop with bad rows, shared by the cluster tests.</summary>
public sealed class GeneratedDrop : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "cohort-drop-" + Guid.NewGuid().ToString("N"));
    public SynthManifest Manifest { get; private set; } = null!;
    public string Participants => Path.Combine(Directory, "participants.parquet");
    public string Observations => Path.Combine(Directory, "observations.parquet");
    public string Faults => Path.Combine(Directory, "faults.parquet");

    public async Task InitializeAsync() =>
        Manifest = await SyntheticCohortGenerator.GenerateAsync(
            new SynthOptions { Participants = 600, Visits = 2, Seed = 21, BadRowFraction = 0.01, ChunkSize = 200 }, Directory);

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}
