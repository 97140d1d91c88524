namespace Cohort.Contracts.Ingest;

/// <summary>How an observations file is laid out: long (one row per value) or wide (one row per visit, read through a mapping).</summary>
public enum FileLayout { Long, Wide }
