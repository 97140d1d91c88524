namespace Cohort.Ingest.Ingestion;

/// <summary>A run-level failure (unreadable file, missing or mistyped column) whose message names the file, column and row group.</summary>
public sealed class IngestException(string message, Exception? inner = null) : Exception(message, inner);
