namespace Cohort.Domain.Units;

/// <summary>
/// canonical = (raw − Shift) × Multiplier ÷ Divisor, with Multiplier and Divisor positive, so every conversion is strictly increasing.
/// Kept in this form (rather than one pre-divided scale) so that the inverse reproduces the raw value exactly, and so that
/// <see cref="Description"/> can name the factor that produced a value, e.g. "mg/dL ÷ 18".
/// </summary>
public sealed record LinearConversion(double Multiplier, double Divisor, double Shift, string Description)
{
    public static LinearConversion Identity { get; } = new(1, 1, 0, "identity");

    public static LinearConversion Divide(double divisor, string description) => new(1, divisor, 0, description);
    public static LinearConversion Multiply(double multiplier, string description) => new(multiplier, 1, 0, description);

    public double ToCanonical(double raw) => (raw - Shift) * Multiplier / Divisor;
    public double FromCanonical(double canonical) => canonical * Divisor / Multiplier + Shift;
}
