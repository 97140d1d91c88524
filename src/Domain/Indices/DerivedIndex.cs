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
        var missing = new List<string>();
        var nonPositive = new List<string>();
        foreach (var (name, value) in inputs)
        {
            if (value is null) missing.Add(name);
            else if (value <= 0) nonPositive.Add(name);
        }
        return missing.Count > 0 ? $"missing {string.Join(", ", missing)}" : $"{string.Join(", ", nonPositive)} must be positive";
    }

    protected static string? SexRequired(Sex sex) => sex == Sex.Unknown ? "sex unknown: the formula differs for women and men" : null;
}
