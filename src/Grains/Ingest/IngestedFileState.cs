namespace Cohort.Grains.Ingest;

[GenerateSerializer]
[Alias("Cohort.Grains.Ingest.IngestedFileState")]
public sealed class IngestedFileState
{
    /// <summary>The latest succeeded run that read the file (null: none has).</summary>
    [Id(0)] public string? RunId { get; set; }
}
