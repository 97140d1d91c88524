using Cohort.Ingest.Ingestion;

namespace Cohort.Ingest.Layouts;

/// <summary>
/// The fasting status a file or mapping declares for rows that do not give one (an empty <c>fasting</c> value, no OGTT minute):
/// "true" when the study's samples were taken fasting, "false" when they were not, "unknown" (the default) when nobody can say.
/// Unknown samples are never used as fasting values.
/// </summary>
public static class FastingDefaults
{
    public static bool? Parse(string? value, string where) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "unknown" => null,
        "true" => true,
        "false" => false,
        _ => throw new IngestException($"{where}: '{value}' must be true, false or unknown"),
    };
}
