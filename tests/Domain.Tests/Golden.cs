namespace Cohort.Domain.Tests;

/// <summary>Relative-tolerance assertion for golden values (1e-3 relative, as the reference worked examples are quoted).</summary>
internal static class Golden
{
    public static void Near(double expected, double? actual, double relative = 1e-3, string? what = null)
    {
        Assert.True(actual.HasValue, $"{what}: expected {expected}, got undefined");
        var tolerance = Math.Abs(expected) * relative;
        Assert.True(Math.Abs(actual!.Value - expected) <= tolerance, $"{what}: expected {expected} ± {tolerance}, got {actual}");
    }
}
