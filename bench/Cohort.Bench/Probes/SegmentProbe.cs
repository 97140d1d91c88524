using System.Runtime.CompilerServices;
using Cohort.Contracts.Participants;
using Cohort.Contracts.Queries;
using Cohort.Domain.Markers;
using Cohort.Domain.Units;
using Cohort.Grains.Hosting;
using Cohort.Grains.Participants;
using Cohort.Ingest.Ingestion;

namespace Cohort.Bench.Probes;

/// <summary>
/// What the segment prototypes (in one process and through shard grains) share: a drop's row groups read and validated once and their
/// participants grouped by shard; a participant derived as its grain would; its observations written as one segment entry (the
/// columns one after another); the folder a run writes, and its commit record.
/// </summary>
internal static class SegmentProbe
{
    public const int Shards = 16;

    private static readonly CohortOptions Options = new();

    /// <summary>An empty folder of that name under <paramref name="root"/>.</summary>
    public static string FreshFolder(string root, string name)
    {
        var folder = Path.Combine(root, name);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Each row group of the drop, read and validated once, as its participants' batches grouped by shard.</summary>
    public static async IAsyncEnumerable<(IGrouping<int, (string Id, ParticipantBatch Batch)>[] ByShard, MarkerRegistry Markers)> RowGroupsAsync(
        string people, string observations, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var demographics = await ParticipantsReader.ReadAsync(people, ct);
        var validator = new ObservationValidator(demographics!, new UnitConverter(ConversionFactors.Default));
        await using var reader = await LongLayoutReader.OpenAsync(observations, ct);
        long firstRow = 0;
        for (var g = 0; g < reader.RowGroups; g++)
        {
            var block = await reader.ReadAsync(g, firstRow, ct);
            firstRow += block.Count;
            var accepted = new List<AcceptedRow>(block.Count);
            validator.Validate(block, accepted, []);
            var batches = ParticipantBatches.Build(accepted, "run", new FactorsUsed(18, 6), demographics!, validator.Markers.Version);
            block.Return();
            yield return (batches.GroupBy(b => ShardMap.ShardOf(b.Id, Shards)).ToArray(), validator.Markers);
        }
    }

    /// <summary>Derives a participant from one batch (<see cref="ParticipantDerivation"/>, as its shard does); returns the visits.</summary>
    public static int Derive(string id, ParticipantBatch batch, MarkerRegistry markers)
    {
        var table = new ObservationTable(new ObservationColumns());
        table.Merge(batch.Observations, batch.RunId);
        return ParticipantDerivation.Summary(id, table, batch.Demographics, batch.Factors, 0, Options, markers).Visits;
    }

    /// <summary>A participant's observations as one entry of a segment.</summary>
    public static void Write(BinaryWriter w, string id, ObservationColumns c)
    {
        w.Write(id);
        w.Write(c.Count);
        w.Write(c.Marker);
        foreach (var x in c.TakenAt) w.Write(x);
        foreach (var x in c.OgttMinute) w.Write(x);
        foreach (var x in c.Value) w.Write(x);
        foreach (var x in c.RawValue) w.Write(x);
        w.Write(c.RawUnit);
        foreach (var x in c.Fasting) w.Write(x);
    }

    /// <summary>The run's commit record, written whole or not at all (a temporary file moved into place).</summary>
    public static async Task CommitAsync(string folder)
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "commit.tmp"), "run\n");
        File.Move(Path.Combine(folder, "commit.tmp"), Path.Combine(folder, "commit"), overwrite: true);
    }
}
