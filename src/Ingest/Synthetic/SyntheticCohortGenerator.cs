using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Phases;
using Cohort.Domain.Phenotypes;
using Cohort.Domain.Units;
using Cohort.Ingest.Files;
using Cohort.Ingest.Layouts;

namespace Cohort.Ingest.Synthetic;

/// <summary>
/// Generates a synthetic cohort into a directory: participants.parquet, observations.parquet (long layout, or wide layout plus
/// observations.mapping.json), truth.parquet, faults.parquet and manifest.json. Participants are generated in fixed-size chunks,
/// one Parquet row group per chunk; the next chunk is generated (on all cores) while the previous one is written, so memory stays
/// bounded by two chunks whatever the cohort size. The same seed gives byte-identical files.
/// </summary>
public static class SyntheticCohortGenerator
{
    public const string ParticipantsFile = "participants.parquet", ObservationsFile = "observations.parquet",
        MappingFile = "observations.mapping.json", TruthFile = "truth.parquet", FaultsFile = "faults.parquet", EventsFile = "events.parquet";

    private sealed class Chunk
    {
        public required SimulatedParticipant[] Participants { get; init; }
        public ObservationRows? Long { get; init; }
        public WideRows? Wide { get; init; }
        public required List<Fault> Faults { get; init; }
    }

