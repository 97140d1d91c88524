namespace Cohort.Contracts.Ingest;

/// <summary>The codes of <see cref="FileLayout"/> ("long", "wide") as users write them and schedules store them.</summary>
public static class FileLayouts
{
    public static string Code(this FileLayout layout) => layout == FileLayout.Wide ? "wide" : "long";

    public static bool TryParse(string? code, out FileLayout layout)
    {
        layout = FileLayout.Long;
        if (string.Equals(code, "long", StringComparison.OrdinalIgnoreCase)) return true;
        if (!string.Equals(code, "wide", StringComparison.OrdinalIgnoreCase)) return false;
        layout = FileLayout.Wide;
        return true;
    }

    public static FileLayout Parse(string code) =>
        TryParse(code, out var layout) ? layout : throw new ArgumentException($"layout '{code}' must be long or wide", nameof(code));
}
