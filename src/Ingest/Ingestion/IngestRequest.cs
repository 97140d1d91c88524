using Cohort.Contracts.Ingest;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// One ingest run: the participants file (optional when a wide file's mapping carries demographics, or for a replay) and the
/// observation files in one layout, with its mapping, reject threshold and where it came from.
/// </summary>
public sealed record IngestRequest(string? ParticipantsFile, IReadOnlyList<string> ObservationFiles)
{
    /// <summary>"long" (one row per result) or "wide" (one row per participant and visit; needs <see cref="Mapping"/>).</summary>
    public FileLayout Layout { get; init; } = FileLayout.Long;

    /// <summary>A built-in mapping name (nhanes) or a mapping file; for long files only its aliases are used.</summary>
    public string? Mapping { get; init; }

    /// <summary>
    /// The fasting status of rows that give none outside an OGTT: "true", "false" or "unknown" (the default; such samples are never
    /// used as fasting). Overrides the mapping's <c>fasting_default</c>.
    /// </summary>
    public string? FastingDefault { get; init; }

    /// <summary>The largest share of rejected rows a run may have and still be written (default 1%).</summary>
    public double RejectThreshold { get; init; } = 0.01;

    /// <summary>Ingest even when every file was already ingested with the same content.</summary>
    public bool Force { get; init; }

    public RunTrigger Trigger { get; init; } = RunTrigger.Manual;

    public string? Schedule { get; init; }

    /// <summary>A replay: the run whose quarantined rows are ingested again (after the cause was fixed), and those rows.</summary>
    public string? ReplayOf { get; init; }

    public IReadOnlyList<QuarantinedRow>? ReplayRows { get; init; }

    /// <summary>Shard writes in flight at once (bounded fan-out; each carries up to <see cref="IngestRunner.ParticipantsPerWrite"/> participants).</summary>
    public int Concurrency { get; init; } = 64;

    public string? RunId { get; init; }

    /// <summary>Outcome event files (participant_id, event, date, value) for participants already ingested; a run takes these or observations.</summary>
    public IReadOnlyList<string> EventFiles { get; init; } = [];

    /// <summary>At most this many rejected rows are kept in the run's quarantine; the run says how many were left out.</summary>
    public int QuarantineLimit { get; init; } = 200_000;

    /// <summary>
    /// Paces the run so that a large ingest on a silo analysts are using leaves it headroom for their queries: each row group is held
    /// back until the file rows before it are due at this many a second (a burst is one row group; a file of one row group is not
    /// paced; a wide file's row holds several observations). The run keeps the one open-run slot meanwhile, so other runs wait for
    /// it. Null: as fast as the silo takes them. Schedules carry their own (<see cref="ScheduleDefinition.MaxRowsPerSecond"/>).
    /// </summary>
    public long? MaxRowsPerSecond { get; init; }

    /// <summary>
    /// Files not sorted by participant: the observations the run holds back at most before it writes them together, each participant
    /// once per release (<c>HeldRowGroups</c>). Null: a third of the memory the process may use, at about 96 bytes an observation,
    /// and at least a million. Smaller keeps a run's memory down at the cost of writing each participant once per release.
    /// </summary>
    public long? HeldRowsMax { get; init; }

    /// <summary>Checks what can be checked before anything is opened; the message names the option.</summary>
    public void Validate()
    {
        if (Layout == FileLayout.Wide && Mapping is null) throw new IngestException("the wide layout needs a mapping (--mapping nhanes or a JSON file)");
        if (MaxRowsPerSecond is <= 0) throw new IngestException($"--max-rows-per-second {MaxRowsPerSecond} must be a positive number of rows");
        if (HeldRowsMax is <= 0) throw new IngestException($"--held-rows-max {HeldRowsMax} must be a positive number of observations");
        if (double.IsNaN(RejectThreshold) || RejectThreshold is < 0 or > 1)
            throw new IngestException($"reject threshold {RejectThreshold} must be a share between 0 and 1 (0.01 = 1%)");
        _ = Layouts.FastingDefaults.Parse(FastingDefault, "--fasting-default");
        if (EventFiles.Count > 0 && (ObservationFiles.Count > 0 || ReplayRows is not null))
            throw new IngestException("give observation files or --events, not both: ingest the observations first, then the events");
        if (ReplayRows is null && ObservationFiles.Count == 0 && EventFiles.Count == 0) throw new IngestException("no observation files given");
    }
}
