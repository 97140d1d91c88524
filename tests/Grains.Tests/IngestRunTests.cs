using System.Diagnostics;
using System.Text.Json;
using Cohort.Contracts.Ingest;
using Cohort.Contracts.Participants;
using Cohort.Contracts.Queries;
using Cohort.Ingest.Ingestion;
using Cohort.Ingest.Synthetic;

namespace Cohort.Grains.Tests;

/// <summary>
/// Runs as data engineers rely on them: all or nothing under a reject threshold, a crash repaired by running again, wide files read
/// through a mapping (NHANES built in), quarantines downloaded and replayed once a mapping knows a site's code, data-quality checks
/// compared between runs, and one trace per run.
/// </summary>
public sealed class IngestRunTests(GeneratedDrop drop) : IClassFixture<GeneratedDrop>
{
    private string Out(string name) => Path.Combine(drop.Directory, name);

    /// <summary>The drop's observation rows without its planted faults, each with its row in the file as k (a DuckDB query).</summary>
    private string CleanRows => $"""
        SELECT participant_id, taken_at, marker, value, unit, ogtt_minute, fasting, file_row_number AS k
        FROM read_parquet('{drop.Observations}', file_row_number = true)
        WHERE file_row_number NOT IN (SELECT row FROM read_parquet('{drop.Faults}'))
        """;

    private static async Task<long> ParticipantsIn(CohortCluster cluster) => (await cluster.Grains.GetGrain<ICohortQueryGrain>(0).Overview()).Participants;

    [Fact]
    public async Task A_run_above_its_reject_threshold_writes_nothing_and_the_same_files_publish_under_a_higher_threshold()
    {
        var dir = Out("messy");
        var manifest = await SyntheticCohortGenerator.GenerateAsync(new SynthOptions { Participants = 150, Visits = 2, Seed = 5, BadRowFraction = 0.03, ChunkSize = 50 }, dir);
        var (people, observations) = (Path.Combine(dir, "participants.parquet"), Path.Combine(dir, "observations.parquet"));
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var runner = new IngestRunner(cluster.Grains);

        var refused = await runner.RunAsync(new IngestRequest(people, [observations]));
        Assert.Equal(RunStatus.Rejected, refused.Status);
        Assert.Contains("above the run's threshold of 1.00%: nothing of it was published", refused.Message);
        // It stopped writing once it could not pass (its later row groups only validated), and says what that leaves uncounted.
        Assert.Contains("validated but not written, so results they repeat from earlier row groups or files are not counted", refused.Message);
        Assert.True(refused.RowsRejected > 0.01 * refused.RowsRead);
        Assert.Equal(0, refused.RowsAdded + refused.RowsChanged);
        Assert.Equal(0, await ParticipantsIn(cluster));
        Assert.Null(await cluster.Grains.GetGrain<IParticipantGrain>("P0000001").Get());
        Assert.Equal(refused.RowsRejected, (await cluster.Grains.GetGrain<IIngestRunsGrain>(0).Quarantine(refused.RunId)).Count);

        var published = await runner.RunAsync(new IngestRequest(people, [observations]) { RejectThreshold = 0.05 });
        Assert.Equal(RunStatus.Succeeded, published.Status);
        Assert.Equal(manifest.Participants, await ParticipantsIn(cluster));
        Assert.Equal(refused.RowsAccepted, published.RowsAdded);
    }

    [Fact]
    public async Task A_paced_run_sends_no_row_group_before_its_rate_allows_and_publishes_whole()
    {
        var dir = Out("paced");
        var manifest = await SyntheticCohortGenerator.GenerateAsync(new SynthOptions { Participants = 300, Visits = 2, Seed = 8, ChunkSize = 50 }, dir);
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        // About 11,000 rows in six row groups: the schedule spans more than three seconds, far beyond what the run takes unpaced.
        const long rate = 3_000;
        var reports = new List<(TimeSpan At, long Rows)>();
        var clock = Stopwatch.StartNew();
        var progress = new Recorded(p => { if (p.Phase == IngestProgress.Writing) lock (reports) reports.Add((clock.Elapsed, p.RowsRead)); });
        var run = await new IngestRunner(cluster.Grains).RunAsync(
            new IngestRequest(Path.Combine(dir, "participants.parquet"), [Path.Combine(dir, "observations.parquet")]) { MaxRowsPerSecond = rate }, progress);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(manifest.ObservationRows, run.RowsAccepted);
        Assert.Equal(300, await ParticipantsIn(cluster));
        Assert.True(reports.Count >= 4, $"{reports.Count} row groups: the pacing needs several");
        Assert.Equal(manifest.ObservationRows, reports[^1].Rows);
        // A row group is validated only once the rows before it are due at the rate: its report comes no earlier.
        for (var k = 1; k < reports.Count; k++)
            Assert.True(reports[k].At >= TimeSpan.FromSeconds((double)reports[k - 1].Rows / rate),
                $"row group {k + 1} reported at {reports[k].At.TotalSeconds:0.000} s, before {reports[k - 1].Rows} rows were due at {rate} a second");
    }

