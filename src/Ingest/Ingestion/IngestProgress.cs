
namespace Cohort.Ingest.Ingestion;

/// <summary>Progress of a run: rows done of the total in the current phase ("writing", which validates as it reads, or waiting for another run to finish).</summary>
public readonly record struct IngestProgress(long RowsRead, long RowsTotal, string Phase = IngestProgress.Writing)
{
    /// <summary>The phase of a run that reads, validates and writes its row groups as they come.</summary>
    public const string Writing = "writing";
}
