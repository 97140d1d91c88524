using Cohort.Domain.Markers;
using Cohort.Domain.Metrics;

namespace Cohort.Dashboard.Parameters;

/// <summary>Parses and checks query parameters; a bad value is a 400 that names the parameter.</summary>
internal static class QueryParameters
{
    public sealed class BadParameterException(string parameter, string message) : Exception(message)
    {
        public string Parameter { get; } = parameter;
    }

    /// <summary>A metric of Cohort's or of the study's markers (<paramref name="markers"/>), by code.</summary>
    public static Metric Metric(string? code, MarkerRegistry markers)
    {
        if (string.IsNullOrWhiteSpace(code)) throw new BadParameterException("metric", "the 'metric' parameter is required (for example metric=homa_ir)");
        return markers.TryResolveMetric(code, out var m) ? m
            : throw new BadParameterException("metric", $"unknown metric '{code}' in parameter 'metric'; known: {string.Join(", ", markers.Metrics.Select(x => x.Code))}");
    }

    /// <summary>An optional whole number in [min, max]; null when absent or empty.</summary>
    public static int? Integer(string? text, string parameter, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v : throw new BadParameterException(parameter, $"parameter '{parameter}' must be a whole number from {min} to {max} (got '{text}')");
    }

    /// <summary>A share between 0 and 1 (0.01 = 1%).</summary>
    public static double Share(double? value, string parameter, double fallback) => value switch
    {
        null => fallback,
        { } v when v is >= 0 and <= 1 => v,
        _ => throw new BadParameterException(parameter, $"parameter '{parameter}' must be a share between 0 and 1 (got {value})"),
    };
}
