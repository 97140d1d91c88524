using System.Globalization;
using Cohort.Domain.Units;

namespace Cohort.Domain.Markers;

/// <summary>
/// Judges a canonical value against the marker's limits (docs/science.md#plausibility-limits). A unit-error signature never decides a verdict on its own;
/// it explains a reject or flag ("a value of 70–300 labelled mmol/L is usually in mg/dL").
/// </summary>
public static class Plausibility
{
    /// <summary>Checks a value of one of Cohort's own markers.</summary>
    public static PlausibilityResult Check(ConvertedValue value, bool fasting = false, int? ogttMinute = null) =>
        Check(MarkerCatalogue.Get(value.Marker), value, fasting, ogttMinute);

    public static PlausibilityResult Check(MarkerDefinition def, ConvertedValue value, bool fasting = false, int? ogttMinute = null)
    {
        var limits = def.Limits;
        var v = value.Value;
        if (!double.IsFinite(v))
            return new(PlausibilityVerdict.Reject, "not_a_number", $"{def.Code} value {Shown(value)} is not a finite number");
        if (def.Indicator && v is not (0 or 1))
            return new(PlausibilityVerdict.Reject, "impossible_value", $"{def.Code} {Shown(value)} is not an indicator value: 1 means yes, 0 means no");
        if (limits.IsBelowRejectFloor(v) || v > limits.RejectAbove)
        {
            var hint = UnitHint(def, value);
            var bound = limits.IsBelowRejectFloor(v)
                ? $"{(limits.RejectAtLowerBound ? "at or below" : "below")} {Fmt(limits.RejectBelow)}"
                : $"above {Fmt(limits.RejectAbove)}";
            return new(PlausibilityVerdict.Reject, hint is null ? "impossible_value" : "unit_mismatch",
                $"{def.Code} {Shown(value)} is physiologically impossible ({bound} {def.CanonicalUnit}){hint}");
        }

        var why = FlagReason(limits, v, fasting || ogttMinute == 0, ogttMinute is > 0);
        return why is null
            ? PlausibilityResult.Accepted
            : new(PlausibilityVerdict.Flag, "implausible_value",
                $"{def.Code} {Shown(value)} is implausible: {why} {def.CanonicalUnit}{UnitHint(def, value)}; check units and fasting status");
    }

    private static string? FlagReason(PlausibilityLimits limits, double v, bool fasting, bool ogtt)
    {
        if (fasting && limits.FastingFlagBelow is { } fb && v < fb) return $"fasting value below {Fmt(fb)}";
        if (fasting && limits.FastingFlagAbove is { } fa && v > fa) return $"fasting value above {Fmt(fa)}";
        if (ogtt && limits.OgttFlagAbove is { } oa && v > oa) return $"OGTT value above {Fmt(oa)}";
        if (limits.FlagBelow is { } lo && v < lo) return $"below {Fmt(lo)}";
        if (limits.FlagAbove is { } hi && v > hi) return $"above {Fmt(hi)}";
        return null;
    }

    private static string? UnitHint(MarkerDefinition def, ConvertedValue value)
    {
        foreach (var s in def.UnitErrorSignatures)
        {
            if (UcumUnits.Key(s.LabelledUnit) == UcumUnits.Key(value.RawUnit) && value.RawValue >= s.From && value.RawValue <= s.To)
                return $"; a value of {Fmt(s.From)}–{Fmt(s.To)} labelled {s.LabelledUnit} is usually in {s.LikelyUnit}";
        }
        return null;
    }

    private static string Shown(ConvertedValue value) => $"{Fmt(value.RawValue)} {value.RawUnit}";

    private static string Fmt(double d) => d.ToString("0.###", CultureInfo.InvariantCulture);
}
