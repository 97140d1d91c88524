using Cohort.Domain.Indices;
using Cohort.Domain.Units;

namespace Cohort.Domain.Tests;

/// <summary>Every index against the worked examples of docs/science.md#worked-examples, to 1e-3 relative.</summary>
public class IndexGoldenTests
{
    private static readonly ConversionFactors Default = ConversionFactors.Default;

    private static double? Compute(IndexId id, VisitMeasurements v, ConversionFactors? f = null) =>
        IndexCatalogue.Get(id).Compute(v, f ?? Default).Value;

    [Theory]
    [InlineData(IndexId.HomaIr, 2.4691)]
    [InlineData(IndexId.HomaBeta, 97.30)]
    [InlineData(IndexId.Quicki, 0.3333)]
    [InlineData(IndexId.Matsuda, 3.5215)]
    [InlineData(IndexId.MatsudaAuc, 3.2991)]
    [InlineData(IndexId.Hiri, 379.2)]
    [InlineData(IndexId.Misi, 0.0827)]
    [InlineData(IndexId.AdipoIr, 36.0)]
    [InlineData(IndexId.TyG, 8.9227)]
    [InlineData(IndexId.TgHdl, 1.637)]
    [InlineData(IndexId.Fli, 77.81)]
    [InlineData(IndexId.Hsi, 39.6)]
    [InlineData(IndexId.Vai, 2.2107)]
    [InlineData(IndexId.Lap, 62.66)]
    [InlineData(IndexId.Igi, 90.0)]
    [InlineData(IndexId.OralDispositionIndex, 1.5)]
    [InlineData(IndexId.MetsIr, 47.64)]
    public void Participant_A_with_default_factors(IndexId id, double expected) =>
        Golden.Near(expected, Compute(id, Participants.A(UnitConverter.Default)), what: id.ToString());

    [Fact]
    public void Participant_A_HOMA_IR_with_the_molar_mass_glucose_factor()
    {
        var f = new ConversionFactors(ConversionFactors.GlucoseMolarMass);
        Golden.Near(2.4669, Compute(IndexId.HomaIr, Participants.A(new UnitConverter(f)), f));
    }

    [Fact]
    public void Participant_A_alternative_conventions()
    {
        var a = Participants.A(UnitConverter.Default);
        // MISI in conventional units is 0.008929 (mg/dL/min per µU/mL); SI ×1000 = conventional / (18 × 6) × 1000.
        Golden.Near(0.008929 / (18 * 6) * 1000, Compute(IndexId.Misi, a));
        // Adipo-IR in µU/mL × mmol/L is the pmol/L value divided by the insulin factor.
        Golden.Near(6.0, Compute(IndexId.AdipoIr, a) / Default.Insulin);
        // TG/HDL as a mg/dL ratio.
        Golden.Near(3.75, TgHdl.ToMgDlRatio(Compute(IndexId.TgHdl, a)!.Value));
        // IGI in µU/mL per mg/dL and DIo in mg/dL units.
        Golden.Near(0.8333, Compute(IndexId.Igi, a) / Default.Insulin / Default.Glucose);
        // HSI for a woman, and for a woman with diabetes.
        Golden.Near(41.6, Compute(IndexId.Hsi, a with { Sex = Sex.Female }));
        Golden.Near(43.6, Compute(IndexId.Hsi, a with { Sex = Sex.Female, Diabetes = true }));
        // VAI and LAP with the women's formulas.
        Golden.Near(3.3596, Compute(IndexId.Vai, a with { Sex = Sex.Female }));
        Golden.Near(74.52, Compute(IndexId.Lap, a with { Sex = Sex.Female }));
    }

    [Theory]
    [InlineData(6.00, IndexId.HomaIr, 4.1333)]
    [InlineData(6.00, IndexId.HomaBeta, 111.11)]
    [InlineData(6.00, IndexId.Quicki, 0.3102)]
    [InlineData(6.945, IndexId.HomaIr, 3.5709)]
    [InlineData(6.945, IndexId.HomaBeta, 95.99)]
    [InlineData(6.945, IndexId.Quicki, 0.3164)]
    public void Participant_B_with_each_insulin_factor(double insulinFactor, IndexId id, double expected) =>
        Golden.Near(expected, Compute(id, Participants.B(), new ConversionFactors(insulinPmolLPerMicroUnitMl: insulinFactor)), what: id.ToString());