    /// <param name="progress">Receives the number of participants written so far.</param>
    public static async Task<SynthManifest> GenerateAsync(SynthOptions options, string directory, IProgress<long>? progress = null,
        CancellationToken ct = default)
    {
        options.Validate();
        Directory.CreateDirectory(directory);
        var physiology = new Physiology(options);
        var chunkCount = (options.Participants + options.ChunkSize - 1) / options.ChunkSize;
        var faultCounts = Enum.GetValues<FaultKind>().ToDictionary(k => k.Code(), _ => 0L);
        var phenotypes = new SortedDictionary<string, long>();
        var phases = new SortedDictionary<string, IReadOnlyDictionary<string, long>>();
        long observationRows = 0, visits = 0;
        var events = new SortedDictionary<string, long>(StringComparer.Ordinal);

        await using (var participantsOut = await ParquetFileWriter.CreateAsync(Path.Combine(directory, ParticipantsFile), ParticipantsLayout.Schema, ct))
        await using (var observationsOut = await ParquetFileWriter.CreateAsync(Path.Combine(directory, ObservationsFile),
                         options.Layout == SynthLayout.Long ? LongLayout.Schema : WideLayout.Schema, ct))
        await using (var truthOut = await ParquetFileWriter.CreateAsync(Path.Combine(directory, TruthFile), TruthLayout.Schema, ct))
        await using (var faultsOut = await ParquetFileWriter.CreateAsync(Path.Combine(directory, FaultsFile), FaultsLayout.Schema, ct))
        await using (var eventsOut = await ParquetFileWriter.CreateAsync(Path.Combine(directory, EventsFile), EventsLayout.Schema, ct))
        {
            var next = Task.Run(() => Generate(physiology, options, 0), ct);
            for (var c = 0; c < chunkCount; c++)
            {
                var chunk = await next;
                var following = c + 1;
                next = following < chunkCount ? Task.Run(() => Generate(physiology, options, following), ct) : Task.FromResult<Chunk>(null!);
                await WriteParticipantsAsync(participantsOut, chunk.Participants, 1 - options.NonFastingShare - options.FastingUnknownShare);
                await WriteTruthAsync(truthOut, chunk.Participants);
                var rowsBefore = observationRows;
                if (chunk.Long is { } rows)
                {
                    await WriteLongAsync(observationsOut, rows);
                    observationRows += rows.Count;
                }
                else
                {
                    await WriteWideAsync(observationsOut, chunk.Wide!);
                    observationRows += chunk.Wide!.Count;
                }
                await WriteFaultsAsync(faultsOut, chunk.Faults, rowsBefore);
                await WriteEventsAsync(eventsOut, chunk.Participants, options, c, events);
                foreach (var f in chunk.Faults) faultCounts[f.Kind.Code()]++;
                foreach (var p in chunk.Participants)
                {
                    phenotypes[p.Phenotype.Code()] = phenotypes.GetValueOrDefault(p.Phenotype.Code()) + 1;
                    foreach (var v in p.Visits)
                    {
                        visits++;
                        var key = v.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        var byPhase = (SortedDictionary<string, long>?)phases.GetValueOrDefault(key) ?? new SortedDictionary<string, long>();
                        byPhase[v.TruePhase.Code()] = byPhase.GetValueOrDefault(v.TruePhase.Code()) + 1;
                        phases[key] = byPhase;
                    }
                }
                progress?.Report(Math.Min(options.Participants, (long)(c + 1) * options.ChunkSize));
                ct.ThrowIfCancellationRequested();
            }
        }

        var files = new List<string> { ParticipantsFile, ObservationsFile, TruthFile, FaultsFile, EventsFile, SynthManifest.FileName };
        if (options.Layout == SynthLayout.Wide)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, MappingFile), WideLayout.Mapping.ToJson(), ct);
            files.Insert(2, MappingFile);
        }
        var manifest = new SynthManifest("cohort synth", ManifestOptions(options), files, options.Participants, visits, observationRows,
            faultCounts, phenotypes, phases)
        {
            Events = events,
            CardiovascularRates = new SortedDictionary<string, double>(options.CardiovascularRates.ToDictionary(kv => kv.Key.Code(), kv => kv.Value)),
        };
        await File.WriteAllTextAsync(Path.Combine(directory, SynthManifest.FileName), manifest.ToJson(), ct);
        return manifest;
    }

    /// <summary>
    /// One chunk's events (<see cref="OutcomeEmitter"/>), and with bad rows requested a few that a real linkage also delivers: an event of
    /// someone not in the cohort, one dated before birth, and a code nobody declared.
    /// </summary>
    private static async Task WriteEventsAsync(ParquetFileWriter file, SimulatedParticipant[] ps, SynthOptions options, int chunk,
        SortedDictionary<string, long> counts)
    {
        var rng = new RandomSource(options.Seed, (ulong)chunk, purpose: 7);
        var rows = new List<(string Id, string Event, DateTime Date)>();
        foreach (var p in ps)
            foreach (var (ev, date) in OutcomeEmitter.Events(p, options, ref rng))
                rows.Add((p.Id, ev, date));
        if (options.BadRowFraction > 0 && ps.Length > 0)
        {
            var p = ps[0];
            rows.Add(($"{p.Id}-not-enrolled", OutcomeEmitter.Cardiovascular, p.Visits[0].Date.AddDays(100)));
            if (p.BirthYear is { } born) rows.Add((p.Id, OutcomeEmitter.Cardiovascular, new DateTime(born - 1, 6, 1)));
            rows.Add((p.Id, "stroke_maybe", p.Visits[0].Date.AddDays(200)));
        }
        foreach (var r in rows) counts[r.Event] = counts.GetValueOrDefault(r.Event) + 1;
        using var rg = file.NewRowGroup();
        await rg.Strings(rows.Select(r => r.Id).ToArray());
        await rg.Strings(rows.Select(r => r.Event).ToArray());
        await rg.Required(rows.Select(r => r.Date).ToArray());
        await rg.Values(new double?[rows.Count]);
    }

    private static SynthManifestOptions ManifestOptions(SynthOptions o)
    {
        var total = o.PhenotypeShares.Values.Sum();
        return new SynthManifestOptions
        {
            Participants = o.Participants,
            Visits = o.Visits,
            Seed = o.Seed,
            Layout = o.Layout == SynthLayout.Long ? "long" : "wide",
            BadRowFraction = o.BadRowFraction,
            EffectSize = o.EffectSize,
            PhenotypeShares = new SortedDictionary<string, double>(o.PhenotypeShares.ToDictionary(kv => kv.Key.Code(), kv => Math.Round(kv.Value / total, 6))),
            OgttShare = o.OgttShare,
            NefaShare = o.NefaShare,
            TruthPhaseCutoff = o.TruthPhaseCutoff,
            ChunkSize = o.ChunkSize,
        };
    }

    private static Chunk Generate(Physiology physiology, SynthOptions options, int chunk)
    {
        var first = (long)chunk * options.ChunkSize;
        var count = (int)Math.Min(options.ChunkSize, options.Participants - first);
        var participants = new SimulatedParticipant[count];
        Parallel.For(0, count, i => participants[i] = physiology.Simulate(first + i));
        var faults = new List<Fault>();
        var rng = new RandomSource(options.Seed, (ulong)chunk, purpose: 2);
        if (options.Layout == SynthLayout.Long)
        {
            var rows = new ObservationRows();
            var converter = UnitConverter.Default;
            foreach (var p in participants)
                foreach (var v in p.Visits)
                    VisitEmitter.Emit(p, v, converter, rows);
            return new Chunk { Participants = participants, Long = FaultInjector.Inject(rows, options.BadRowFraction, ref rng, faults), Faults = faults };
        }
        var wide = new WideRows();
        foreach (var p in participants)
            foreach (var v in p.Visits)
            {
                var values = new double?[WideLayout.Columns.Length];
                for (var c = 0; c < values.Length; c++)
                {
                    var canonical = WideLayout.ValueOf(v, c);
                    var (_, marker, unit, _, _) = WideLayout.Columns[c];
                    values[c] = double.IsNaN(canonical) ? null : VisitEmitter.Reported(marker, canonical, unit, UnitConverter.Default);
                }
                wide.Add(p.Id, v.Date.Date, values);
            }
        return new Chunk { Participants = participants, Wide = FaultInjector.InjectWide(wide, options.BadRowFraction, ref rng, faults), Faults = faults };
    }

    /// <summary>
    /// The participants file. Those whose baseline samples were taken fasting form the fasting subsample: their
    /// survey_weight_fasting is the examination weight over the subsample's expected share (as NHANES's WTSAF2YR inflates WTMEC2YR);
    /// the others have none. survey_strata and survey_psu carry the design (a stratum per site, two PSUs in each).
    /// </summary>
    private static async Task WriteParticipantsAsync(ParquetFileWriter file, SimulatedParticipant[] ps, double fastingShare)
    {
        using var rg = file.NewRowGroup();
        await rg.Strings(ps.Select(p => (string?)p.Id).ToArray());
        await rg.Strings(ps.Select(p => p.Sex == Sex.Unknown ? null : p.Sex.Code()).ToArray());
        await rg.Values(ps.Select(p => p.BirthYear).ToArray());
        await rg.Strings(ps.Select(p => (string?)p.Ethnicity).ToArray());
        await rg.Strings(ps.Select(p => (string?)p.Site).ToArray());
        await rg.Values(ps.Select(p => (double?)p.SurveyWeight).ToArray());
        await rg.Values(ps.Select(p => p.DiabetesDiagnosed).ToArray());
        await rg.Values(ps.Select(p => p.DiagnosisDate).ToArray());
        await rg.Values(ps.Select(p => p.Visits.Length > 0 && p.Visits[0].Fasting == SampleFasting.Fasting && fastingShare > 0
            ? Math.Round(p.SurveyWeight / fastingShare, 1) : (double?)null).ToArray());
        await rg.Strings(ps.Select(p => p.SurveyStratum).ToArray());
        await rg.Strings(ps.Select(p => p.SurveyPsu).ToArray());
    }

    private static async Task WriteTruthAsync(ParquetFileWriter file, SimulatedParticipant[] ps)
    {
        var rows = ps.SelectMany(p => p.Visits.Select(v => (P: p, V: v))).ToArray();
        using var rg = file.NewRowGroup();
        await rg.Strings(rows.Select(r => (string?)r.P.Id).ToArray());
        await rg.Required(rows.Select(r => r.V.Number).ToArray());
        await rg.Required(rows.Select(r => r.V.Date.Date).ToArray());
        await rg.Strings(rows.Select(r => (string?)r.P.Phenotype.Code()).ToArray());
        await rg.Strings(rows.Select(r => (string?)r.V.TruePhase.Code()).ToArray());
        await rg.Strings(rows.Select(r => (string?)r.V.TrueCategory.Code()).ToArray());
        await rg.Required(rows.Select(r => r.V.TrueHomaIr).ToArray());
        await rg.Required(rows.Select(r => r.P.HepaticScore).ToArray());
        await rg.Required(rows.Select(r => r.P.MuscleScore).ToArray());
        await rg.Required(rows.Select(r => r.P.AdiposeScore).ToArray());
        await rg.Required(rows.Select(r => r.V.HasOgtt).ToArray());
        await rg.Strings(rows.Select(r => (string?)ProtocolCode(r.V.Ogtt)).ToArray());
        await rg.Strings(rows.Select(r => (string?)FastingCode(r.V)).ToArray());
        await rg.Required(rows.Select(r => r.V.Diagnosed).ToArray());
        await rg.Required(rows.Select(r => r.V.GlucoseLoweringMedication).ToArray());
        await rg.Required(rows.Select(r => r.V.InsulinTreatment).ToArray());
        await rg.Required(rows.Select(r => r.P.Anaemic).ToArray());
        await rg.Required(rows.Select(r => r.V.BodyDelayDays).ToArray());
    }

    private static string ProtocolCode(OgttProtocol p) => p switch
    {
        OgttProtocol.FivePoint => "0-120",
        OgttProtocol.ThreeHour => "0-180",
        OgttProtocol.ZeroAndTwoHours => "0,120",
        _ => "none",
    };

    /// <summary>The fasting status of the visit's glucose: an OGTT's minute 0 is fasting.</summary>
    private static string FastingCode(SimulatedVisit v) => v.HasOgtt ? "fasting" : v.Fasting switch
    {
        SampleFasting.Fasting => "fasting",
        SampleFasting.NotFasting => "not_fasting",
        _ => "unknown",
    };

    private static async Task WriteLongAsync(ParquetFileWriter file, ObservationRows rows)
    {
        using var rg = file.NewRowGroup();
        await rg.Strings(rows.ParticipantId);
        await rg.Values(rows.TakenAt.ToArray());
        await rg.Strings(rows.Marker);
        await rg.Values(rows.Value.ToArray());
        await rg.Strings(rows.Unit);
        await rg.Values(rows.OgttMinute.ToArray());
        await rg.Values(rows.Fasting.ToArray());
    }

    private static async Task WriteWideAsync(ParquetFileWriter file, WideRows rows)
    {
        using var rg = file.NewRowGroup();
        await rg.Strings(rows.ParticipantId);
        await rg.Values(rows.Date.ToArray());
        for (var c = 0; c < WideLayout.Columns.Length; c++) await rg.Values(rows.Column(c));
    }

    private static async Task WriteFaultsAsync(ParquetFileWriter file, List<Fault> faults, long rowOffset)
    {
        if (faults.Count == 0) return;
        using var rg = file.NewRowGroup();
        await rg.Required(faults.Select(f => f.Row + rowOffset).ToArray());
        await rg.Strings(faults.Select(f => (string?)f.Kind.Code()).ToArray());
        await rg.Strings(faults.Select(f => (string?)f.ParticipantId).ToArray());
        await rg.Strings(faults.Select(f => (string?)f.Marker).ToArray());
        await rg.Strings(faults.Select(f => (string?)f.Detail).ToArray());
    }
}
