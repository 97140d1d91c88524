using Cohort.Domain.Units;

namespace Cohort.Domain.Indices;

/// <summary>A derived index: a pure function of one visit's canonical measurements and the conversion factors in force.</summary>
public abstract class DerivedIndex
{
    public abstract IndexDefinition Definition { get; }

    /// <summary>Computes the index; never throws on data and never returns a non-finite value.</summary>
    public abstract IndexResult Compute(VisitMeasurements visit, ConversionFactors factors);

    protected IndexResult Value(double value) => IndexResult.Of(Definition.Id, value);

    protected IndexResult Undefined(string reason) => IndexResult.Undefined(Definition.Id, reason);

    /// <summary>
    /// Returns a reason when any input is missing or not positive (every input of these formulas is a positive concentration or size),
    /// or null when all are present.
    /// </summary>
    protected static string? Missing(params ReadOnlySpan<(string Name, double? Value)> inputs)
    {
        var allPositive = true;
        foreach (var (_, value) in inputs)
            allPositive &= value > 0;
        if (allPositive) return null;
        // Each index asks with one fixed list of inputs, so the reason depends only on which are missing and which are not positive:
        // built once per pattern (visits without an OGTT ask for the same reasons over and over).
        int missingMask = 0, nonPositiveMask = 0;
        for (var k = 0; k < inputs.Length; k++)
        {
            if (inputs[k].Value is null) missingMask |= 1 << k;
            else if (inputs[k].Value <= 0) nonPositiveMask |= 1 << k;
        }
        var names = new HashCode();
        foreach (var (name, _) in inputs) names.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(name));
        var key = (names.ToHashCode(), (missingMask << 16) | nonPositiveMask);
        if (Reasons.TryGetValue(key, out var cached) && SameNames(cached.Names, inputs)) return cached.Reason;
        var reason = Describe(inputs);
        var list = new string[inputs.Length];
        for (var k = 0; k < list.Length; k++) list[k] = inputs[k].Name;
        Reasons.TryAdd(key, (list, reason));
        return reason;
    }

    /// <summary>Reasons already built, by (identity of the input names, pattern of missing and non-positive inputs).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int, int), (string[] Names, string Reason)> Reasons = new();

    private static bool SameNames(string[] names, ReadOnlySpan<(string Name, double? Value)> inputs)
    {
        if (names.Length != inputs.Length) return false;
        for (var k = 0; k < names.Length; k++)
            if (!ReferenceEquals(names[k], inputs[k].Name)) return false;
        return true;
    }

    private static string Describe(ReadOnlySpan<(string Name, double? Value)> inputs)
    {
        var missing = new List<string>();
        var nonPositive = new List<string>();
        foreach (var (name, value) in inputs)
        {
            if (value is null) missing.Add(name);
            else if (value <= 0) nonPositive.Add(name);
        }
        return missing.Count > 0 ? $"missing {string.Join(", ", missing)}" : $"{string.Join(", ", nonPositive)} must be positive";
    }

    /// <summary>Why the reported insulin cannot be read as the participant's own secretion.</summary>
    public const string ExogenousInsulinReason = "exogenous insulin: the participant is treated with insulin, so measured insulin is not their own secretion";

    /// <summary>
    /// The conditions an index is defined under, before its inputs are looked at: insulin-based indices need endogenous insulin (no
    /// insulin treatment), and indices defined on fasting samples need each named marker taken fasting. Returns why not, or null.
    /// </summary>
    protected static string? Preconditions(VisitMeasurements v, bool endogenousInsulin, params ReadOnlySpan<Markers.Marker> fasting)
    {
        if (endogenousInsulin && v.ExogenousInsulin) return ExogenousInsulinReason;
        foreach (var marker in fasting)
            if (v.FastingProblem(marker) is { } problem) return problem;
        return null;
    }

    protected static string? SexRequired(Sex sex) => sex == Sex.Unknown ? "sex unknown: the formula differs for women and men" : null;
}
