namespace Cohort.Contracts.Audit;

/// <summary>Actions the audit log records.</summary>
public static class AuditActions
{
    public const string IngestRun = "ingest.run", ScheduleAdd = "schedule.add", ScheduleRemove = "schedule.remove",
        PhenotypeFit = "phenotypes.fit", ParticipantView = "participant.view", Export = "export",
        ExportShard = "export.shard", MarkersDeclare = "markers.declare";

}
