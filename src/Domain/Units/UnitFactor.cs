namespace Cohort.Domain.Units;

/// <summary>
/// A spelling a marker accepts and how it converts into the marker's canonical unit. <see cref="Setting"/> names the configurable
/// factor (glucose, insulin) that replaces the default when a silo chooses another convention.
/// </summary>
public sealed record UnitFactor(string Spelling, double Multiplier, double Divisor, double Shift, string? Setting = null)
{
    public static UnitFactor Identity(string spelling) => new(spelling, 1, 1, 0);

    public bool IsIdentity => Multiplier == 1 && Divisor == 1 && Shift == 0;

    /// <summary>The conversion with <paramref name="factors"/> applied to a configurable factor.</summary>
    public LinearConversion Conversion(ConversionFactors factors)
    {
        if (IsIdentity) return LinearConversion.Identity;
        var (multiplier, divisor) = Setting switch
        {
            "glucose" => (1.0, factors.Glucose),
            "insulin" => (factors.Insulin, 1.0),
            _ => (Multiplier, Divisor),
        };
        string F(double d) => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var description = Shift != 0
            ? $"({Spelling} − {F(Shift)}) × {F(multiplier / divisor)}"
            : divisor != 1 && multiplier == 1 ? $"{Spelling} ÷ {F(divisor)}"
            : divisor == 1 ? $"{Spelling} × {F(multiplier)}"
            : $"{Spelling} × {F(multiplier)} ÷ {F(divisor)}";
        return new LinearConversion(multiplier, divisor, Shift, description);
    }
}
