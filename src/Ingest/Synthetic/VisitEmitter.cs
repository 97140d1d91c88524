using Cohort.Domain.Markers;
using Cohort.Domain.Units;

namespace Cohort.Ingest.Synthetic;

/// <summary>
/// Turns a simulated visit into long-layout rows as its site reports them: converted from canonical units into the site's units,
/// rounded to the laboratory's decimals, timed at 08:00 plus the OGTT minute.
/// </summary>
internal static class VisitEmitter
{
    private static readonly TimeSpan SampleTime = TimeSpan.FromHours(8);

    public static void Emit(SimulatedParticipant p, SimulatedVisit v, UnitConverter converter, ObservationRows rows)
    {
        var site = SiteProfile.Get(p.Site);
        var at = v.Date.Date + SampleTime;
        var body = at.AddDays(v.BodyDelayDays);
        // As the record says: fasting samples true, samples after a meal false, samples with no status empty.
        bool? sampled = v.Fasting switch { SampleFasting.Fasting => true, SampleFasting.NotFasting => false, _ => null };
        if (v.HasOgtt)
        {
            var minutes = v.Ogtt == OgttProtocol.ThreeHour ? SimulatedVisit.ThreeHourMinutes : SimulatedVisit.OgttMinutes;
            for (var k = 0; k < minutes.Length; k++)
            {
                var minute = minutes[k];
                Add(rows, p.Id, at.AddMinutes(minute), Marker.Glucose, v.Glucose[k], site, converter, minute, minute == 0);
                Add(rows, p.Id, at.AddMinutes(minute), Marker.Insulin, v.Insulin[k], site, converter, minute, minute == 0);
            }
        }
        else
        {
            Add(rows, p.Id, at, Marker.Glucose, v.Glucose[0], site, converter, null, sampled);
            Add(rows, p.Id, at, Marker.Insulin, v.Insulin[0], site, converter, null, sampled);
        }
        Add(rows, p.Id, at, Marker.HbA1c, v.HbA1c, site, converter, null, null);
        Add(rows, p.Id, at, Marker.Triglycerides, v.Triglycerides, site, converter, null, sampled);
        Add(rows, p.Id, at, Marker.Hdl, v.Hdl, site, converter, null, sampled);
        Add(rows, p.Id, at, Marker.Alt, v.Alt, site, converter, null, null);
        Add(rows, p.Id, at, Marker.Ast, v.Ast, site, converter, null, null);
        Add(rows, p.Id, at, Marker.Ggt, v.Ggt, site, converter, null, null);
        Add(rows, p.Id, at, Marker.Nefa, v.Nefa, site, converter, null, sampled);
        Add(rows, p.Id, body, Marker.Waist, v.Waist, site, converter, null, null);
        Add(rows, p.Id, body, Marker.Bmi, v.Bmi, site, converter, null, null);
        Add(rows, p.Id, body, Marker.Weight, v.Weight, site, converter, null, null);
        Add(rows, p.Id, body, Marker.Height, v.Height, site, converter, null, null);
        Add(rows, p.Id, at, Marker.Hemoglobin, v.Hemoglobin, site, converter, null, null);
        if (v.Diagnosed)
        {
            AddIndicator(rows, p.Id, at, Marker.GlucoseLoweringMedication, v.GlucoseLoweringMedication);
            AddIndicator(rows, p.Id, at, Marker.InsulinTreatment, v.InsulinTreatment);
        }
    }

    private static void AddIndicator(ObservationRows rows, string id, DateTime at, Marker marker, bool yes) =>
        rows.Add(id, at, MarkerCatalogue.Get(marker).Code, yes ? 1 : 0, "1", null, null);

    /// <summary>
    /// A canonical value as the site would report it, rounded to the laboratory's decimals. Values are first held inside the marker's
    /// reject limits (docs/science.md#plausibility-limits), so a clean row is never physiologically impossible; only injected faults are.
    /// </summary>
    public static double Reported(Marker marker, double canonical, Unit unit, UnitConverter converter)
    {
        var limits = MarkerCatalogue.Get(marker).Limits;
        var span = limits.RejectAbove - limits.RejectBelow;
        var held = Math.Clamp(canonical, limits.RejectBelow + 0.001 * span, limits.RejectAbove - 0.001 * span);
        return Math.Round(converter.FromCanonical(marker, held, unit), SiteProfile.Decimals(marker, unit), MidpointRounding.AwayFromZero);
    }

    private static void Add(ObservationRows rows, string id, DateTime at, Marker marker, double canonical, SiteProfile site,
        UnitConverter converter, int? minute, bool? fasting)
    {
        if (double.IsNaN(canonical)) return;
        var spelling = site.Units[marker];
        UnitSpelling.TryParse(spelling, out var unit);
        rows.Add(id, at, MarkerCatalogue.Get(marker).Code, Reported(marker, canonical, unit, converter), spelling, minute, fasting);
    }
}