    [Fact]
    public async Task A_pace_of_no_rows_a_second_is_refused_naming_the_option()
    {
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(drop.Participants, [drop.Observations]) { MaxRowsPerSecond = 0 });
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("--max-rows-per-second 0 must be a positive number of rows", run.Message);
        Assert.Equal(0, await ParticipantsIn(cluster));
    }

    private sealed class Recorded(Action<IngestProgress> record) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => record(value);
    }

    /// <summary>Reports synchronously, so the test can stop the run at an exact point.</summary>
    private sealed class StopWhile(Func<IngestProgress, bool> stop, CancellationTokenSource cancel) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value)
        {
            if (stop(value)) cancel.Cancel();
        }
    }

    private static string Values(ParticipantView? v) => JsonSerializer.Serialize(new
    {
        v!.Demographics,
        Observations = v.Observations.Select(o => new { o.Marker, o.TakenAt, o.OgttMinute, o.Value, o.RawValue, o.RawUnit, o.Fasting, o.Implausible }),
        v.Visits,
    });

    [Fact]
    public async Task A_run_that_crashes_part_way_is_completed_by_running_it_again_and_equals_one_clean_run()
    {
        await using var crashed = await CohortCluster.StartAsync(silos: 1);
        using var cancel = new CancellationTokenSource();
        var stop = new StopWhile(p => p.Phase == IngestProgress.Writing && p.RowsRead > 0, cancel);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new IngestRunner(crashed.Grains).RunAsync(new IngestRequest(drop.Participants, [drop.Observations]), stop, cancel.Token));
        Assert.Empty(await crashed.Grains.GetGrain<IIngestRunsGrain>(0).List());
        var rerun = await new IngestRunner(crashed.Grains).RunAsync(new IngestRequest(drop.Participants, [drop.Observations]));
        Assert.Equal(RunStatus.Succeeded, rerun.Status);

        await using var clean = await CohortCluster.StartAsync(silos: 1);
        var once = await new IngestRunner(clean.Grains).RunAsync(new IngestRequest(drop.Participants, [drop.Observations]));
        Assert.Equal(once.RowsAdded, rerun.RowsAdded + rerun.RowsUnchanged);
        var (a, b) = (crashed.Grains.GetGrain<ICohortQueryGrain>(0), clean.Grains.GetGrain<ICohortQueryGrain>(0));
        Assert.Equal(JsonSerializer.Serialize((await a.Overview()) with { LastIngest = null }), JsonSerializer.Serialize((await b.Overview()) with { LastIngest = null }));
        foreach (var metric in new[] { "homa_ir", "glucose", "matsuda", "hdl" })
        {
            var q = new CohortQuery(CohortFilter.All, VisitChoice.Latest, Dimension.None, 2.5);
            Assert.Equal(Statistics.Json(await a.Distribution(q, metric)), Statistics.Json(await b.Distribution(q, metric)));
        }
        foreach (var id in new[] { "P0000001", "P0000250", "P0000599" })
            Assert.Equal(Values(await clean.Grains.GetGrain<IParticipantGrain>(id).Get()), Values(await crashed.Grains.GetGrain<IParticipantGrain>(id).Get()));
    }

    /// <summary>An NHANES-shaped extract as DuckDB writes it from SAS transport data: every column a DOUBLE, codes as numbers.</summary>
    private string NhanesExtract(int impossibleGlucose = 0)
    {
        var path = Out($"nhanes-extract-{impossibleGlucose}.parquet");
        DuckDb.Execute($"""
            COPY (
              SELECT CAST(93702 + i AS DOUBLE) AS SEQN,
                     CAST(1 + i % 2 AS DOUBLE) AS RIAGENDR,
                     CAST(20 + i AS DOUBLE) AS RIDAGEYR,
                     CAST([1, 2, 3, 4, 6, 7][1 + i % 6] AS DOUBLE) AS RIDRETH3,
                     CAST(10 AS DOUBLE) AS SDDSRVYR,
                     CASE WHEN i % 4 = 0 THEN NULL ELSE 40000.5 + i END AS WTSAF2YR,
                     50000.5 + i AS WTMEC2YR,
                     CASE WHEN i <= {impossibleGlucose} THEN -5.0 ELSE 90.0 + i END AS LBXGLU,
                     8.0 + i % 7 AS LBXIN,
                     5.2 + (i % 5) / 10.0 AS LBXGH,
                     100.0 + 3 * i AS LBXTR,
                     50.0 + i % 9 AS LBDHDD,
                     20.0 + i % 11 AS LBXSATSI,
                     22.0 + i % 5 AS LBXSASSI,
                     18.0 + i % 13 AS LBXSGTSI,
                     85.0 + i AS BMXWAIST,
                     24.0 + i / 4.0 AS BMXBMI,
                     CASE WHEN i % 3 = 0 THEN 110.0 + i ELSE NULL END AS LBXGLT
              FROM range(1, 41) t(i)
            ) TO '{path}' (FORMAT parquet)
            """);
        return path;
    }

    [Fact]
    public async Task An_NHANES_shaped_wide_file_ingests_with_the_built_in_mapping_and_its_own_demographics()
    {
        var file = NhanesExtract();
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(null, [file]) { Layout = FileLayout.Wide, Mapping = "nhanes" });
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Contains("extra columns ignored: SDDSRVYR", run.Message);
        Assert.Equal(40, run.ParticipantsTouched);
        Assert.Equal(40 * 10 + 13, run.RowsAccepted);
        Assert.Equal(0, run.RowsRejected);
        Assert.Equal(40, await ParticipantsIn(cluster));

        var p = await cluster.Grains.GetGrain<IParticipantGrain>("93705").Get();   // i = 3: female, 23 y, RIDRETH3 4
        Assert.NotNull(p);
        // Examination weight WTMEC2YR and fasting-subsample weight WTSAF2YR, each in its own field; outside the subsample WTSAF2YR is empty.
        Assert.Equal(new Demographics
        {
            Sex = "F",
            BirthYear = null,
            Ethnicity = "Non-Hispanic Black",
            Site = "NHANES 2017-2018",
            SurveyWeight = 50003.5,
            AgeAtBaseline = 23,
            FastingSurveyWeight = 40003.5,
        }, p.Demographics);
        Assert.Null((await cluster.Grains.GetGrain<IParticipantGrain>("93706").Get())!.Demographics!.FastingSurveyWeight);
        var glucose = p.Observations.Single(o => o.Marker == "glucose" && o.OgttMinute is null);
        Assert.Equal(new DateTime(2018, 1, 1), glucose.TakenAt);
        Assert.Equal(93.0, glucose.RawValue);
        Assert.Equal("mg/dL", glucose.RawUnit);
        Assert.Equal(93.0 / 18.0, glucose.Value, 1e-9);
        Assert.Equal(113.0, p.Observations.Single(o => o.Marker == "glucose" && o.OgttMinute == 120).RawValue);
        var visit = Assert.Single(p.Visits);
        var homa = visit.Indices.Single(i => i.Code == "homa_ir");
        Assert.Equal(93.0 / 18.0 * 11.0 / 22.5, homa.Value!.Value, 1e-6);   // LBXIN 8 + 3 % 7 = 11 µU/mL
    }

    /// <summary>
    /// A wide file's rows hold many observations each: two impossible glucose cells are more than 1% of its 40 rows but less than 1%
    /// of its cells, so the run passes, and everything else in the file is written (a run that stopped writing could not commit).
    /// </summary>
    [Fact]
    public async Task A_wide_run_under_its_threshold_of_rejected_cells_writes_every_accepted_cell()
    {
        var file = NhanesExtract(impossibleGlucose: 2);
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(null, [file]) { Layout = FileLayout.Wide, Mapping = "nhanes" });
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(2, run.RowsRejected);
        Assert.True(run.RowsRejected > 0.01 * 40);
        Assert.Equal(40 * 10 + 13 - 2, run.RowsAccepted);
        Assert.Equal(run.RowsAccepted, run.RowsAdded);
        Assert.Equal(40, run.ParticipantsTouched);
        Assert.Equal(40, await ParticipantsIn(cluster));
    }

    [Fact]
    public async Task An_unknown_unit_in_a_mapping_fails_the_run_naming_the_column_before_anything_is_written()
    {
        var file = NhanesExtract();
        var mapping = Out("bad-units.mapping.json");
        File.WriteAllText(mapping, """
            { "participant_column": "SEQN", "visit_date": "2018-01-01",
              "demographics": { "sex_column": "RIAGENDR", "sex_codes": { "1": "M", "2": "F" } },
              "columns": [ { "column": "LBXGLU", "marker": "glucose", "unit": "mg/dl?" } ] }
            """);
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(null, [file]) { Layout = FileLayout.Wide, Mapping = mapping });
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("column 'LBXGLU': unknown unit 'mg/dl?' for glucose", run.Message);
        Assert.Contains("nothing was written", run.Message);
        Assert.Equal(0, run.RowsRead);
        Assert.Equal(0, await ParticipantsIn(cluster));
    }

    [Fact]
    public async Task A_missing_file_fails_the_run_naming_it_whatever_else_is_wrong_with_the_files()
    {
        // The participants file is read while the files are hashed: its own fault (not Parquet at all) must not hide the missing
        // observations file, which is what the run reports, the same every time, and nothing is written.
        var people = Out("not-parquet-participants.parquet");
        File.WriteAllText(people, "participant_id\nP1\n");
        var missing = Out("no-such-observations.parquet");
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var runner = new IngestRunner(cluster.Grains);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var run = await runner.RunAsync(new IngestRequest(people, [missing]));
            Assert.Equal(RunStatus.Failed, run.Status);
            Assert.Contains("no-such-observations.parquet: file not found", run.Message);
            Assert.Contains("nothing was written", run.Message);
        }
        Assert.Equal(0, await ParticipantsIn(cluster));

        // With every file there, the participants file's own fault is the run's, naming it.
        var broken = await runner.RunAsync(new IngestRequest(people, [drop.Observations]));
        Assert.Equal(RunStatus.Failed, broken.Status);
        Assert.Contains("not-parquet-participants.parquet", broken.Message);
        Assert.Equal(0, await ParticipantsIn(cluster));
    }

    [Fact]
    public async Task A_run_without_participants_says_so_before_any_fault_of_its_observations_and_stops_reading_them()
    {
        // The observations files are opened and read while the participants are mapped. An empty participants file is still the
        // run's error, ahead of an observations file without its value column, and a run that stops there stops reading a file of
        // many row groups (the run returns, nothing is written, and the next run reads the file whole).
        var nobody = Out("no-participants.parquet");
        DuckDb.Execute($"COPY (SELECT * FROM read_parquet('{drop.Participants}') LIMIT 0) TO '{nobody}' (FORMAT parquet)");
        var valueless = Out("observations-without-values.parquet");
        DuckDb.Execute($"COPY (SELECT participant_id, taken_at, marker, unit FROM read_parquet('{drop.Observations}')) TO '{valueless}' (FORMAT parquet)");
        var many = Out("observations-in-many-row-groups.parquet");
        DuckDb.Execute($"COPY (SELECT * FROM read_parquet('{drop.Observations}')) TO '{many}' (FORMAT parquet, ROW_GROUP_SIZE 2048)");
        Assert.True(DuckDb.Scalar($"SELECT count(*) FROM parquet_metadata('{many}') WHERE column_id = 0") > 5);
        // The row groups of that file read, as the run's trace spans say: started, and finished.
        var (started, finished) = (0, 0);
        static bool OfManyRowGroups(Activity a) =>
            a.OperationName == "ingest row group" && a.Parent?.GetTagItem("cohort.file") as string == "observations-in-many-row-groups.parquet";
        using var spans = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Cohort.Ingest",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = a => { if (OfManyRowGroups(a)) Interlocked.Increment(ref started); },
            ActivityStopped = a => { if (OfManyRowGroups(a)) Interlocked.Increment(ref finished); },
        };
        ActivitySource.AddActivityListener(spans);
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var runner = new IngestRunner(cluster.Grains);
        foreach (var observations in new[] { valueless, many })
        {
            var run = await runner.RunAsync(new IngestRequest(nobody, [observations]));
            Assert.Equal(RunStatus.Failed, run.Status);
            Assert.Contains("no participants: the participants file is empty", run.Message);
            Assert.Equal(0, run.RowsRead);
            Assert.Equal(0, await ParticipantsIn(cluster));
        }
        // At most the row group waiting for the validator and the one being read when the run stopped, and both finished by the
        // time the run returned: the reading was stopped and waited for, not left to go on.
        Assert.InRange(Volatile.Read(ref started), 0, 2);
        Assert.Equal(Volatile.Read(ref started), Volatile.Read(ref finished));

        // With its participants, the valueless file's own fault is the run's, and the file of many row groups is ingested whole.
        var valuesMissing = await runner.RunAsync(new IngestRequest(drop.Participants, [valueless]));
        Assert.Equal(RunStatus.Failed, valuesMissing.Status);
        Assert.Contains("observations-without-values.parquet: required column 'value' is missing", valuesMissing.Message);
        Assert.Equal(0, await ParticipantsIn(cluster));
        var whole = await runner.RunAsync(new IngestRequest(drop.Participants, [many]));
        Assert.Equal(RunStatus.Succeeded, whole.Status);
        Assert.Equal(DuckDb.Scalar($"SELECT count(*) FROM read_parquet('{many}')"), whole.RowsRead);
    }

    [Fact]
    public async Task A_result_the_run_already_gave_in_an_earlier_row_group_or_file_is_rejected_as_a_duplicate_or_a_conflict_at_its_row_and_the_first_stands()
    {
        // The drop's clean rows in row groups of 2,048, then two of its first rows again at the end (last row group): one as it was,
        // one with another value. The validator sees one row group at a time; the shards see the run's earlier rows.
        var (clean, repeated, repeatsOnly) = (Out("repeats-clean.parquet"), Out("repeats-across-row-groups.parquet"), Out("repeats-only.parquet"));
        var rows = CleanRows;
        var repeats = $"""
            SELECT participant_id, taken_at, marker, CASE WHEN k = (SELECT min(k) FROM ({rows})) THEN value ELSE value + 0.01 END AS value,
                   unit, ogtt_minute, fasting, k
            FROM ({rows}) ORDER BY k LIMIT 2
            """;
        const string columns = "participant_id, taken_at, marker, value, unit, ogtt_minute, fasting";
        DuckDb.Execute($"COPY (SELECT {columns} FROM ({rows}) ORDER BY k) TO '{clean}' (FORMAT parquet, ROW_GROUP_SIZE 2048)");
        DuckDb.Execute($"""
            COPY (SELECT {columns} FROM (SELECT *, 0 AS part FROM ({rows}) UNION ALL SELECT *, 1 AS part FROM ({repeats})) ORDER BY part, k)
            TO '{repeated}' (FORMAT parquet, ROW_GROUP_SIZE 2048)
            """);
        DuckDb.Execute($"COPY (SELECT {columns} FROM ({repeats}) ORDER BY k) TO '{repeatsOnly}' (FORMAT parquet)");
        var n = DuckDb.Scalar($"SELECT count(*) FROM read_parquet('{clean}')");
        Assert.True(DuckDb.Scalar($"SELECT count(*) FROM parquet_metadata('{repeated}') WHERE column_id = 0") > 2);
        // The conflicting row's value as the file has it first (kept), and at its repeat (not taken).
        var kept = DuckDb.Query($"SELECT value, unit FROM read_parquet('{repeated}', file_row_number = true) WHERE file_row_number = 1")[0];

        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var runner = new IngestRunner(cluster.Grains);
        var run = await runner.RunAsync(new IngestRequest(drop.Participants, [repeated]));
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal((n + 2, n, 2L), (run.RowsRead, run.RowsAccepted, run.RowsRejected));
        Assert.Equal((n, 0L, 0L), (run.RowsAdded, run.RowsChanged, run.RowsUnchanged));
        Assert.Equal(1, run.RejectsByReason[RejectReason.DuplicateRow]);
        Assert.Equal(1, run.RejectsByReason[RejectReason.ConflictingValue]);
        var uniqueness = run.Quality!.Checks.Single(c => c.Id == "plausibility:uniqueness");
        Assert.Equal(Math.Round(2.0 / (n + 2), 6), uniqueness.Observed);
        Assert.Equal(n, run.Quality.Markers.Sum(m => m.Accepted));

        // Stored in the file's order (the two repeats may belong to different shards, which answer in any order).
        var quarantine = (await cluster.Grains.GetGrain<IIngestRunsGrain>(0).Quarantine(run.RunId)).ToList();
        Assert.Equal([n, n + 1], quarantine.Select(q => q.Row));
        Assert.All(quarantine, q => Assert.Equal("repeats-across-row-groups.parquet", Path.GetFileName(q.File)));
        Assert.All(quarantine, q => Assert.True(q.RowGroup > 0, $"row group {q.RowGroup}"));
        Assert.Equal([RejectReason.DuplicateRow, RejectReason.ConflictingValue], quarantine.Select(q => q.Reason));
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"({(double)kept[0]!:R} {kept[1]}, which is kept)"), quarantine[1].Message);
        // The quarantined rows are the file's rows, as a replay reads them back.
        var atRepeat = DuckDb.Query($"SELECT participant_id, marker, value FROM read_parquet('{repeated}', file_row_number = true) WHERE file_row_number = {n + 1}")[0];
        Assert.Equal(((string)atRepeat[0]!, (string)atRepeat[1]!, ((double)atRepeat[2]!).ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
            (quarantine[1].Raw["participant_id"], quarantine[1].Raw["marker"], quarantine[1].Raw["value"]));

        // What was stored is the first value: the clean rows again change nothing.
        var again = await runner.RunAsync(new IngestRequest(drop.Participants, [clean]));
        Assert.Equal((0L, 0L, n), (again.RowsAdded, again.RowsChanged, again.RowsUnchanged));

        // The same file again (forced), in a store that has its first values: the repeats of values the run gives as already stored
        // are repeats too, so the first value still stands; and across two files of one run, the second file's repeats are not taken.
        var forced = await runner.RunAsync(new IngestRequest(drop.Participants, [repeated]) { Force = true });
        Assert.Equal((n + 2, n, 2L), (forced.RowsRead, forced.RowsAccepted, forced.RowsRejected));
        Assert.Equal((0L, 0L, n), (forced.RowsAdded, forced.RowsChanged, forced.RowsUnchanged));
        var twoFiles = await runner.RunAsync(new IngestRequest(drop.Participants, [clean, repeatsOnly]) { Force = true });
        Assert.Equal((n + 2, n, 2L), (twoFiles.RowsRead, twoFiles.RowsAccepted, twoFiles.RowsRejected));
        Assert.Equal((0L, 0L, n), (twoFiles.RowsAdded, twoFiles.RowsChanged, twoFiles.RowsUnchanged));
        var inSecondFile = await cluster.Grains.GetGrain<IIngestRunsGrain>(0).Quarantine(twoFiles.RunId);
        Assert.Equal([(0L, RejectReason.DuplicateRow), (1L, RejectReason.ConflictingValue)], inSecondFile.Select(q => (q.Row, q.Reason)));
        Assert.All(inSecondFile, q => Assert.Equal("repeats-only.parquet", Path.GetFileName(q.File)));
        var final = await runner.RunAsync(new IngestRequest(drop.Participants, [clean]) { Force = true });
        Assert.Equal((0L, 0L, n), (final.RowsAdded, final.RowsChanged, final.RowsUnchanged));
    }

    /// <summary>
    /// Ingests <paramref name="file"/> with the drop's participants into a cluster of its own; returns the run, its quarantine and what
    /// the store then holds of each participant (observations, with whether this run gave them, and visits).
    /// </summary>
    private async Task<(RunSummary Run, IReadOnlyList<QuarantinedRow> Quarantine, List<string> Stored)> Ingest(string file, long? held = null, IProgress<IngestProgress>? progress = null)
    {
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(drop.Participants, [file]) { HeldRowsMax = held }, progress);
        var quarantine = await cluster.Grains.GetGrain<IIngestRunsGrain>(0).Quarantine(run.RunId);
        var stored = new List<string>();
        foreach (var id in DuckDb.Query($"SELECT DISTINCT participant_id FROM read_parquet('{drop.Participants}') ORDER BY 1").Select(r => (string)r[0]!))
        {
            var p = await cluster.Grains.GetGrain<IParticipantGrain>(id).Get();
            stored.Add(p is null ? $"{id}: none" : $"{id}: " + string.Join("; ", p.Observations
                .Select(o => FormattableString.Invariant($"{o.Marker} {o.TakenAt:O} {o.OgttMinute} {o.Value:R} {o.RawValue:R} {o.RawUnit} {o.Run == run.RunId}"))
                .Order(StringComparer.Ordinal)) + " | " + string.Join("; ", p.Visits.Select(v => v.ToString())));
        }
        return (run, quarantine, stored);
    }

    [Fact]
    public async Task A_row_group_larger_than_a_part_is_written_in_parts_and_stores_what_small_row_groups_store()
    {
        // The drop's rows seven times, 0 to 24 years earlier (more visits each), sorted by participant: in one row group, as pyarrow
        // writes up to a million rows to one, and in DuckDB row groups of 2,048 rows.
        var rows = $"""
            SELECT participant_id, taken_at - to_years(y) AS taken_at, marker, value, unit, ogtt_minute, fasting
            FROM ({CleanRows}) CROSS JOIN range(0, 28, 4) AS years(y)
            ORDER BY participant_id, taken_at, marker, ogtt_minute, value
            """;
        var (whole, small) = (Out("one-row-group.parquet"), Out("small-row-groups.parquet"));
        DuckDb.Execute($"COPY ({rows}) TO '{whole}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)");
        DuckDb.Execute($"COPY ({rows}) TO '{small}' (FORMAT parquet, ROW_GROUP_SIZE 2048)");
        var n = DuckDb.Scalar($"SELECT count(*) FROM ({rows})");
        Assert.True(n > IngestRunner.RowsPerPart, $"{n} rows: a part's worth at least");
        Assert.Equal(1L, DuckDb.Scalar($"SELECT count(DISTINCT row_group_id) FROM parquet_metadata('{whole}')"));

        var writes = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Cohort.Ingest",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if (a.OperationName == "write row group") lock (writes) writes.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        var parts = await Ingest(whole);
        var grouped = await Ingest(small);

        Assert.Equal(RunStatus.Succeeded, parts.Run.Status);
        Assert.Equal((n, n), (parts.Run.RowsRead, parts.Run.RowsAccepted));
        // The one row group went to the shards in parts (each its own write span), with nothing noted about the file's order.
        lock (writes)
            Assert.InRange(writes.Count(a => a.TraceId.ToString() == parts.Run.TraceId && (int)a.GetTagItem("cohort.row_group")! == 0), 2, int.MaxValue);
        Assert.DoesNotContain("not sorted by participant", parts.Run.Message ?? "");
        Assert.Equal((grouped.Run.RowsRead, grouped.Run.RowsAccepted, grouped.Run.RowsAdded, grouped.Run.ParticipantsTouched),
            (parts.Run.RowsRead, parts.Run.RowsAccepted, parts.Run.RowsAdded, parts.Run.ParticipantsTouched));
        Assert.Equal(grouped.Stored, parts.Stored);
    }

    /// <summary>
    /// A laboratory system's extract is sorted by when samples were taken, not by participant: each participant's visits lie in row
    /// groups far apart. Written by DuckDB in that order, with a result given again at the end (the same value, and another value),
    /// the run stores exactly what the same rows sorted by participant store, rejects the same repeats at their own rows, and says that
    /// it held its row groups back.
    /// </summary>
    [Fact]
    public async Task An_extract_sorted_by_sample_time_stores_what_the_same_rows_sorted_by_participant_store()
    {
        var rows = CleanRows;
        var again = $"""
            SELECT participant_id, taken_at, marker, value, unit, ogtt_minute, fasting FROM (SELECT * FROM ({rows}) ORDER BY k LIMIT 1)
            UNION ALL
            SELECT participant_id, taken_at, marker, value + 1, unit, ogtt_minute, fasting FROM (SELECT * FROM ({rows}) WHERE k > 5000 ORDER BY k LIMIT 1)
            """;
        var (byParticipant, byTime) = (Out("by-participant.parquet"), Out("by-time.parquet"));
        DuckDb.Execute($"""
            COPY (SELECT * FROM (SELECT participant_id, taken_at, marker, value, unit, ogtt_minute, fasting FROM ({rows}) ORDER BY k) UNION ALL ({again}))
            TO '{byParticipant}' (FORMAT parquet, ROW_GROUP_SIZE 2048)
            """);
        DuckDb.Execute($"""
            COPY (SELECT * FROM (SELECT participant_id, taken_at, marker, value, unit, ogtt_minute, fasting FROM ({rows}) ORDER BY taken_at, participant_id, marker, ogtt_minute) UNION ALL ({again}))
            TO '{byTime}' (FORMAT parquet, ROW_GROUP_SIZE 2048)
            """);
        var n = DuckDb.Scalar($"SELECT count(*) FROM ({rows})");

        var sorted = await Ingest(byParticipant);
        var timed = await Ingest(byTime);
        Assert.Equal(RunStatus.Succeeded, timed.Run.Status);
        Assert.Equal((n + 2, n, 2L), (timed.Run.RowsRead, timed.Run.RowsAccepted, timed.Run.RowsRejected));
        Assert.Equal((sorted.Run.RowsRead, sorted.Run.RowsAccepted, sorted.Run.RowsRejected, sorted.Run.RowsAdded, sorted.Run.ParticipantsTouched),
            (timed.Run.RowsRead, timed.Run.RowsAccepted, timed.Run.RowsRejected, timed.Run.RowsAdded, timed.Run.ParticipantsTouched));
        Assert.Equal(sorted.Stored, timed.Stored);
        // The repeats are rejected at their own rows, the last two of the file, as when the file is sorted by participant.
        Assert.Equal([(n, RejectReason.DuplicateRow), (n + 1, RejectReason.ConflictingValue)], timed.Quarantine.Select(q => (q.Row, q.Reason)));
        Assert.Equal(sorted.Quarantine.Select(q => (q.Row, q.Reason)), timed.Quarantine.Select(q => (q.Row, q.Reason)));
        // Each in the row group DuckDB wrote it in (its row groups are not cut at the same rows in the two files).
        var lastGroup = DuckDb.Scalar($"SELECT max(row_group_id) FROM parquet_metadata('{byTime}')");
        Assert.All(timed.Quarantine, q => Assert.Equal(lastGroup, q.RowGroup));
        Assert.Equal(sorted.Quarantine.Select(q => q.Raw.OrderBy(kv => kv.Key).ToList()), timed.Quarantine.Select(q => q.Raw.OrderBy(kv => kv.Key).ToList()));
        // Its first row group changes participant nearly every row: it is held from there on, not written once as it came and again
        // with the release.
        Assert.Contains("participants' rows are interleaved within a row group (the files are not sorted by participant): from row group 0 of", timed.Run.Message);
        Assert.DoesNotContain("not sorted by participant", sorted.Run.Message ?? "");

        // By visit year, then by participant: each row group's participants come one after another, and recur once the next year's
        // rows begin; held from then on, and stored the same.
        var byYear = Out("by-year.parquet");
        DuckDb.Execute($"""
            COPY (SELECT * FROM (SELECT participant_id, taken_at, marker, value, unit, ogtt_minute, fasting FROM ({rows}) ORDER BY year(taken_at), participant_id, taken_at, marker, ogtt_minute) UNION ALL ({again}))
            TO '{byYear}' (FORMAT parquet, ROW_GROUP_SIZE 2048)
            """);
        var yearly = await Ingest(byYear);
        Assert.Equal(sorted.Stored, yearly.Stored);
        Assert.Contains("participants recur across row groups (the files are not sorted by participant)", yearly.Run.Message);
        Assert.DoesNotContain("from row group 0 of", yearly.Run.Message);

        // Held back in releases of at most 6,000 observations (each participant then once per release, a later release's rows merged
        // with what the earlier ones staged): the same store, the same rejections; each release's writes report how far they are.
        var reports = new List<IngestProgress>();
        var released = await Ingest(byTime, held: 6_000, new Recorded(p => { lock (reports) reports.Add(p); }));
        Assert.Equal(RunStatus.Succeeded, released.Run.Status);
        Assert.Equal((timed.Run.RowsRead, timed.Run.RowsAccepted, timed.Run.RowsRejected, timed.Run.RowsAdded, timed.Run.ParticipantsTouched),
            (released.Run.RowsRead, released.Run.RowsAccepted, released.Run.RowsRejected, released.Run.RowsAdded, released.Run.ParticipantsTouched));
        Assert.Equal(sorted.Stored, released.Stored);
        Assert.Equal(timed.Quarantine.Select(q => (q.File, q.RowGroup, q.Row, q.Reason)), released.Quarantine.Select(q => (q.File, q.RowGroup, q.Row, q.Reason)));
        Assert.Contains(reports, p => p.Phase == IngestRunner.HoldingPhase);
        var writing = reports.Where(p => p.Phase == IngestRunner.WritingHeldPhase).ToList();
        // Several releases, each counted up to its own rows.
        var releases = writing.Where(p => p.RowsRead == p.RowsTotal).ToList();
        Assert.True(releases.Count >= 2, $"{releases.Count} releases completed");
        Assert.All(writing, p => Assert.InRange(p.RowsRead, 1, p.RowsTotal));
        Assert.Equal(n + 2, releases.Sum(p => p.RowsTotal) + reports.Where(p => p.Phase == IngestProgress.Writing).Select(p => p.RowsRead).DefaultIfEmpty().Max());
    }

    [Fact]
    public async Task Past_its_limit_the_quarantine_keeps_the_runs_first_rows_in_file_order_and_a_repeat_shows_as_its_file_has_it()
    {
        // The drop's clean rows in row groups of 2,048; then a fasting glucose of the first row group again, under its LOINC code and in
        // mg/dL (a repeat only the shards find, when the last row group is written); then five rows whose unit nobody knows (the
        // validator rejects them when it reads that row group, before the shards answer for it).
        var file = Out("repeat-then-rejects.parquet");
        var rows = CleanRows;
        DuckDb.Execute($"""
            COPY (SELECT participant_id, taken_at, marker, value, unit, ogtt_minute, fasting FROM (
                    SELECT *, 0 AS part FROM ({rows})
                    UNION ALL
                    SELECT participant_id, taken_at, '1558-6', CASE WHEN lower(unit) = 'mg/dl' THEN value ELSE value * 18 END, 'mg/dL', ogtt_minute, true, k, 1
                    FROM (SELECT * FROM ({rows}) WHERE marker = 'glucose' AND ogtt_minute IS NULL AND lower(unit) IN ('mmol/l', 'mg/dl') ORDER BY k LIMIT 1)
                    UNION ALL
                    SELECT * FROM (SELECT participant_id, taken_at, marker, value, 'furlongs', ogtt_minute, fasting, k, 2 FROM ({rows}) ORDER BY k LIMIT 5))
                  ORDER BY part, k)
            TO '{file}' (FORMAT parquet, ROW_GROUP_SIZE 2048)
            """);
        var n = DuckDb.Scalar($"SELECT count(*) FROM ({rows})");
        Assert.Equal(n + 6, DuckDb.Scalar($"SELECT count(*) FROM read_parquet('{file}')"));
        var repeat = DuckDb.Query($"SELECT participant_id, taken_at, value FROM read_parquet('{file}', file_row_number = true) WHERE file_row_number = {n}")[0];

        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var runner = new IngestRunner(cluster.Grains);
        var whole = await runner.RunAsync(new IngestRequest(drop.Participants, [file]));
        Assert.Equal(RunStatus.Succeeded, whole.Status);
        Assert.Equal((n + 6, n, 6L), (whole.RowsRead, whole.RowsAccepted, whole.RowsRejected));
        var all = await cluster.Grains.GetGrain<IIngestRunsGrain>(0).Quarantine(whole.RunId);
        Assert.Equal(6, all.Count);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => n + i), all.Select(q => q.Row));
        Assert.Contains(all[0].Reason, new[] { RejectReason.DuplicateRow, RejectReason.ConflictingValue });
        // The repeat as the file has it (its LOINC code, its unit, its fasting column), as the validator's rejections are shown, so that
        // a download or a replay reads the file's row.
        var asInFile = ObservationBlock.RawRow((string)repeat[0]!, (DateTime)repeat[1]!, "1558-6", (double)repeat[2]!, "mg/dL", null, true, null);
        Assert.Equal(asInFile.OrderBy(kv => kv.Key), all[0].Raw.OrderBy(kv => kv.Key));

        // The same file with room for one row: the first in the file's order is kept, whichever was found first.
        var one = await runner.RunAsync(new IngestRequest(drop.Participants, [file]) { Force = true, QuarantineLimit = 1 });
        Assert.Equal(6L, one.RowsRejected);
        Assert.Contains("5 rejected rows beyond the quarantine limit of 1", one.Message);
        var kept = Assert.Single(await cluster.Grains.GetGrain<IIngestRunsGrain>(0).Quarantine(one.RunId));
        Assert.Equal((all[0].Row, all[0].Reason, all[0].RowGroup), (kept.Row, kept.Reason, kept.RowGroup));
        Assert.Equal(all[0].Raw.OrderBy(kv => kv.Key), kept.Raw.OrderBy(kv => kv.Key));

        // Two inputs of the same name (the clean rows, then the six extra rows, in folders of their own): the repeat is read again from
        // the second, where it is, not from the first input of that name.
        var (first, second) = (Out(Path.Combine("site-a", "extract.parquet")), Out(Path.Combine("site-b", "extract.parquet")));
        Directory.CreateDirectory(Path.GetDirectoryName(first)!);
        Directory.CreateDirectory(Path.GetDirectoryName(second)!);
        DuckDb.Execute($"COPY (SELECT * FROM read_parquet('{file}') LIMIT {n}) TO '{first}' (FORMAT parquet, ROW_GROUP_SIZE 2048)");
        DuckDb.Execute($"COPY (SELECT * FROM read_parquet('{file}') OFFSET {n}) TO '{second}' (FORMAT parquet)");
        var named = await runner.RunAsync(new IngestRequest(drop.Participants, [first, second]) { Force = true });
        Assert.Equal(6L, named.RowsRejected);
        Assert.DoesNotContain("could not be read again", named.Message ?? "");
        var inSecond = await cluster.Grains.GetGrain<IIngestRunsGrain>(0).Quarantine(named.RunId);
        Assert.Equal([0L, 1, 2, 3, 4, 5], inSecond.Select(q => q.Row));
        Assert.Equal(all[0].Raw.OrderBy(kv => kv.Key), inSecond[0].Raw.OrderBy(kv => kv.Key));
    }

    [Fact]
    public async Task Quarantined_rows_download_as_CSV_and_Parquet_and_replay_once_a_mapping_knows_the_sites_code()
    {
        // The clean rows, with fasting glucose given as LOINC 1558-6 and every tenth HDL under the site's own code HDL-C.
        var file = Out("site-codes.parquet");
        DuckDb.Execute($"""
            COPY (
              SELECT participant_id, taken_at,
                     CASE WHEN marker = 'glucose' AND ogtt_minute IS NULL THEN '1558-6'
                          WHEN marker = 'hdl' AND file_row_number % 10 = 0 THEN 'HDL-C' ELSE marker END AS marker,
                     value, unit, ogtt_minute, fasting
              FROM read_parquet('{drop.Observations}', file_row_number = true)
              WHERE file_row_number NOT IN (SELECT row FROM read_parquet('{drop.Faults}'))
            ) TO '{file}' (FORMAT parquet)
            """);
        var siteCoded = DuckDb.Scalar($"SELECT count(*) FROM read_parquet('{file}') WHERE marker = 'HDL-C'");
        var loinc = DuckDb.Scalar($"SELECT count(*) FROM read_parquet('{file}') WHERE marker = '1558-6'");
        var hdl = DuckDb.Scalar($"SELECT count(*) FROM read_parquet('{file}') WHERE marker IN ('hdl', 'HDL-C')");
        Assert.True(siteCoded > 0 && loinc > 0);

        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var runner = new IngestRunner(cluster.Grains);
        var run = await runner.RunAsync(new IngestRequest(drop.Participants, [file]) { RejectThreshold = 0.05 });
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(siteCoded, run.RowsRejected);
        Assert.Equal(siteCoded, run.RejectsByReason[RejectReason.UnknownMarker]);
        Assert.False(run.Quality!.Checks.Single(c => c.Id == "conformance:markers").Passed);

        var rows = await cluster.Grains.GetGrain<IIngestRunsGrain>(0).Quarantine(run.RunId);
        var csv = QuarantineExport.ToCsv(run.RunId, rows).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(siteCoded + 1, csv.Length);
        Assert.StartsWith("run_id,file,row_group,row,reason,message,participant_id,taken_at,marker,value,unit", csv[0]);
        var parquet = Out("quarantine.parquet");
        await QuarantineExport.WriteParquetAsync(run.RunId, rows, parquet);
        Assert.Equal(siteCoded, DuckDb.Scalar($"SELECT count(*) FROM read_parquet('{parquet}') WHERE reason = 'unknown_marker' AND marker = 'HDL-C' AND run_id = '{run.RunId}'"));

        var mapping = Out("site-a.mapping.json");
        File.WriteAllText(mapping, """{ "marker_aliases": { "HDL-C": "hdl" } }""");
        var replay = await runner.RunAsync(new IngestRequest(null, []) { Mapping = mapping, Trigger = RunTrigger.Replay, ReplayOf = run.RunId, ReplayRows = rows });
        Assert.Equal(RunStatus.Succeeded, replay.Status);
        Assert.Equal(siteCoded, replay.RowsAdded);
        Assert.Equal(0, replay.RowsRejected);
        Assert.Equal(run.RunId, replay.ReplayOf);
        Assert.Equal(hdl, (await cluster.Grains.GetGrain<ICohortQueryGrain>(0).Overview()).ObservationsByMarker["hdl"]);
        Assert.Equal(run.RunId, replay.Quality!.Diff!.PreviousRunId);
        Assert.Contains("conformance:markers", replay.Quality.Diff.Resolved);
    }

    [Fact]
    public async Task A_running_ingest_is_in_progress_on_the_overview_until_it_is_recorded()
    {
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var overview = cluster.Grains.GetGrain<ICohortQueryGrain>(0);
        var seen = new List<IReadOnlyList<RunProgress>>();
        // Progress reaches the caller after the run has announced itself: the overview asked then lists it.
        var progress = new Progress(p =>
        {
            if (seen.Count == 0) seen.Add(overview.Overview().GetAwaiter().GetResult().InProgress);
        });
        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(drop.Participants, [drop.Observations]) { RejectThreshold = 1 }, progress);
        var during = Assert.Single(Assert.Single(seen));
        Assert.Equal((run.RunId, "manual"), (during.RunId, during.Trigger));
        Assert.Empty((await overview.Overview()).InProgress);
    }

    /// <summary>Progress reported synchronously on the runner's own flow (IProgress&lt;T&gt; of the BCL posts to the thread pool).</summary>
    private sealed class Progress(Action<IngestProgress> report) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => report(value);
    }

    [Fact]
    public async Task Rows_without_a_marker_code_have_a_completeness_check_of_their_own()
    {
        var file = Out("no-marker.parquet");
        DuckDb.Execute($"""
            COPY (
              SELECT participant_id, taken_at, CASE WHEN file_row_number % 50 = 0 THEN NULL ELSE marker END AS marker, value, unit, ogtt_minute, fasting
              FROM read_parquet('{drop.Observations}', file_row_number = true)
              WHERE file_row_number NOT IN (SELECT row FROM read_parquet('{drop.Faults}'))
            ) TO '{file}' (FORMAT parquet)
            """);
        var empty = DuckDb.Scalar($"SELECT count(*) FROM read_parquet('{file}') WHERE marker IS NULL");
        Assert.True(empty > 0);

        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(drop.Participants, [file]) { RejectThreshold = 0.05 });
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(empty, run.RowsRejected);
        var check = run.Quality!.Checks.Single(c => c.Id == DataQualityTally.NoMarkerCheck);
        Assert.Equal(("all", Math.Round((double)empty / run.RowsRead, 6), false), (check.Subject, check.Observed, check.Passed));
        Assert.Contains("no marker code", check.Description);
        // No marker is named after the missing code.
        Assert.All(run.Quality.Checks, c => Assert.DoesNotContain("empty", c.Subject));
    }

    [Fact]
    public async Task A_run_is_one_trace_with_spans_per_file_and_row_group()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Cohort.Ingest",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) spans.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        var run = await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(drop.Participants, [drop.Observations]));
        List<Activity> mine;
        lock (spans) mine = spans.Where(a => a.TraceId.ToString() == run.TraceId).ToList();
        Assert.Single(mine, a => a.OperationName == "ingest run");
        var groups = (int)Math.Ceiling(drop.Manifest.Participants / 200.0);
        // One pass reads, validates and writes each row group: once each (the participants without observations are a write of their own).
        Assert.Equal(groups, mine.Count(a => a.OperationName == "ingest row group"));
        Assert.Equal(groups, mine.Count(a => a.OperationName == "validate row group"));
        Assert.Equal(groups, mine.Count(a => a.OperationName == "write row group" && (int)a.GetTagItem("cohort.row_group")! >= 0));
        Assert.Equal(1, mine.Count(a => a.OperationName == "ingest file"));
        Assert.Equal(1, mine.Count(a => a.OperationName == "commit run"));
        Assert.Equal(1, mine.Count(a => a.OperationName == "publish run"));
        Assert.Equal(run.RunId, mine.Single(a => a.OperationName == "ingest run").GetTagItem("cohort.run_id"));
    }
}
