namespace Cohort.Settings;

/// <summary>Server-side ingest settings, section "Cohort:Ingest".</summary>
public sealed class IngestOptions
{
    public const string Section = "Cohort:Ingest";

    /// <summary>
    /// Directories the server may read drops from (schedules, replays and ingests started over the API). Empty means ./drops (a
    /// default in the array itself would be kept beside configured roots by the configuration binder).
    /// </summary>
    public string[] Roots { get; set; } = [];

    public IReadOnlyList<string> EffectiveRoots => Roots.Length > 0 ? Roots : ["./drops"];

    /// <summary>How often the schedule runner looks for due schedules, in seconds.</summary>
    public double PollSeconds { get; set; } = 15;

    /// <summary>A claimed scheduled run not completed within this many hours (its silo died) may be claimed again.</summary>
    public double LeaseHours { get; set; } = 6;
}
