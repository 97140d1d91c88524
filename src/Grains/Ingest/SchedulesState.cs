namespace Cohort.Grains.Ingest;

[GenerateSerializer]
[Alias("Cohort.Grains.Ingest.SchedulesState")]
public sealed class SchedulesState
{
    [Id(0)] public Dictionary<string, ScheduleState> Schedules { get; set; } = new(StringComparer.Ordinal);
}
