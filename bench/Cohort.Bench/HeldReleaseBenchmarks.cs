using BenchmarkDotNet.Attributes;
using Cohort.Contracts.Participants;
using Cohort.Domain.Markers;
using Cohort.Ingest.Ingestion;

namespace Cohort.Bench;

/// <summary>
/// A file sorted by sample time, held back and released (<see cref="HeldRowGroups"/>): 100,000 participants × 75 rows (7.5 M, as
/// `scenario ingest --order time`), each participant's rows spread over 62 row groups at random. <see cref="Hold"/> holds every row
/// group; <see cref="Batches"/> builds every participant's batch from one release, as the shard writes do: each row read from
/// wherever its row group holds it. Times only: the memory diagnoser counted the setup's 1.6 GB into each operation.
/// </summary>
[ShortRunJob]
public class HeldReleaseBenchmarks
{
    private const int Participants = 100_000, RowsEach = 75, RowGroups = 62;
    private static readonly string[] Units = ["mmol/L", "pmol/L", "%", "U/L", "kg/m2"];
    private Dictionary<string, Demographics?> _people = null!;
    private List<AcceptedRow>[] _rowGroups = null!;
    private RowGroupWrite _release = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var ids = Enumerable.Range(0, Participants).Select(i => $"P{i:D6}").ToArray();
        _people = ids.ToDictionary(id => id, Demographics? (_) => null, StringComparer.Ordinal);
        var byGroup = Enumerable.Range(0, RowGroups).Select(_ => new List<string>()).ToArray();
        foreach (var id in ids)
            for (var r = 0; r < RowsEach; r++) byGroup[random.Next(RowGroups)].Add(id);
        var time = 1_700_000_000_000L;
        _rowGroups = byGroup.Select(g => g.OrderBy(_ => random.Next()).Select((id, i) =>
            new AcceptedRow(i, id, (Marker)(i % 12), time++, -1, 5.0, 5.0, Units[i % Units.Length], 1, false)).ToList()).ToArray();
        _release = Held().Release();
    }

    private HeldRowGroups Held()
    {
        var held = new HeldRowGroups("run", new FactorsUsed(18, 6), _people, markersVersion: 1);
        for (var g = 0; g < _rowGroups.Length; g++) held.Hold(_rowGroups[g], "observations.parquet", g, 0, new RowOrigin(0, null), _ => { });
        return held;
    }

    [Benchmark]
    public int Hold() => Held().Count;

    [Benchmark]
    public long Batches()
    {
        long rows = 0;
        for (var slot = 0; slot < Participants; slot++) rows += _release.Batch(slot).Observations.Count;
        return rows;
    }
}
