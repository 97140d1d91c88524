namespace Cohort.Ingest.Ingestion;

/// <summary>Tasks a run starts ahead of need and may drop: their failures must never go unobserved.</summary>
internal static class ObservedTasks
{
    /// <summary><paramref name="task"/>, its failure observed should nobody await it (awaiting it still throws).</summary>
    public static T Observed<T>(this T task) where T : Task
    {
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return task;
    }
}
