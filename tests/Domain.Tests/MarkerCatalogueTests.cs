using Cohort.Domain.Markers;
using Cohort.Domain.Units;

namespace Cohort.Domain.Tests;

public class MarkerCatalogueTests
{
    [Theory]
    [InlineData("glucose", "mmol/L")]
    [InlineData("insulin", "pmol/L")]
    [InlineData("hba1c", "mmol/mol")]
    [InlineData("triglycerides", "mmol/L")]
    [InlineData("hdl", "mmol/L")]
    [InlineData("alt", "U/L")]
    [InlineData("ast", "U/L")]
    [InlineData("ggt", "U/L")]
    [InlineData("nefa", "mmol/L")]
    [InlineData("waist", "cm")]
    [InlineData("bmi", "kg/m²")]
    [InlineData("weight", "kg")]
    [InlineData("height", "cm")]
    [InlineData("hemoglobin", "g/dL")]
    public void Every_canonical_marker_has_its_SI_unit(string code, string unit)
    {
        Assert.True(MarkerCatalogue.TryResolve(code, out var def));
        Assert.Equal(unit, def.CanonicalUnit);
        Assert.Equal(def.CanonicalUnit, def.AcceptedUnits.First());
    }

    [Theory]
    [InlineData("glucose", "mg/dL")]
    [InlineData("glucose", "mg/dl")]
    [InlineData("glucose", "mmol/L")]
    [InlineData("glucose", "MMOL/L")]
    [InlineData("insulin", "uU/mL")]
    [InlineData("insulin", "µU/mL")]
    [InlineData("insulin", "μU/mL")] // Greek mu
    [InlineData("insulin", "µIU/mL")]
    [InlineData("insulin", "uIU/mL")]
    [InlineData("insulin", "mU/L")]
    [InlineData("insulin", "u[IU]/mL")]
    [InlineData("insulin", "pmol/L")]
    [InlineData("hba1c", "%")]
    [InlineData("hba1c", "mmol/mol")]
    [InlineData("alt", "U/L")]
    [InlineData("alt", "IU/L")]
    [InlineData("ggt", "µkat/L")]
    [InlineData("ast", "ukat/L")]
    [InlineData("waist", "cm")]
    [InlineData("waist", "in")]
    [InlineData("waist", "[in_i]")]
    [InlineData("bmi", "kg/m2")]
    [InlineData("bmi", "kg/m²")]
    [InlineData("weight", "kg")]
    [InlineData("weight", "lb")]
    [InlineData("weight", "[lb_av]")]
    [InlineData("hemoglobin", "g/dL")]
    [InlineData("hemoglobin", "g/L")]
    [InlineData("nefa", "µmol/L")]
    [InlineData("nefa", "mEq/L")]
    [InlineData("height", "m")]
    public void Lab_spellings_are_recognised_for_their_marker(string code, string unit)
    {
        MarkerCatalogue.TryResolve(code, out var def);
        var result = UnitConverter.Default.ToCanonical(def.Marker, 1.0, unit);
        Assert.True(result.Ok, result.Error);
    }

    [Fact]
    public void An_unknown_unit_is_an_error_naming_the_unit_and_the_marker()
    {
        var result = UnitConverter.Default.ToCanonical(Marker.Glucose, 5.4, "mmol/dL");
        Assert.False(result.Ok);
        Assert.Contains("'mmol/dL'", result.Error);
        Assert.Contains("glucose", result.Error);
    }

    [Fact]
    public void A_known_unit_of_another_marker_is_refused_not_guessed()
    {
        var result = UnitConverter.Default.ToCanonical(Marker.Insulin, 10, "mg/dL");
        Assert.False(result.Ok);
        Assert.Contains("'mg/dL'", result.Error);
        Assert.Contains("insulin", result.Error);
        Assert.Contains("pmol/L", result.Error); // lists what is accepted
        Assert.Throws<UnknownUnitException>(() => UnitConverter.Default.ToCanonical(Marker.Insulin, 10, Unit.MgPerDl));
    }

    [Fact]
    public void A_missing_unit_is_an_error()
    {
        var result = UnitConverter.Default.ToCanonical(Marker.Hdl, 1.2, " ");
        Assert.False(result.Ok);
        Assert.Contains("missing unit", result.Error);
    }

