using Cohort.Domain.Indices;
using Cohort.Domain.Markers;
using Cohort.Domain.Units;
using Cohort.Ingest.Synthetic;

namespace Cohort.Ingest.Tests;

/// <summary>One visit read back from the generated files, converted to canonical units with the Domain's converter.</summary>
public sealed class ReadVisit
{
    public required string ParticipantId { get; init; }
    public required DateOnly Date { get; init; }
    public Dictionary<Marker, double> Values { get; } = [];
    public SortedDictionary<int, double> Glucose { get; } = [];
    public SortedDictionary<int, double> Insulin { get; } = [];
    public int Number { get; set; }
    public string Phenotype { get; set; } = "";
    public string Phase { get; set; } = "";
    public string Category { get; set; } = "";
    public Sex Sex { get; set; }

    public double? Get(Marker m) => Values.TryGetValue(m, out var v) ? v : null;

    public VisitMeasurements ToMeasurements() => new()
    {
        Sex = Sex,
        FastingGlucose = Glucose.Count == 0 ? Get(Marker.Glucose) : null,
        FastingInsulin = Insulin.Count == 0 ? Get(Marker.Insulin) : null,
        GlucoseCurve = Glucose.Count > 0 ? OgttCurve.Of(Glucose.Select(kv => (kv.Key, kv.Value)).ToArray()) : null,
        InsulinCurve = Insulin.Count > 0 ? OgttCurve.Of(Insulin.Select(kv => (kv.Key, kv.Value)).ToArray()) : null,
        HbA1c = Get(Marker.HbA1c), Triglycerides = Get(Marker.Triglycerides), Hdl = Get(Marker.Hdl), Alt = Get(Marker.Alt),
        Ast = Get(Marker.Ast), Ggt = Get(Marker.Ggt), Nefa = Get(Marker.Nefa), Waist = Get(Marker.Waist), Bmi = Get(Marker.Bmi),
        Diabetes = Category == "diabetes",
    };
}

/// <summary>A default cohort generated once for the statistical tests and read back through DuckDB.</summary>
public sealed class GeneratedCohort : IAsyncLifetime
{
    public const int Participants = 6000, Visits = 4;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "cohort-synth-" + Guid.NewGuid().ToString("N"));
    public SynthManifest Manifest { get; private set; } = null!;
    public List<ReadVisit> AllVisits { get; } = [];
    public Dictionary<string, (string? Sex, int? BirthYear, string Ethnicity, string Site)> People { get; } = [];

    public string File(string name) => Path.Combine(Directory, name);

    public async Task InitializeAsync()
    {
        Manifest = await SyntheticCohortGenerator.GenerateAsync(new SynthOptions { Participants = Participants, Visits = Visits, Seed = 11 }, Directory);
        foreach (var r in DuckDb.Query($"SELECT participant_id, sex, birth_year, ethnicity, site FROM read_parquet('{File("participants.parquet")}')"))
            People[(string)r[0]!] = ((string?)r[1], r[2] is null ? null : Convert.ToInt32(r[2]), (string)r[3]!, (string)r[4]!);

        // Visits as truth.parquet dates them; a result belongs to the participant's latest visit on or before its day (body
        // measurements may follow the labs by a few days). Glucose, insulin, triglycerides and NEFA count only when taken fasting.
        var byKey = new Dictionary<(string, DateOnly), ReadVisit>();
        var dates = new Dictionary<string, List<DateOnly>>();
        foreach (var r in DuckDb.Query($"SELECT participant_id, visit_date, visit, phenotype, phase, glycaemic_category FROM read_parquet('{File("truth.parquet")}') ORDER BY participant_id, visit"))
        {
            var id = (string)r[0]!;
            var date = (DateOnly)r[1]!;
            byKey[(id, date)] = new ReadVisit
            {
                ParticipantId = id, Date = date, Sex = Domain.Indices.SexCodes.Parse(People[id].Sex),
                Number = Convert.ToInt32(r[2]), Phenotype = (string)r[3]!, Phase = (string)r[4]!, Category = (string)r[5]!,
            };
            (dates.TryGetValue(id, out var list) ? list : dates[id] = []).Add(date);
        }
        foreach (var r in DuckDb.Query($"SELECT participant_id, taken_at, marker, value, unit, ogtt_minute, fasting FROM read_parquet('{File("observations.parquet")}')"))
        {
            var id = (string)r[0]!;
            var day = DateOnly.FromDateTime((DateTime)r[1]!);
            var visit = byKey[(id, dates[id].Last(d => d <= day))];
            MarkerCatalogue.TryResolve((string)r[2]!, out var def);
            var converted = UnitConverter.Default.ToCanonical(def.Marker, (double)r[3]!, (string)r[4]!);
            Assert.True(converted.Ok, converted.Error);
            var value = converted.Value!.Value.Value;
            var minute = r[5] is null ? (int?)null : Convert.ToInt32(r[5]);
            if (minute is { } m && def.Marker == Marker.Glucose) visit.Glucose[m] = value;
            else if (minute is { } n && def.Marker == Marker.Insulin) visit.Insulin[n] = value;
            if (minute is null && def.FastingSensitive && r[6] is not true) continue;
            if (minute is null or 0) visit.Values[def.Marker] = value;
        }
        AllVisits.AddRange(byKey.Values);
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}
