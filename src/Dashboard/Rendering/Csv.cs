using System.Globalization;
using System.Text;
using Cohort.Contracts.Cohort;

namespace Cohort.Dashboard.Rendering;

/// <summary>CSV downloads of exactly the numbers a page shows.</summary>
internal static class Csv
{
    public static string Distribution(DistributionResult d)
    {
        var sb = new StringBuilder();
        sb.AppendLine("section,name,from,to,value");
        sb.AppendLine(CultureInfo.InvariantCulture, $"summary,n,,,{d.N}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"summary,missing,,,{d.Missing}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"summary,mean,,,{F(d.Mean)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"summary,sd,,,{F(d.Sd)}");
        foreach (var (name, value) in d.Percentiles) sb.AppendLine(CultureInfo.InvariantCulture, $"percentile,{name},,,{F(value)}");
        foreach (var b in d.Histogram) sb.AppendLine(CultureInfo.InvariantCulture, $"histogram,bin,{F(b.From)},{F(b.To)},{b.Count}");
        return sb.ToString();
    }

    private static string F(double? x) => x is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