    [Theory]
    [InlineData(IndexId.TyG, 9.2475)]
    [InlineData(IndexId.TgHdl, 2.333)]
    [InlineData(IndexId.Fli, 93.03)]
    [InlineData(IndexId.Hsi, 48.33)]
    [InlineData(IndexId.Vai, 4.8676)]
    [InlineData(IndexId.Lap, 109.2)]
    [InlineData(IndexId.AdipoIr, 63.0)]
    [InlineData(IndexId.MetsIr, 55.91)]
    public void Participant_B_other_indices(IndexId id, double expected) =>
        Golden.Near(expected, Compute(id, Participants.B()), what: id.ToString());

    [Fact]
    public void Participant_B_TyG_with_the_molar_mass_factor() =>
        Golden.Near(9.2484, Compute(IndexId.TyG, Participants.B(), new ConversionFactors(ConversionFactors.GlucoseMolarMass)));

    [Fact]
    public void Participant_B_has_no_OGTT_so_curve_indices_are_undefined_with_reasons()
    {
        var b = Participants.B();
        foreach (var id in new[] { IndexId.Matsuda, IndexId.MatsudaAuc, IndexId.Hiri, IndexId.Misi, IndexId.Igi, IndexId.OralDispositionIndex })
        {
            var r = IndexCatalogue.Get(id).Compute(b, Default);
            Assert.False(r.IsDefined);
            Assert.Contains("missing", r.UndefinedReason);
        }
    }

    public sealed record ArchetypeValues
    {
        public double HomaIr, HomaBeta, Quicki, Matsuda, MatsudaAuc, Hiri, Misi, AdipoIr, TyG, TgHdl, Igi, Di;
    }

    // Recomputed from the formulas of docs/science.md#indices at full precision; the table in docs/science.md#worked-examples shows them rounded.
    private static readonly Dictionary<string, ArchetypeValues> Expected = new()
    {
        ["InsulinSensitive"] = new() { HomaIr = 1.0864197530864197, HomaBeta = 71.99999999999999, Quicki = 0.3782931349197638, Matsuda = 9.266163789047951, MatsudaAuc = 8.546444718146649, Hiri = 204.375, Misi = 0.15055706112616687, AdipoIr = 13.5, TyG = 8.166216268592143, TgHdl = 0.582138421587445, Igi = 90.0, Di = 3.0 },
        ["HepaticDominant"] = new() { HomaIr = 4.424691358024691, HomaBeta = 117.55102040816327, Quicki = 0.3073766077680461, Matsuda = 2.5216262138966146, MatsudaAuc = 2.348417330031158, Hiri = 544.1041666666666, Misi = 0.08825546679577177, AdipoIr = 52.800000000000004, TyG = 9.272375762895635, TgHdl = 2.073868126905273, Igi = 101.14285714285714, Di = 1.0535714285714286 },
        ["MuscleDominant"] = new() { HomaIr = 2.088888888888889, HomaBeta = 104.51612903225806, Quicki = 0.34160351304570113, Matsuda = 3.2424474077517838, MatsudaAuc = 3.069897291582517, Hiri = 345.33333333333337, Misi = 0.05449187417172353, AdipoIr = 27.0, TyG = 8.71768205216564, TgHdl = 1.1824686688494976, Igi = 69.97183098591549, Di = 1.2957746478873238 },
        ["AdiposeDominant"] = new() { HomaIr = 3.2839506172839505, HomaBeta = 157.5, Quicki = 0.32011763519295006, Matsuda = 3.2445322493084823, MatsudaAuc = 3.017232681669264, Hiri = 428.75, Misi = 0.0691402274436922, AdipoIr = 71.4, TyG = 8.996528148090857, TgHdl = 1.7672059226761725, Igi = 109.96363636363637, Di = 1.309090909090909 },
    };

