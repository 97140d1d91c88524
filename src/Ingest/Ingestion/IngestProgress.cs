
namespace Cohort.Ingest.Ingestion;

/// <summary>Progress of a run: rows done of the total in the current phase ("writing", which validates as it reads, or waiting for another run to finish).</summary>
public readonly record struct IngestProgress(long RowsRead, long RowsTotal, string Phase = "writing");
