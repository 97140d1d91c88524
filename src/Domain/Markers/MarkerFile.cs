using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cohort.Domain.Units;

namespace Cohort.Domain.Markers;

/// <summary>
/// Reads and checks marker files (a JSON array of <see cref="MarkerEntry"/>): the built-in <c>Data/markers.json</c>, a study's own file,
/// and the study markers as Cohort stores them. Every problem of an entry is reported at once, naming the source and the entry.
/// </summary>
public static partial class MarkerFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^\d{1,6}-\d$")]
    private static partial Regex LoincPattern();

    public static IReadOnlyList<MarkerEntry> Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<MarkerEntry[]>(json, Json)
                ?? throw new MarkerDefinitionException($"{source}: the file holds no array of marker definitions");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}" : "";
            throw new MarkerDefinitionException($"{source}: not a JSON array of marker definitions{where}: {e.Message}");
        }
    }

    public static string Write(IEnumerable<MarkerEntry> entries) => JsonSerializer.Serialize(entries.ToArray(), Json);

    /// <summary>Checks one entry and builds its definition as marker number <paramref name="id"/>; throws naming every problem.</summary>
    public static MarkerDefinition ToDefinition(MarkerEntry e, Marker id, string where, bool builtIn = false)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(e.Code) || !CodePattern().IsMatch(e.Code))
            problems.Add($"code '{e.Code}' must be 1–40 lower-case letters, digits or '_', starting with a letter");
        if (string.IsNullOrWhiteSpace(e.Name)) problems.Add("name is required");
        if (string.IsNullOrWhiteSpace(e.Unit)) problems.Add("unit is required (a UCUM expression such as \"mg/dL\" or \"mg/dL.h\")");
        // Cohort's own units are checked by a test (MarkerRegistryTests): loading the UCUM tables costs half a second, which a silo
        // then paid on its first ingest or query although no study marker was declared.
        else if (!builtIn && !UnitSpelling.TryParse(e.Unit, out _) && !UcumUnits.IsValid(e.Unit))
            problems.Add($"unknown unit '{e.Unit}': not a UCUM expression (UCUM writes mg/dL, mmol/L, mm[Hg], mg/dL.h, 10*9/L)");
        var units = new List<UnitFactor> { UnitFactor.Identity(e.Unit ?? "") };
        foreach (var (spelling, f) in e.Units ?? new Dictionary<string, UnitFactorEntry>())
        {
            if (string.IsNullOrWhiteSpace(spelling)) { problems.Add("units: a spelling is empty"); continue; }
            if (e.Unit is not null && UcumUnits.Key(spelling) == UcumUnits.Key(e.Unit)) { problems.Add($"units: '{spelling}' is the canonical unit itself"); continue; }
            if (units.Any(u => UcumUnits.Key(u.Spelling) == UcumUnits.Key(spelling))) { problems.Add($"units: '{spelling}' is given twice"); continue; }
            if (!(double.IsFinite(f.Multiply) && f.Multiply > 0 && double.IsFinite(f.Divide) && f.Divide > 0 && double.IsFinite(f.Subtract)))
                problems.Add($"units: the factor of '{spelling}' must be a positive finite number");
            if (f.Setting is not null && (!builtIn || f.Setting is not ("glucose" or "insulin")))
                problems.Add($"units: '{spelling}' names setting '{f.Setting}'; only Cohort's glucose and insulin factors are settings");
            units.Add(new UnitFactor(spelling, f.Multiply, f.Divide, f.Subtract, f.Setting));
        }
        var limits = Limits(e, problems);
        var loinc = new List<LoincCode>();
        foreach (var l in e.Loinc ?? [])
        {
            if (!LoincPattern().IsMatch(l.Code) || !LoincCheckDigit(l.Code)) { problems.Add($"loinc: '{l.Code}' is not a LOINC code (digits, '-', a valid check digit)"); continue; }
            if (l.Unit is { } u && !units.Any(x => UcumUnits.Key(x.Spelling) == UcumUnits.Key(u))) problems.Add($"loinc: term {l.Code} is reported in '{u}', which is not a unit of this marker");
            if (l.OgttMinute is < 0 or > 300) problems.Add($"loinc: term {l.Code} has OGTT minute {l.OgttMinute}, outside 0–300");
            loinc.Add(new LoincCode(l.Code, l.Name ?? "", l.Unit, l.OgttMinute, l.Fasting));
        }
        if (e.Indicator && e.Unit != "1") problems.Add("an indicator's unit is \"1\"");
        var signatures = (e.UnitErrors ?? []).Select(s =>
        {
            if (s.Range is not { Count: 2 } || !(s.Range[0] < s.Range[1])) problems.Add($"unitErrors: the range for '{s.Labelled}' must be [low, high]");
            return new UnitErrorSignature(s.Labelled, s.Range is { Count: 2 } ? s.Range[0] : 0, s.Range is { Count: 2 } ? s.Range[1] : 0, s.Likely);
        }).ToArray();
        if (problems.Count > 0)
            throw new MarkerDefinitionException($"{where}: {string.Join("; ", problems)}");
        return new MarkerDefinition(id, e.Code!, e.Name!.Trim(), e.Unit!, units, loinc, limits!, signatures, e.Skewed)
        {
            Indicator = e.Indicator,
            FastingSensitive = e.Fasting,
            Citation = e.Citation?.Trim() ?? "",
        };
    }

    /// <summary>Checks an outcome event entry (<c>"event": true</c>): a code and a name, and nothing a marker has.</summary>
    public static Outcomes.EventDefinition ToEvent(MarkerEntry e, string where)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(e.Code) || !CodePattern().IsMatch(e.Code))
            problems.Add($"code '{e.Code}' must be 1–40 lower-case letters, digits or '_', starting with a letter");
        if (string.IsNullOrWhiteSpace(e.Name)) problems.Add("name is required");
        if (e.Unit is not null || e.Reject is not null || e.Units is not null) problems.Add("an event has no unit or limits (remove \"unit\", \"units\" and \"reject\", or drop \"event\": true)");
        if (problems.Count > 0) throw new MarkerDefinitionException($"{where}: {string.Join("; ", problems)}");
        return new Outcomes.EventDefinition(e.Code!, e.Name!.Trim(), e.Description?.Trim() ?? "", BuiltIn: false);
    }

    public static MarkerEntry ToEntry(Outcomes.EventDefinition d) =>
        new() { Code = d.Code, Name = d.Name, Event = true, Description = d.Description.Length == 0 ? null : d.Description };

    /// <summary>The entry that describes <paramref name="d"/> (for listing and storing), the inverse of <see cref="ToDefinition"/>.</summary>
    public static MarkerEntry ToEntry(MarkerDefinition d)
    {
        var l = d.Limits;
        return new MarkerEntry
        {
            Id = (int)d.Marker,
            Code = d.Code,
            Name = d.Name,
            Unit = d.CanonicalUnit,
            Units = d.Units.Skip(1).ToDictionary(u => u.Spelling, u => new UnitFactorEntry(u.Multiplier, u.Divisor, u.Shift, u.Setting)),
            Loinc = d.Loinc.Select(x => new LoincEntry(x.Code, x.LongName.Length == 0 ? null : x.LongName, x.Unit, x.OgttMinute, x.Fasting)).ToArray(),
            Reject = [Finite(l.RejectBelow), Finite(l.RejectAbove)],
            Flag = l.FlagBelow is null && l.FlagAbove is null ? null : [l.FlagBelow, l.FlagAbove],
            FastingFlag = l.FastingFlagBelow is null && l.FastingFlagAbove is null ? null : [l.FastingFlagBelow, l.FastingFlagAbove],
            OgttFlagAbove = l.OgttFlagAbove,
            RejectAtLowerBound = l.RejectAtLowerBound,
            UnitErrors = d.UnitErrorSignatures.Count == 0 ? null : d.UnitErrorSignatures.Select(s => new UnitErrorEntry(s.LabelledUnit, [s.From, s.To], s.LikelyUnit)).ToArray(),
            Fasting = d.FastingSensitive,
            Skewed = d.Skewed,
            Indicator = d.Indicator,
            Citation = d.Citation.Length == 0 ? null : d.Citation,
        };
    }

    /// <summary>An open end of a range is written as null, as a file gives it (JSON has no infinity).</summary>
    private static double? Finite(double x) => double.IsFinite(x) ? x : null;

    private static PlausibilityLimits? Limits(MarkerEntry e, List<string> problems)
    {
        (double? Low, double? High) Pair(IReadOnlyList<double?>? p, string name)
        {
            if (p is null) return (null, null);
            if (p.Count != 2) { problems.Add($"{name} must be [low, high] (either may be null)"); return (null, null); }
            if (p.Any(x => x is { } v && !double.IsFinite(v))) problems.Add($"{name} must hold finite numbers");
            if (p[0] is { } lo && p[1] is { } hi && !(lo < hi)) problems.Add($"{name}: low {F(lo)} is not below high {F(hi)}");
            return (p[0], p[1]);
        }
        var reject = Pair(e.Reject, "reject");
        if (e.Reject is null) problems.Add("reject is required: [low, high], the values outside which a result is impossible");
        var flag = Pair(e.Flag, "flag");
        var fasting = Pair(e.FastingFlag, "fastingFlag");
        var low = reject.Low ?? double.NegativeInfinity;
        var high = reject.High ?? double.PositiveInfinity;
        foreach (var (name, v) in new[] { ("flag", flag.Low), ("flag", flag.High), ("fastingFlag", fasting.Low), ("fastingFlag", fasting.High), ("ogttFlagAbove", e.OgttFlagAbove) })
            if (v is { } x && !(x > low && x < high)) problems.Add($"{name} limit {F(x)} lies outside the reject range");
        return new PlausibilityLimits(low, high, flag.Low, flag.High, fasting.Low, fasting.High, e.OgttFlagAbove, e.RejectAtLowerBound);
    }

    private static string F(double d) => d.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>LOINC's mod-10 check digit: double every other digit from the right of the base number, sum the digits.</summary>
    public static bool LoincCheckDigit(string code)
    {
        var parts = code.Split('-');
        var sum = 0;
        for (var i = 0; i < parts[0].Length; i++)
        {
            var d = parts[0][parts[0].Length - 1 - i] - '0';
            if (i % 2 == 0) d *= 2;
            sum += d / 10 + d % 10;
        }
        return (10 - sum % 10) % 10 == parts[1][0] - '0';
    }
}
