using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cohort.Contracts.Audit;
using Cohort.Contracts.Ingest;
using Cohort.Contracts.Queries;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Markers;
using Cohort.Domain.Metrics;
using Cohort.Domain.Phases;
using Cohort.Domain.Phenotypes;
using Cohort.Domain.Visits;
using Cohort.Ingest.Files;
using Cohort.Ingest.Markers;
using Parquet.Schema;

namespace Cohort.Ingest.Export;

/// <summary>
/// Participant-level export for epidemiologists: every visit's markers, indices, glycaemic category, phase and phenotype as Parquet
/// (visits.parquet, one row group per shard) and CSV (visits.csv), a data dictionary (dictionary.csv: names, units, formulas' inputs,
/// variants, citations) and a provenance manifest (manifest.json: data version, factors, rule set, cut-off, model, files and their
/// SHA-256). The silo refuses unless participant-level export is enabled.
/// </summary>
public static class CohortExport
{
    public const string Visits = "visits.parquet", VisitsCsv = "visits.csv", Dictionary = "dictionary.csv", Manifest = "manifest.json";

    public sealed record Summary(long Rows, long Participants, IReadOnlyList<string> Files, string DataVersion);

    /// <param name="from">Where the request came from, for the audit log (the CLI's host name, or the API caller's address).</param>
    /// <param name="progress">Told the shards written so far, of all of them (the visits file is written one shard at a time).</param>
    public static async Task<Summary> WriteAsync(IGrainFactory grains, string directory, CohortFilter? filter = null, CancellationToken ct = default, string? from = null,
        IProgress<(int Shards, int Of)>? progress = null)
    {
        Directory.CreateDirectory(directory);
        var settings = await grains.GetGrain<ICohortSettingsGrain>(0).Get();
        // Every shard answers as of the data published when the export began; one that has moved past it (a run was published
        // meanwhile) refuses, and the export fails rather than mix data from before and after that run.
        var published = await grains.GetGrain<IIngestRunsGrain>(0).Published();
        var version = published.DataVersion;
        var model = await grains.GetGrain<Contracts.Phenotypes.IPhenotypeModelGrain>(0).Latest();
        var query = new CohortQuery(filter ?? CohortFilter.All, VisitChoice.Baseline, Dimension.None, settings.PhaseCutoffHomaIr);
        var markers = await grains.MarkersAsync();
        var metrics = markers.Metrics;
        var schema = new ParquetSchema(new Field[]
        {
            new DataField<string>("participant_id", nullable: false), new DataField<short>("visit"), new DateTimeDataField("visit_date", DateTimeFormat.Date),
            new DataField<string>("sex", nullable: true), new DataField<short?>("birth_year"), new DataField<string>("ethnicity", nullable: true),
            new DataField<string>("site", nullable: true), new DataField<double?>("survey_weight"), new DataField<string>("glycaemic_category", nullable: false),
            new DataField<string>("phase", nullable: false), new DataField<string>("ogtt_curve_shape", nullable: false), new DataField<string>("visit_flags", nullable: false),
            new DataField<string>("phenotype", nullable: false), new DataField<string>("tissue_ir_rule", nullable: false),
            new DataField<short?>("phenotype_cluster"), new DataField<double?>("phenotype_distance"), new DataField<double?>("phenotype_margin"),
        }.Concat(ProbabilityColumns(model).Select(c => (Field)new DataField<double?>(c))).Concat(metrics.Select(m => (Field)new DataField<double?>(m.Code))).ToArray());

        long rows = 0;
        var participants = new HashSet<string>(StringComparer.Ordinal);
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', schema.DataFields.Select(f => f.Name)));
        await using (var file = await ParquetFileWriter.CreateAsync(Path.Combine(directory, Visits), schema, ct))
        {
            for (var shard = 0; shard < settings.Shards; shard++)
            {
                progress?.Report((shard, settings.Shards));
                ExportChunk c;
                PublishedSnapshot.Pin(published);
                try
                {
                    c = await grains.GetGrain<ICohortShardGrain>(shard).Export(query);
                }
                catch (SnapshotMovedException)
                {
                    throw new InvalidOperationException($"an ingest run was published while the export ran (shard {shard} had moved past the data the export began with); run the export again");
                }
                finally
                {
                    PublishedSnapshot.Unpin();
                }
                if (c.Count == 0) continue;
                if (c.PhenotypeModelVersion != (model?.Version ?? 0))
                    throw new InvalidOperationException($"the phenotype model changed while the export ran (shard {shard} assigns with v{c.PhenotypeModelVersion}, " +
                        $"the export began with v{model?.Version ?? 0}); run the export again");
                var columns = Aligned(c, metrics);
                rows += c.Count;
                foreach (var id in c.ParticipantId) participants.Add(id);
                var dates = c.Day.Select(d => DateOnly.FromDayNumber(d).ToDateTime(TimeOnly.MinValue)).ToArray();
                string? Sex(byte s) => (Sex)s == Domain.Indices.Sex.Unknown ? null : ((Sex)s).Code();
                var category = c.Category.Select(x => ((GlycaemicCategory)x).Code()).ToArray();
                var phase = c.Phase.Select(x => ((Phase)x).Code()).ToArray();
                var shape = (c.CurveShape ?? new byte[c.Count]).Select(x => ((CurveShape)x).Code()).ToArray();
                var flags = (c.Flags ?? new ushort[c.Count]).Select(f => string.Join(';', ((VisitFlags)f).Codes())).ToArray();
                var phenotype = c.Phenotype.Select(x => ((Phenotype)x).Code()).ToArray();
                var rule = (c.TissueRule ?? new byte[c.Count]).Select(x => ((TissueRulePhenotype)x).Code()).ToArray();
                var (cluster, distance, margin) = (Cluster(c), Column(c.PhenotypeDistance, c.Count), Column(c.PhenotypeMargin, c.Count));
                var probabilities = Probabilities(c, cluster, ProbabilityColumns(model).Length);
                using (var rg = file.NewRowGroup())
                {
                    await rg.Strings(c.ParticipantId);
                    await rg.Required(c.Visit);
                    await rg.Required(dates);
                    await rg.Strings(c.Sex.Select(Sex).ToArray());
                    await rg.Values(c.BirthYear.Select(y => y > 0 ? y : (short?)null).ToArray());
                    await rg.Strings(c.Ethnicity);
                    await rg.Strings(c.Site);
                    await rg.Values(c.SurveyWeight.Select(w => float.IsFinite(w) ? w : (double?)null).ToArray());
                    await rg.Strings(category);
                    await rg.Strings(phase);
                    await rg.Strings(shape);
                    await rg.Strings(flags);
                    await rg.Strings(phenotype);
                    await rg.Strings(rule);
                    await rg.Values(cluster.Select(x => x > 0 ? x : (short?)null).ToArray());
                    await rg.Values(distance.Select(x => float.IsNaN(x) ? null : (double?)x).ToArray());
                    await rg.Values(margin.Select(x => float.IsNaN(x) ? null : (double?)x).ToArray());
                    foreach (var column in probabilities) await rg.Values(column);
                    foreach (var column in columns) await rg.Values(column.Select(x => float.IsNaN(x) ? null : (double?)x).ToArray());
                }
                for (var i = 0; i < c.Count; i++)
                {
                    var cells = new List<string>
                    {
                        CsvText.Cell(c.ParticipantId[i]), c.Visit[i].ToString(CultureInfo.InvariantCulture), DateOnly.FromDayNumber(c.Day[i]).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        Sex(c.Sex[i]) ?? "", c.BirthYear[i] > 0 ? c.BirthYear[i].ToString(CultureInfo.InvariantCulture) : "", CsvText.Cell(c.Ethnicity[i]), CsvText.Cell(c.Site[i]),
                        float.IsFinite(c.SurveyWeight[i]) ? c.SurveyWeight[i].ToString("R", CultureInfo.InvariantCulture) : "", category[i], phase[i], shape[i], flags[i], phenotype[i], rule[i],
                        cluster[i] > 0 ? cluster[i].ToString(CultureInfo.InvariantCulture) : "", Text(distance[i]), Text(margin[i]),
                    };
                    cells.AddRange(probabilities.Select(p => p[i] is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : ""));
                    cells.AddRange(columns.Select(m => float.IsNaN(m[i]) ? "" : m[i].ToString("R", CultureInfo.InvariantCulture)));
                    csv.AppendLine(string.Join(',', cells));
                }
            }
            progress?.Report((settings.Shards, settings.Shards));
        }
        await File.WriteAllTextAsync(Path.Combine(directory, VisitsCsv), csv.ToString(), ct);
        await File.WriteAllTextAsync(Path.Combine(directory, Dictionary), DataDictionary(markers, model), ct);
        var files = new[] { Visits, VisitsCsv, Dictionary };
        var hash = query.Hash("export");
        var manifest = new
        {
            CreatedAt = DateTime.UtcNow, DataVersion = version, Rows = rows, Participants = participants.Count,
            settings.GlucoseFactor, settings.InsulinFactor, settings.RuleSet, settings.PhaseCutoffHomaIr,
            PhenotypeModel = model is null ? "none (no phenotype model fitted)" : $"v{model.Version} (k = {model.K}, fitted {model.FittedAt:O} on {model.DataVersion})", Values = "canonical SI units, stored as 32-bit floats (about 7 significant digits)",
            query.Filter, QueryHash = hash,
            Files = files.Select(f => new { Name = f, Sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(directory, f)))) }),
        };
        await File.WriteAllTextAsync(Path.Combine(directory, Manifest), JsonSerializer.Serialize(manifest, Contracts.CohortJson.Indented), ct);
        await grains.Audit(Contracts.Audit.AuditActions.Export, version, from: from ?? $"cli on {Environment.MachineName}", detail:
            $"{rows} rows of {participants.Count} participants; filter {JsonSerializer.Serialize(query.Filter)}; manifest query hash {hash}");
        return new Summary(rows, participants.Count, [.. files, Manifest], version);
    }

    /// <summary>
    /// A mixture's probability columns: the assigned cluster's (phenotype_probability), then every cluster's
    /// (phenotype_probability_1…k); none for k-means, which gives no probabilities.
    /// </summary>
    private static string[] ProbabilityColumns(Contracts.Phenotypes.PhenotypeModel? model) => model is { IsMixture: true }
        ? ["phenotype_probability", .. Enumerable.Range(1, model.K).Select(k => $"phenotype_probability_{k}")]
        : [];

    private static double?[][] Probabilities(ExportChunk c, short[] cluster, int columns)
    {
        if (columns == 0 || c.PhenotypeProbabilities is not { } p) return Enumerable.Range(0, columns).Select(_ => new double?[c.Count]).ToArray();
        var k = columns - 1;
        var result = new double?[columns][];
        result[0] = Enumerable.Range(0, c.Count).Select(i => cluster[i] > 0 ? p[i * k + cluster[i] - 1] : (double?)null).ToArray();
        for (var j = 0; j < k; j++) result[j + 1] = Enumerable.Range(0, c.Count).Select(i => cluster[i] > 0 ? p[i * k + j] : (double?)null).ToArray();
        return result;
    }

    private static short[] Cluster(ExportChunk c) => c.PhenotypeCluster?.Select(x => (short)x).ToArray() ?? new short[c.Count];

    private static float[] Column(float[]? values, int count)
    {
        if (values is not null) return values;
        var missing = new float[count];
        Array.Fill(missing, float.NaN);
        return missing;
    }

    private static string Text(float x) => float.IsNaN(x) ? "" : x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Every exported column: name, kind, unit, what it is, formula inputs and variant for indices, citation.</summary>
    /// <summary>
    /// The columns of an export with this cohort's markers lined up as <paramref name="metrics"/>: a chunk's column by its metric
    /// position, or a missing column (a study marker nobody in the shard has) as NaN.
    /// </summary>
    private static float[][] Aligned(ExportChunk c, IReadOnlyList<Metric> metrics)
    {
        var positions = c.MetricPositions ?? Enumerable.Range(0, c.Metrics.Length).ToArray();
        var byPosition = positions.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => c.Metrics[x.i]);
        return metrics.Select(m => byPosition.GetValueOrDefault(MarkerRegistry.PositionOf(m)) ?? Enumerable.Repeat(float.NaN, c.Count).ToArray()).ToArray();
    }

    public static string DataDictionary(MarkerRegistry? markers = null, Contracts.Phenotypes.PhenotypeModel? model = null)
    {
        markers ??= MarkerRegistry.BuiltIn;
        var sb = new StringBuilder("column,kind,unit,description,inputs,variant,citation\n");
        void Row(params string[] cells) => sb.AppendLine(string.Join(',', cells.Select(CsvText.Cell)));
        Row("participant_id", "identifier", "", "pseudonymous participant id", "", "", "");
        Row("visit", "visit", "", "visit number (1 = baseline): the results within one visit window (Cohort:VisitWindowDays, default 14 days)", "", "", "");
        Row("visit_date", "visit", "date", "date of the visit", "", "", "");
        Row("sex", "demographic", "", "F, M or empty (unknown)", "", "", "");
        Row("birth_year", "demographic", "year", "year of birth (derived from age at baseline when only that was given)", "", "", "");
        Row("ethnicity", "demographic", "", "as the participants file gives it", "", "", "");
        Row("site", "demographic", "", "as the participants file gives it", "", "", "");
        Row("survey_weight", "demographic", "", "survey weight, when the cohort is a survey sample", "", "", "");
        Row("glycaemic_category", "derived", "", "normal, prediabetes, diabetes or unknown under the cohort's rule set", "", "", "");
        Row("phase", "derived", "", "normal, compensated, intermediate, diabetes-range (a diabetes-range value or diagnosed/treated diabetes) or unknown under the cohort's HOMA-IR cut-off", "", "", "");
        Row("ogtt_curve_shape", "derived", "", "shape of the visit's OGTT glucose curve (Tschritter 2003; 4.5 mg/dL threshold): monophasic, biphasic, incessant-increase, unclassified, or unknown without all five samples at 0, 30, 60, 90 and 120 min", "", "", "");
        Row("visit_flags", "derived", "", "the visit's flags, ';'-separated (empty when none): " + string.Join(", ", VisitFlagNames.All.Select(f => f.Code)), "", "", "");
        Row("phenotype", "derived", "", "phenotype of the current model, or unclassified", "", "", "");
        Row("tissue_ir_rule", "derived", "", "HIRI/MISI tertile phenotype under the current model's tertiles (liver IR = HIRI top tertile, muscle IR = MISI bottom tertile): no-ir, muscle-ir, liver-ir, combined-ir or undetermined", "", "", "Blanco-Rojo R et al. Diabetologia 2016;59:67-76");
        Row("phenotype_cluster", "derived", "", "cluster number (1…k) in the current model; empty when not assigned", "", "", "");
        Row("phenotype_distance", "derived", "z units", "distance to the assigned centroid (oriented, sex-standardised z-scores)", "", "", "");
        Row("phenotype_margin", "derived", "z units", "distance to the second-nearest centroid minus the distance to the assigned one; small = borderline", "", "", "");
        foreach (var column in ProbabilityColumns(model))
            Row(column, "derived", "probability", column == "phenotype_probability"
                ? $"membership probability of the assigned cluster under the Gaussian mixture; below {model!.Membership?.UncertainBelow ?? 0.8:0.0} the participant is counted as uncertain"
                : $"membership probability of cluster {column["phenotype_probability_".Length..]} under the Gaussian mixture (a participant's probabilities sum to 1)", "", "", "");
        foreach (var m in markers.Metrics)
        {
            if (m.Index is { } id)
            {
                var d = IndexCatalogue.Get(id).Definition;
                Row(m.Code, "index", m.Unit, d.Name, d.InputUnits, d.Variant, d.Citation);
            }
            else if (m.Marker is { } id2 && markers.Get(id2) is { BuiltIn: false } study)
                Row(m.Code, "study marker", m.Unit, m.Name, "", "", study.Citation);
            else Row(m.Code, m.Kind == MetricKind.Marker ? "marker" : "ogtt sample", m.Unit, m.Name, "", "", "");
        }
        return sb.ToString();
    }
}
