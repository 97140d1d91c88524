using Cohort.Domain.Markers;
using Cohort.Domain.Units;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Cohort.Domain.Tests;

public class UnitConversionTests
{
    private static readonly UnitConverter Default = UnitConverter.Default;
    private static readonly UnitConverter Alternative = new(new ConversionFactors(ConversionFactors.GlucoseMolarMass, ConversionFactors.InsulinAlternative));

    [Theory]
    [InlineData(Marker.Glucose, 100, "mg/dL", 5.555555555555556)]
    [InlineData(Marker.Glucose, 126, "mg/dL", 7.0)]
    [InlineData(Marker.Insulin, 10, "µU/mL", 60)]
    [InlineData(Marker.HbA1c, 5.7, "%", 38.79795)]
    [InlineData(Marker.HbA1c, 6.0, "%", 42.07665)]
    [InlineData(Marker.HbA1c, 6.5, "%", 47.54115)]
    [InlineData(Marker.Triglycerides, 150, "mg/dL", 1.693575703)]
    [InlineData(Marker.Hdl, 40, "mg/dL", 1.034393587)]
    [InlineData(Marker.Alt, 0.5, "µkat/L", 30)]
    [InlineData(Marker.Waist, 40, "in", 101.6)]
    [InlineData(Marker.Weight, 200, "lb", 90.718474)]
    [InlineData(Marker.Height, 1.75, "m", 175)]
    [InlineData(Marker.Hemoglobin, 135, "g/L", 13.5)]
    [InlineData(Marker.Nefa, 600, "µmol/L", 0.6)]
    public void Default_factors_give_the_reference_values(Marker marker, double raw, string unit, double expected)
    {
        var v = Default.ToCanonical(marker, raw, unit).Value!.Value;
        Assert.Equal(expected, v.Value, 1e-6 * Math.Abs(expected));
    }

    [Fact]
    public void Selectable_factors_change_glucose_and_insulin()
    {
        Assert.Equal(100 / 18.016, Alternative.ToCanonical(Marker.Glucose, 100, "mg/dL").Value!.Value.Value, 1e-12);
        Assert.Equal(69.45, Alternative.ToCanonical(Marker.Insulin, 10, "uIU/mL").Value!.Value.Value, 1e-9);
    }

    [Fact]
    public void Every_converted_value_names_the_factor_that_produced_it()
    {
        Assert.Equal("mg/dL ÷ 18", Default.ToCanonical(Marker.Glucose, 100, "mg/dL").Value!.Value.Factor);
        Assert.Equal("mg/dL ÷ 18.016", Alternative.ToCanonical(Marker.Glucose, 100, "mg/dL").Value!.Value.Factor);
        Assert.Equal("µU/mL × 6.945", Alternative.ToCanonical(Marker.Insulin, 10, "µU/mL").Value!.Value.Factor);
        Assert.Equal("identity", Default.ToCanonical(Marker.Insulin, 60, "pmol/L").Value!.Value.Factor);
        Assert.Contains("10.929", Default.ToCanonical(Marker.HbA1c, 6, "%").Value!.Value.Factor);
    }

    [Fact]
    public void Implausible_factor_configuration_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConversionFactors(glucoseMgDlPerMmolL: 1.8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConversionFactors(insulinPmolLPerMicroUnitMl: 0.6));
    }

    private static IEnumerable<(Marker Marker, string Unit)> AllPairs() =>
        MarkerCatalogue.All.SelectMany(m => m.AcceptedUnits.Select(u => (m.Marker, u)));

    private static Arbitrary<(Marker, string, double, double)> PairsAndValues() =>
        (from pair in Gen.Elements(AllPairs().ToArray())
         from a in Gen.Choose(1, 2_000_000)
         from b in Gen.Choose(1, 2_000_000)
         select (pair.Marker, pair.Unit, a / 1000.0, b / 1000.0)).ToArbitrary();

    [Property(MaxTest = 2000)]
    public Property Round_trips_are_exact_to_1e9_relative() =>
        Prop.ForAll(PairsAndValues(), t =>
        {
            var (marker, unit, raw, _) = t;
            foreach (var converter in new[] { Default, Alternative })
            {
                var canonical = converter.ToCanonical(marker, raw, unit).Value!.Value.Value;
                var back = converter.FromCanonical(marker, canonical, unit);
                if (Math.Abs(back - raw) > 1e-9 * Math.Abs(raw)) return false;
            }
            return true;
        });

    [Property(MaxTest = 2000)]
    public Property Conversions_are_strictly_increasing() =>
        Prop.ForAll(PairsAndValues(), t =>
        {
            var (marker, unit, a, b) = t;
            if (a == b) return true;
            var (lo, hi) = a < b ? (a, b) : (b, a);
            return Default.ToCanonical(marker, lo, unit).Value!.Value.Value < Default.ToCanonical(marker, hi, unit).Value!.Value.Value
                && Alternative.ToCanonical(marker, lo, unit).Value!.Value.Value < Alternative.ToCanonical(marker, hi, unit).Value!.Value.Value;
        });

    [Property(MaxTest = 500)]
    public Property Spelling_variants_convert_identically() =>
        Prop.ForAll(Gen.Choose(1, 100_000).Select(i => i / 100.0).ToArbitrary(), v =>
        {
            var spellings = new[] { "µU/mL", "μU/mL", "uU/mL", "µIU/mL", "uIU/mL", "mU/L", " mU / L " };
            var values = spellings.Select(s => Default.ToCanonical(Marker.Insulin, v, s).Value!.Value.Value).Distinct().ToArray();
            return values.Length == 1;
        });
}
