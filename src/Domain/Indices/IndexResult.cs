namespace Cohort.Domain.Indices;

/// <summary>
/// The value of one index for one visit, or the reason it is undefined. Never NaN, never infinite, never clipped:
/// a formula that cannot give a meaningful number says why instead.
/// </summary>
public readonly record struct IndexResult(IndexId Index, double? Value, string? UndefinedReason)
{
    public bool IsDefined => Value.HasValue;

    public static IndexResult Of(IndexId index, double value) =>
        double.IsFinite(value) ? new(index, value, null) : Undefined(index, "the formula gives no finite value for these inputs");

    public static IndexResult Undefined(IndexId index, string reason) => new(index, null, reason);
}
