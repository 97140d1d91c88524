
namespace Cohort.Ingest.Ingestion;

/// <summary>Progress of a run: rows done of the total in the current phase ("validating" every file first, then "writing").</summary>
public readonly record struct IngestProgress(long RowsRead, long RowsTotal, string Phase = "writing");
