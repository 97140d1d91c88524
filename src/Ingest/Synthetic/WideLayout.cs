using Cohort.Domain.Markers;
using Cohort.Domain.Units;
using Cohort.Ingest.Layouts;
using Parquet.Schema;

namespace Cohort.Ingest.Synthetic;

/// <summary>The wide layout `cohort synth --layout wide` writes: one row per participant and visit, conventional units, and its mapping.</summary>
internal static class WideLayout
{
    public const string ParticipantColumn = "participant_id", DateColumn = "visit_date";

    public static readonly (string Column, Marker Marker, Unit Unit, int? Minute, bool? Fasting)[] Columns =
    [
        ("glucose_fasting", Marker.Glucose, Unit.MgPerDl, null, true),
        ("glucose_0", Marker.Glucose, Unit.MgPerDl, 0, true),
        ("glucose_30", Marker.Glucose, Unit.MgPerDl, 30, false),
        ("glucose_60", Marker.Glucose, Unit.MgPerDl, 60, false),
        ("glucose_90", Marker.Glucose, Unit.MgPerDl, 90, false),
        ("glucose_120", Marker.Glucose, Unit.MgPerDl, 120, false),
        ("insulin_fasting", Marker.Insulin, Unit.MicroUnitsPerMl, null, true),
        ("insulin_0", Marker.Insulin, Unit.MicroUnitsPerMl, 0, true),
        ("insulin_30", Marker.Insulin, Unit.MicroUnitsPerMl, 30, false),
        ("insulin_60", Marker.Insulin, Unit.MicroUnitsPerMl, 60, false),
        ("insulin_90", Marker.Insulin, Unit.MicroUnitsPerMl, 90, false),
        ("insulin_120", Marker.Insulin, Unit.MicroUnitsPerMl, 120, false),
        ("hba1c", Marker.HbA1c, Unit.Percent, null, null),
        ("triglycerides", Marker.Triglycerides, Unit.MgPerDl, null, true),
        ("hdl", Marker.Hdl, Unit.MgPerDl, null, true),
        ("alt", Marker.Alt, Unit.UnitsPerL, null, null),
        ("ast", Marker.Ast, Unit.UnitsPerL, null, null),
        ("ggt", Marker.Ggt, Unit.UnitsPerL, null, null),
        ("nefa", Marker.Nefa, Unit.MmolPerL, null, true),
        ("waist", Marker.Waist, Unit.Centimetre, null, null),
        ("bmi", Marker.Bmi, Unit.KgPerM2, null, null),
        ("weight", Marker.Weight, Unit.Kilogram, null, null),
        ("height", Marker.Height, Unit.Centimetre, null, null),
        ("hemoglobin", Marker.Hemoglobin, Unit.GramPerDl, null, null),
    ];

    public static ParquetSchema Schema { get; } = new(
        new Field[]
        {
            new DataField<string>(ParticipantColumn, nullable: true),
            new DateTimeDataField(DateColumn, DateTimeFormat.Date, isNullable: true),
        }.Concat(Columns.Select(c => (Field)new DataField<double?>(c.Column))).ToArray());

    public static WideMapping Mapping { get; } = new(ParticipantColumn, DateColumn,
        Columns.Select(c => new WideColumn(c.Column, MarkerCatalogue.Get(c.Marker).Code, c.Unit.Symbol(), c.Minute, c.Fasting)).ToArray());

    /// <summary>The canonical value of a visit for a wide column, or NaN.</summary>
    public static double ValueOf(SimulatedVisit v, int column)
    {
        var (_, marker, _, minute, _) = Columns[column];
        if (marker is Marker.Glucose or Marker.Insulin)
        {
            var series = marker == Marker.Glucose ? v.Glucose : v.Insulin;
            // The wide layout's fasting columns hold fasting samples only: a sample taken after a meal, or of unknown status, is left out.
            if (minute is null) return v.HasOgtt || v.Fasting != SampleFasting.Fasting ? double.NaN : series[0];
            return v.HasOgtt ? series[Array.IndexOf(SimulatedVisit.OgttMinutes, minute.Value)] : double.NaN;
        }
        if (v.Fasting != SampleFasting.Fasting && MarkerCatalogue.Get(marker).FastingSensitive) return double.NaN;
        return marker switch
        {
            Marker.HbA1c => v.HbA1c,
            Marker.Triglycerides => v.Triglycerides,
            Marker.Hdl => v.Hdl,
            Marker.Alt => v.Alt,
            Marker.Ast => v.Ast,
            Marker.Ggt => v.Ggt,
            Marker.Nefa => v.Nefa,
            Marker.Waist => v.Waist,
            Marker.Bmi => v.Bmi,
            Marker.Weight => v.Weight,
            Marker.Height => v.Height,
            _ => v.Hemoglobin,
        };
    }
}
