using Cohort.Domain.Markers;
using Cohort.Domain.Metrics;
using Cohort.Domain.Units;

namespace Cohort.Domain.Tests;

/// <summary>The marker registry as data: Cohort's own file, the shape a study declares its markers in, and the rules of a declaration.</summary>
public class MarkerRegistryTests
{
    [Fact]
    public void Every_named_marker_is_in_the_data_file_under_its_number_with_a_citation()
    {
        foreach (var marker in Enum.GetValues<Marker>())
        {
            var d = MarkerRegistry.BuiltIn.Get(marker);
            Assert.True(d.BuiltIn);
            Assert.False(string.IsNullOrWhiteSpace(d.Citation), $"{d.Code} has no citation");
        }
        Assert.Equal(Enum.GetValues<Marker>().Length, MarkerRegistry.BuiltIn.All.Count);
        Assert.True(MetricCatalogue.All.Count < MarkerRegistry.FirstStudyId, "Cohort's metric positions must stay below the study markers' numbers");
    }

    [Fact]
    public void Every_built_in_definition_survives_the_file_shape_unchanged()
    {
        foreach (var d in MarkerRegistry.BuiltIn.All)
        {
            var entry = MarkerFile.ToEntry(d);
            var again = MarkerFile.ToDefinition(MarkerFile.Parse(MarkerFile.Write([entry]), "round trip")[0], d.Marker, d.Code, builtIn: true);
            Assert.Equal(MarkerFile.Write([entry]), MarkerFile.Write([MarkerFile.ToEntry(again)]));
        }
    }

    [Theory]
    [InlineData(Marker.CPeptide, 1.0, "ng/mL", 331)]
    [InlineData(Marker.CPeptide, 0.8, "nmol/L", 800)]
    [InlineData(Marker.HsCrp, 0.3, "mg/dL", 3)]
    [InlineData(Marker.Adiponectin, 8000, "ng/mL", 8)]
    [InlineData(Marker.SystolicBp, 16, "kPa", 120.00992)]
    [InlineData(Marker.SystolicBp, 120, "mmHg", 120)]
    [InlineData(Marker.Creatinine, 1.0, "mg/dL", 88.42)]
    [InlineData(Marker.TotalCholesterol, 200, "mg/dL", 5.17197)]
    [InlineData(Marker.Ldl, 130, "mg/dL", 3.36178)]
    [InlineData(Marker.ApoB, 95, "mg/dL", 0.95)]
    [InlineData(Marker.UricAcid, 5.0, "mg/dL", 297.4)]
    [InlineData(Marker.VisceralFatArea, 12000, "mm2", 120)]
    [InlineData(Marker.VisceralFatArea, 120, "cm²", 120)]
    [InlineData(Marker.Leptin, 12, "ug/L", 12)]
    public void New_markers_convert_with_their_cited_factors(Marker marker, double raw, string unit, double expected)
    {
        var result = UnitConverter.Default.ToCanonical(marker, raw, unit);
        Assert.True(result.Ok, result.Error);
        Assert.Equal(expected, result.Value!.Value.Value, 1e-3);
    }

    [Theory]
    [InlineData("mg/dL.h", true)]
    [InlineData("mm[Hg]", true)]
    [InlineData("mL/min/{1.73_m2}", true)]
    [InlineData("10*9/L", true)]
    [InlineData("µg/mL", true)]
    [InlineData("mg/kg/min", true)]
    [InlineData("foo/L", false)]
    [InlineData("mg/dl?", false)]
    [InlineData("mg per dL", false)]
    [InlineData("", false)]
    public void Units_are_checked_against_UCUM(string unit, bool valid) => Assert.Equal(valid, UcumUnits.IsValid(unit));

    [Fact]
    public void Every_unit_of_Cohorts_own_markers_is_a_spelling_Cohort_knows_or_a_UCUM_expression()
    {
        // What a study marker's unit is checked for. The built-in registry does not load the UCUM tables to check its own file: this
        // test does instead.
        var units = MarkerRegistry.BuiltIn.All.Select(d => d.CanonicalUnit).ToList();
        Assert.NotEmpty(units);
        Assert.All(units, u => Assert.True(UnitSpelling.TryParse(u, out _) || UcumUnits.IsValid(u), $"'{u}' is neither a spelling Cohort knows nor a UCUM expression"));
    }