    [Theory]
    [InlineData("2345-7", Marker.Glucose, null)]
    [InlineData("1518-0", Marker.Glucose, 120)]
    [InlineData("14995-5", Marker.Glucose, 120)]
    [InlineData("20448-7", Marker.Insulin, null)]
    [InlineData("4548-4", Marker.HbA1c, null)]
    [InlineData("59261-8", Marker.HbA1c, null)]
    [InlineData("2571-8", Marker.Triglycerides, null)]
    [InlineData("2085-9", Marker.Hdl, null)]
    [InlineData("1742-6", Marker.Alt, null)]
    [InlineData("1920-8", Marker.Ast, null)]
    [InlineData("2324-2", Marker.Ggt, null)]
    [InlineData("8280-0", Marker.Waist, null)]
    [InlineData("39156-5", Marker.Bmi, null)]
    [InlineData("29463-7", Marker.Weight, null)]
    [InlineData("8302-2", Marker.Height, null)]
    [InlineData("718-7", Marker.Hemoglobin, null)]
    public void Loinc_codes_resolve_to_their_marker(string loinc, Marker marker, int? ogttMinute)
    {
        Assert.True(MarkerCatalogue.TryResolve(loinc, out var def, out var term));
        Assert.Equal(marker, def.Marker);
        Assert.Equal(ogttMinute, term!.OgttMinute);
    }

    [Fact]
    public void Loinc_codes_are_unique_and_well_formed()
    {
        var codes = MarkerCatalogue.All.SelectMany(m => m.Loinc).Select(l => l.Code).ToArray();
        Assert.Equal(codes.Length, codes.Distinct().Count());
        // LOINC codes are digits, a hyphen and a mod-10 check digit.
        Assert.All(codes, c => Assert.Matches(@"^\d{1,6}-\d$", c));
        Assert.All(codes, c => Assert.True(LoincCheckDigitIsValid(c), $"{c} fails the LOINC check digit"));
    }

    [Fact]
    public void Fasting_glucose_limits_flag_and_reject_per_reference_section_7()
    {
        var convert = (double v, string unit) => UnitConverter.Default.ToCanonical(Marker.Glucose, v, unit).Value!.Value;
        Assert.Equal(PlausibilityVerdict.Reject, Plausibility.Check(convert(0, "mmol/L"), fasting: true).Verdict);
        Assert.Equal(PlausibilityVerdict.Reject, Plausibility.Check(convert(0.9, "mmol/L")).Verdict);
        Assert.Equal(PlausibilityVerdict.Flag, Plausibility.Check(convert(2.5, "mmol/L"), fasting: true).Verdict);
        Assert.Equal(PlausibilityVerdict.Accept, Plausibility.Check(convert(2.5, "mmol/L"), fasting: false).Verdict);
        Assert.Equal(PlausibilityVerdict.Accept, Plausibility.Check(convert(5.2, "mmol/L"), fasting: true).Verdict);
        Assert.Equal(PlausibilityVerdict.Flag, Plausibility.Check(convert(31, "mmol/L"), ogttMinute: 120).Verdict);
        Assert.Equal(PlausibilityVerdict.Reject, Plausibility.Check(convert(1100, "mg/dL")).Verdict);
    }

    [Fact]
    public void A_unit_mix_up_is_rejected_with_the_likely_unit_named()
    {
        var mislabelled = UnitConverter.Default.ToCanonical(Marker.Glucose, 99, "mmol/L").Value!.Value;
        var verdict = Plausibility.Check(mislabelled, fasting: true);
        Assert.Equal(PlausibilityVerdict.Reject, verdict.Verdict);
        Assert.Equal("unit_mismatch", verdict.Code);
        Assert.Contains("mg/dL", verdict.Message);
    }

    [Fact]
    public void Zero_or_negative_insulin_is_impossible()
    {
        foreach (var v in new[] { 0.0, -3 })
        {
            var value = UnitConverter.Default.ToCanonical(Marker.Insulin, v, "µU/mL").Value!.Value;
            Assert.Equal(PlausibilityVerdict.Reject, Plausibility.Check(value).Verdict);
        }
    }

    [Fact]
    public void Every_marker_has_reject_limits_wider_than_its_flag_limits()
    {
        foreach (var m in MarkerCatalogue.All)
        {
            var l = m.Limits;
            Assert.True(l.RejectBelow < l.RejectAbove, m.Code);
            if (l.FlagBelow is { } fb) Assert.True(fb > l.RejectBelow && fb < l.RejectAbove, m.Code);
            if (l.FlagAbove is { } fa) Assert.True(fa > l.RejectBelow && fa < l.RejectAbove, m.Code);
        }
    }

    private static bool LoincCheckDigitIsValid(string code)
    {
        // LOINC uses the mod-10 algorithm: double every other digit from the right of the base number, sum the digits.
        var parts = code.Split('-');
        var digits = parts[0].Select(c => c - '0').Reverse().ToArray();
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = i % 2 == 0 ? digits[i] * 2 : digits[i];
            sum += d / 10 + d % 10;
        }
        return (10 - sum % 10) % 10 == parts[1][0] - '0';
    }
}
