using Cohort.Domain.Markers;
using Cohort.Domain.Units;
using Cohort.Ingest.Synthetic;

namespace Cohort.Ingest.Tests;

public sealed class SynthDeterminismAndFaultTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cohort-synth-det-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<(string Dir, SynthManifest Manifest)> Generate(string name, ulong seed, double badRows = 0.02, SynthLayout layout = SynthLayout.Long)
    {
        var dir = Path.Combine(_root, name);
        // A small chunk size exercises several row groups and the chunk pipeline.
        var manifest = await SyntheticCohortGenerator.GenerateAsync(
            new SynthOptions { Participants = 900, Visits = 2, Seed = seed, BadRowFraction = badRows, Layout = layout, ChunkSize = 250 }, dir);
        return (dir, manifest);
    }

    [Fact]
    public async Task The_same_seed_gives_byte_identical_files_and_another_seed_does_not()
    {
        var a = await Generate("a", 42);
        var b = await Generate("b", 42);
        var c = await Generate("c", 43);
        foreach (var file in a.Manifest.Files)
            Assert.True(File.ReadAllBytes(Path.Combine(a.Dir, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b.Dir, file))), $"{file} differs");
        Assert.False(File.ReadAllBytes(Path.Combine(a.Dir, "observations.parquet")).AsSpan()
            .SequenceEqual(File.ReadAllBytes(Path.Combine(c.Dir, "observations.parquet"))));
        Assert.Equal(4, DuckDb.Scalar($"SELECT count(*) FROM parquet_metadata('{Path.Combine(a.Dir, "participants.parquet")}') WHERE column_id = 0"));
    }

    [Fact]
    public async Task Every_bad_row_kind_is_present_in_the_stated_numbers()
    {
        var (dir, manifest) = await Generate("faults", 7);
        var obs = Path.Combine(dir, "observations.parquet");
        var faults = Path.Combine(dir, "faults.parquet");
        var stated = manifest.Faults;
        Assert.All(Enum.GetValues<FaultKind>(), k => Assert.True(stated[k.Code()] > 0, $"no {k.Code()} injected"));
        var total = stated.Values.Sum();
        Stats.Between(0.015, 0.025, total / (double)manifest.ObservationRows, "share of bad rows");
        foreach (var (kind, count) in stated)
            Assert.Equal(count, DuckDb.Scalar($"SELECT count(*) FROM read_parquet('{faults}') WHERE kind = '{kind}'"));

        // Each recorded fault is really there, at the row it names, and the rows around it are clean.
        var rows = DuckDb.Query($"SELECT participant_id, taken_at, marker, value, unit, ogtt_minute, fasting FROM read_parquet('{obs}', file_row_number = true) ORDER BY file_row_number");
        var participants = DuckDb.Query($"SELECT participant_id FROM read_parquet('{Path.Combine(dir, "participants.parquet")}')").Select(r => (string)r[0]!).ToHashSet();
        foreach (var f in DuckDb.Query($"SELECT row, kind FROM read_parquet('{faults}')"))
        {
            var row = rows[(int)(long)f[0]!];
            switch ((string)f[1]!)
            {
                case "impossible_value":
                    Assert.True((double)row[3]! <= 0);
                    break;
                case "unit_mixup":
                    Assert.Equal("mmol/L", row[4]);
                    MarkerCatalogue.TryResolve((string)row[2]!, out var def);
                    var verdict = Plausibility.Check(UnitConverter.Default.ToCanonical(def.Marker, (double)row[3]!, "mmol/L").Value!.Value);
                    Assert.Equal("unit_mismatch", verdict.Code);
                    break;
                case "unknown_unit":
                    Assert.False(UnitSpelling.TryParse((string)row[4]!, out _));
                    break;
                case "duplicate_row":
                    Assert.Equal(rows[(int)(long)f[0]! - 1], row);
                    break;
                case "unknown_participant":
                    Assert.DoesNotContain((string)row[0]!, participants);
                    break;
                default:
                    Assert.True(row[0] is null || row[2] is null || row[3] is null || row[4] is null);
                    break;
            }
        }
        // Clean rows (all others) have known participants, markers, units and possible values.
        var faultRows = DuckDb.Query($"SELECT row FROM read_parquet('{faults}')").Select(r => (long)r[0]!).ToHashSet();
        for (var i = 0; i < rows.Count; i++)
        {
            if (faultRows.Contains(i)) continue;
            var r = rows[i];
            Assert.Contains((string)r[0]!, participants);
            Assert.True(MarkerCatalogue.TryResolve((string)r[2]!, out var def));
            var converted = UnitConverter.Default.ToCanonical(def.Marker, (double)r[3]!, (string)r[4]!);
            Assert.True(converted.Ok, converted.Error);
            Assert.NotEqual(PlausibilityVerdict.Reject, Plausibility.Check(converted.Value!.Value, r[6] is true, r[5] is null ? null : Convert.ToInt32(r[5])).Verdict);
        }
    }

    [Fact]
    public async Task Wide_layout_comes_with_its_mapping()
    {
        var (dir, manifest) = await Generate("wide", 5, badRows: 0.01, layout: SynthLayout.Wide);
        Assert.Contains("observations.mapping.json", manifest.Files);
        var mapping = Layouts.WideMapping.FromJson(File.ReadAllText(Path.Combine(dir, "observations.mapping.json")));
        var types = DuckDb.Types(Path.Combine(dir, "observations.parquet"));
        Assert.Equal("VARCHAR", types[mapping.ParticipantColumn]);
        Assert.Equal("DATE", types[mapping.DateColumn!]);
        foreach (var column in mapping.Columns)
        {
            Assert.Equal("DOUBLE", types[column.Column]);
            Assert.True(MarkerCatalogue.TryResolve(column.Marker, out var def));
            Assert.True(UnitSpelling.TryParse(column.Unit, out _) && def.Accepts(column.Unit));
        }
        Assert.Contains(mapping.Columns, c => c.Column == "glucose_120" && c.OgttMinute == 120 && c.Unit == "mg/dL");
        var visitRows = manifest.Visits + manifest.Faults["duplicate_row"];
        Assert.Equal(visitRows, DuckDb.Scalar($"SELECT count(*) FROM read_parquet('{Path.Combine(dir, "observations.parquet")}')"));
        Assert.Equal(0, manifest.Faults["unit_mixup"]);
        Assert.True(manifest.Faults["impossible_value"] > 0);
    }

    [Fact]
    public async Task A_clean_drop_has_no_faults()
    {
        var (dir, manifest) = await Generate("clean", 3, badRows: 0);
        Assert.All(manifest.Faults.Values, v => Assert.Equal(0, v));
        Assert.Equal(0, DuckDb.Scalar($"SELECT count(*) FROM read_parquet('{Path.Combine(dir, "faults.parquet")}')"));
    }
}