    private static MarkerEntry Sspg(string unit = "mg/dL") => new()
    {
        Code = "sspg", Name = "Steady-state plasma glucose", Unit = unit, Reject = [20, 600], Skewed = true,
        Units = unit == "mg/dL" ? new Dictionary<string, UnitFactorEntry> { ["mmol/L"] = new(18.0) } : null,
    };

    [Fact]
    public void A_declaration_numbers_new_markers_from_128_and_converts_their_units()
    {
        var next = MarkerRegistry.BuiltIn.Declare([Sspg(), new MarkerEntry { Code = "m_value", Name = "M-value", Unit = "mg/kg/min", Reject = [0, 30] }],
            _ => 0, "study.json", out var changes);
        Assert.Equal(1, next.Version);
        Assert.Equal(2, changes.Count);
        Assert.Equal((Marker)128, next.Get((Marker)128).Marker);
        Assert.True(next.TryResolve("M_VALUE", out var m));
        Assert.Equal((Marker)129, m.Marker);
        Assert.False(m.BuiltIn);
        Assert.Equal(180.0, new UnitConverter(markers: next).ToCanonical((Marker)128, 10, "mmol/l").Value!.Value.Value, 1e-9);
        Assert.True(next.TryResolveMetric("sspg", out var metric));
        Assert.Equal(128, MarkerRegistry.PositionOf(metric));
        Assert.Equal(130, next.MetricSlots);

        // Stored and read back (as the registry grain keeps it), the same markers under the same numbers.
        var reread = MarkerRegistry.WithStudy(next.Version, next.StudyJson);
        Assert.Equal(next.StudyJson, reread.StudyJson);
        Assert.Equal("m_value", reread.Get((Marker)129).Code);
    }

    [Fact]
    public void A_change_of_meaning_is_refused_only_for_a_marker_with_observations()
    {
        var v1 = MarkerRegistry.BuiltIn.Declare([Sspg()], _ => 0, "v1.json", out _);
        var changed = Sspg("mmol/L");
        var e = Assert.Throws<MarkerDefinitionException>(() => v1.Declare([changed], _ => 12, "v2.json", out _));
        Assert.Contains("v2.json: entry 1 ('sspg'): 'sspg' has 12 stored observations", e.Message);
        var v2 = v1.Declare([changed], _ => 0, "v2.json", out var changes);
        Assert.Equal(["changed 'sspg' (unit, factors or limits; it has no observations)"], changes);
        Assert.Equal("mmol/L", v2.Get((Marker)128).CanonicalUnit);
        Assert.Same(v2, v2.Declare([changed], _ => 0, "again.json", out var none));
        Assert.Empty(none);
    }

    [Fact]
    public void An_open_ended_reject_range_is_declared_and_stored_as_null()
    {
        var entry = new MarkerEntry { Code = "m_value", Name = "M-value", Unit = "mg/kg/min", Reject = [0, null] };
        var registry = MarkerRegistry.BuiltIn.Declare([entry], _ => 0, "open.json", out _);
        Assert.Contains("\"reject\": [\n      0,\n      null\n    ]", registry.StudyJson.Replace("\r", ""));
        Assert.Equal(double.PositiveInfinity, MarkerRegistry.WithStudy(registry.Version, registry.StudyJson).Get((Marker)128).Limits.RejectAbove);
    }

    [Fact]
    public void A_file_that_is_not_a_marker_array_is_named_with_its_line()
    {
        var e = Assert.Throws<MarkerDefinitionException>(() => MarkerFile.Parse("[ { \"code\": \"x\", \"reject\": [1, ] ", "broken.json"));
        Assert.StartsWith("broken.json: not a JSON array of marker definitions at line 1", e.Message);
    }
}