    public static TheoryData<string, double[], double[], double, double, double> Archetypes => new()
    {
        { "InsulinSensitive", [88, 130, 120, 105, 95], [5, 40, 35, 25, 18], 0.45, 80, 60 },
        { "HepaticDominant", [112, 175, 165, 140, 125], [16, 75, 90, 70, 55], 0.55, 190, 40 },
        { "MuscleDominant", [94, 165, 190, 180, 165], [9, 55, 95, 100, 95], 0.50, 130, 48 },
        { "AdiposeDominant", [95, 150, 150, 130, 115], [14, 70, 80, 65, 50], 0.85, 170, 42 },
    };

    [Theory]
    [MemberData(nameof(Archetypes))]
    public void Archetypes_of_reference_section_6(string name, double[] glucose, double[] insulin, double nefa, double tg, double hdl)
    {
        var v = Participants.Archetype(glucose, insulin, nefa, tg, hdl);
        var e = Expected[name];
        Golden.Near(e.HomaIr, Compute(IndexId.HomaIr, v), what: "HOMA-IR");
        Golden.Near(e.HomaBeta, Compute(IndexId.HomaBeta, v), what: "HOMA-%B");
        Golden.Near(e.Quicki, Compute(IndexId.Quicki, v), what: "QUICKI");
        Golden.Near(e.Matsuda, Compute(IndexId.Matsuda, v), what: "Matsuda");
        Golden.Near(e.MatsudaAuc, Compute(IndexId.MatsudaAuc, v), what: "Matsuda AUC");
        Golden.Near(e.Hiri, Compute(IndexId.Hiri, v), what: "HIRI");
        Golden.Near(e.Misi, Compute(IndexId.Misi, v), what: "MISI");
        Golden.Near(e.AdipoIr, Compute(IndexId.AdipoIr, v), what: "Adipo-IR");
        Golden.Near(e.TyG, Compute(IndexId.TyG, v), what: "TyG");
        Golden.Near(e.TgHdl, Compute(IndexId.TgHdl, v), what: "TG/HDL");
        Golden.Near(e.Igi, Compute(IndexId.Igi, v), what: "IGI");
        Golden.Near(e.Di, Compute(IndexId.OralDispositionIndex, v), what: "DIo");
        // No BMI, waist, enzymes or sex in the archetype table: those indices say what is missing.
        Assert.False(IndexCatalogue.Get(IndexId.Fli).Compute(v, Default).IsDefined);
    }

    [Fact]
    public void Archetypes_order_the_tissue_indices_as_the_physiology_says()
    {
        var data = Archetypes.Select(row => (Name: (string)row[0],
            V: Participants.Archetype((double[])row[1], (double[])row[2], (double)row[3], (double)row[4], (double)row[5]))).ToDictionary(x => x.Name, x => x.V);
        double Hiri(string n) => Compute(IndexId.Hiri, data[n])!.Value;
        double Misi(string n) => Compute(IndexId.Misi, data[n])!.Value;
        double Adipo(string n) => Compute(IndexId.AdipoIr, data[n])!.Value;
        Assert.Equal("HepaticDominant", data.Keys.MaxBy(Hiri));
        Assert.Equal("MuscleDominant", data.Keys.MinBy(Misi));
        Assert.Equal("AdiposeDominant", data.Keys.MaxBy(Adipo));
    }

    [Fact]
    public void Every_index_declares_its_units_variant_and_citation()
    {
        Assert.Equal(Enum.GetValues<IndexId>().Length, IndexCatalogue.Count);
        for (var k = 0; k < IndexCatalogue.Count; k++)
        {
            var d = IndexCatalogue.All[k].Definition;
            Assert.Equal((IndexId)k, d.Id);
            Assert.False(string.IsNullOrWhiteSpace(d.Unit));
            Assert.False(string.IsNullOrWhiteSpace(d.InputUnits));
            Assert.False(string.IsNullOrWhiteSpace(d.Variant));
            Assert.False(string.IsNullOrWhiteSpace(d.Citation));
            Assert.True(IndexCatalogue.TryResolve(d.Code, out var found) && found.Definition.Id == d.Id);
        }
    }
}
