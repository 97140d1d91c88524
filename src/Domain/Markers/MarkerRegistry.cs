using System.Collections.Frozen;
using System.Text;
using Cohort.Domain.Metrics;
using Cohort.Domain.Outcomes;

namespace Cohort.Domain.Markers;

/// <summary>
/// The markers Cohort accepts: its own, read from the data file <c>Data/markers.json</c> (numbers 0–127), and a study's, declared in
/// the same shape (numbers 128–255, assigned in the order they are declared and never reused). Immutable: a new declaration makes a
/// new registry with the next <see cref="Version"/>. A study marker is a metric of its own at the position of its number, so positions
/// of Cohort's metrics (all below 128) and of study metrics never collide.
/// </summary>
public sealed class MarkerRegistry
{
    public const int FirstStudyId = 128;
    public const int LastStudyId = 255;

    private readonly MarkerDefinition?[] _byId;
    private readonly FrozenDictionary<string, (MarkerDefinition Def, LoincCode? Loinc)> _byCode;
    private readonly Lazy<(IReadOnlyList<Metric> All, FrozenDictionary<string, Metric> ByCode)> _metrics;

    private MarkerRegistry(int version, IReadOnlyList<MarkerDefinition> all, IReadOnlyList<EventDefinition>? studyEvents = null)
    {
        Version = version;
        All = all;
        Events = [.. EventCatalogue.All, .. studyEvents ?? []];
        _byId = new MarkerDefinition?[all.Count == 0 ? 0 : all.Max(d => (int)d.Marker) + 1];
        foreach (var d in all) _byId[(int)d.Marker] = d;
        FastingSensitive = _byId.Select(d => d?.FastingSensitive == true).ToArray();
        Study = all.Where(d => !d.BuiltIn).ToArray();
        _byCode = all.SelectMany(d => d.Loinc.Select(l => (Key: l.Code, Value: (d, (LoincCode?)l))).Append((Key: d.Code, Value: (d, null))))
            .ToFrozenDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        _metrics = new(() =>
        {
            IReadOnlyList<Metric> metrics = [.. MetricCatalogue.All, .. Study.Where(d => !d.Indicator).Select(MetricCatalogue.MarkerMetric)];
            return (metrics, metrics.ToFrozenDictionary(m => m.Code, StringComparer.OrdinalIgnoreCase));
        });
    }

    /// <summary>Cohort's own markers, from the embedded data file.</summary>
    public static MarkerRegistry BuiltIn { get; } = LoadBuiltIn();

    /// <summary>0 for Cohort's own markers alone; each accepted declaration of study markers adds one.</summary>
    public int Version { get; }

    /// <summary>Every marker, by number.</summary>
    public IReadOnlyList<MarkerDefinition> All { get; }

    /// <summary>The study's own markers, by number.</summary>
    public IReadOnlyList<MarkerDefinition> Study { get; }

    /// <summary>The outcome events: Cohort's (<see cref="EventCatalogue"/>) and then the study's.</summary>
    public IReadOnlyList<EventDefinition> Events { get; }

    public bool TryResolveEvent(string? code, out EventDefinition definition)
    {
        definition = Events.FirstOrDefault(e => string.Equals(e.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase))!;
        return definition is not null;
    }

    /// <summary>By marker number: whether the marker depends on fasting (false for a number nobody holds). Read per result by visit assembly.</summary>
    public IReadOnlyList<bool> FastingSensitive { get; }

    /// <summary>One more than the highest marker number: the length of arrays indexed by marker.</summary>
    public int Slots => _byId.Length;

    public bool TryGet(Marker marker, out MarkerDefinition definition)
    {
        definition = (int)marker >= 0 && (int)marker < _byId.Length ? _byId[(int)marker]! : null!;
        return definition is not null;
    }

    public MarkerDefinition Get(Marker marker) =>
        TryGet(marker, out var d) ? d : throw new KeyNotFoundException($"marker number {(int)marker} is not defined in marker registry version {Version}");

    /// <summary>Finds a marker by its code ("glucose", "sspg") or one of its LOINC codes ("2345-7"), ignoring case.</summary>
    public bool TryResolve(string? codeOrLoinc, out MarkerDefinition definition, out LoincCode? loinc)
    {
        definition = null!;
        loinc = null;
        if (string.IsNullOrWhiteSpace(codeOrLoinc) || !_byCode.TryGetValue(codeOrLoinc.Trim(), out var hit)) return false;
        (definition, loinc) = hit;
        return true;
    }

    public bool TryResolve(string? codeOrLoinc, out MarkerDefinition definition) => TryResolve(codeOrLoinc, out definition, out _);

    /// <summary>Every metric: Cohort's (markers, indices, OGTT samples) and then each study marker that is not an indicator.</summary>
    public IReadOnlyList<Metric> Metrics => _metrics.Value.All;

    public bool TryResolveMetric(string? code, out Metric metric)
    {
        metric = null!;
        return code is not null && _metrics.Value.ByCode.TryGetValue(code.Trim(), out metric!);
    }

    /// <summary>A metric's position in the metric arrays of visit summaries: Cohort's by its catalogue, a study marker's by its number.</summary>
    public static int PositionOf(Metric metric) =>
        metric is { Kind: MetricKind.Marker, Marker: { } m } && (int)m >= FirstStudyId ? (int)m : MetricCatalogue.PositionOf(metric);

    /// <summary>The length of a visit's metric array: Cohort's metrics, or up to the highest study marker.</summary>
    public int MetricSlots => _metricSlots ??= Study.Count > 0 ? Study.Max(d => (int)d.Marker) + 1 : MetricCatalogue.All.Count;

    // Worked out on first use, not in the constructor: the built-in registry is made while MetricCatalogue, which reads it, is not yet.
    private int? _metricSlots;

    /// <summary>The study markers as Cohort stores and sends them: a marker file with numbers.</summary>
    public string StudyJson => MarkerFile.Write(Study.Select(MarkerFile.ToEntry).Concat(Events.Where(e => !e.BuiltIn).Select(MarkerFile.ToEntry)));

    private sealed record Memo(int Version, string Json, MarkerRegistry Registry);

    // References are read and written whole, so grains on several threads never see a half-updated memo.
    private static volatile Memo? _last;
    private static volatile MarkerRegistry? _latest;

    /// <summary>The newest registry this process has built (<see cref="BuiltIn"/> before any): a cache, not the source of truth.</summary>
    public static MarkerRegistry Latest => _latest ?? BuiltIn;

    /// <summary>Cohort's markers with the study markers of a stored file (<see cref="StudyJson"/>); the last one built is reused.</summary>
    public static MarkerRegistry WithStudy(int version, string studyJson)
    {
        if (version == 0 || string.IsNullOrWhiteSpace(studyJson)) return BuiltIn;
        if (_last is { } last && last.Version == version && last.Json == studyJson) return last.Registry;
        var entries = MarkerFile.Parse(studyJson, $"study markers (version {version})");
        var study = entries.Where(e => !e.Event)
            .Select(e => MarkerFile.ToDefinition(e, (Marker)(e.Id ?? throw new MarkerDefinitionException($"study marker '{e.Code}' has no number")), $"study marker '{e.Code}'"));
        var events = entries.Where(e => e.Event).Select(e => MarkerFile.ToEvent(e, $"study event '{e.Code}'")).ToArray();
        var registry = new MarkerRegistry(version, [.. BuiltIn.All, .. study], events);
        _last = new Memo(version, studyJson, registry);
        // Only ever forward: two threads building different versions leave the newer one.
        for (var seen = _latest; (seen?.Version ?? 0) < version; seen = _latest)
            if (Interlocked.CompareExchange(ref _latest, registry, seen) == seen) break;
        return registry;
    }

    /// <summary>
    /// Declares study markers: a new code gets the next free number; a code already declared is replaced, except that its unit, its
    /// other units' factors and its limits cannot change while it has observations (<paramref name="observations"/>), since stored values
    /// would silently change meaning. A code or LOINC code of Cohort's own markers is refused. Every problem is reported at once and
    /// nothing is declared when there is any. Returns the new registry (this one when nothing changed) and one line per change.
    /// </summary>
    public MarkerRegistry Declare(IReadOnlyList<MarkerEntry> entries, Func<Marker, long> observations, string source, out IReadOnlyList<string> changes)
    {
        var problems = new List<string>();
        var lines = new List<string>();
        var study = Study.ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase);
        var next = Math.Max(FirstStudyId, study.Count == 0 ? FirstStudyId : study.Values.Max(d => (int)d.Marker) + 1);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var events = Events.Where(e => !e.BuiltIn).ToDictionary(e => e.Code, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var where = $"{source}: entry {i + 1}{(string.IsNullOrWhiteSpace(e.Code) ? "" : $" ('{e.Code}')")}";
            if (e.Code is { } code && !seen.Add(code)) { problems.Add($"{where}: code '{code}' is declared twice in the file"); continue; }
            if (e.Code is { } taken && (e.Event ? BuiltIn.TryResolve(taken, out _) || study.ContainsKey(taken) : EventCatalogue.All.Concat(events.Values).Any(x => x.Code.Equals(taken, StringComparison.OrdinalIgnoreCase))))
            {
                problems.Add($"{where}: '{taken}' is already {(e.Event ? "a marker" : "an event")} code; a code names one thing");
                continue;
            }
            if (e.Event)
            {
                if (EventCatalogue.All.FirstOrDefault(x => x.Code.Equals(e.Code, StringComparison.OrdinalIgnoreCase)) is { } own)
                {
                    problems.Add($"{where}: '{e.Code}' is Cohort's own event ({own.Name}); use it as it is");
                    continue;
                }
                try
                {
                    var ev = MarkerFile.ToEvent(e, where);
                    if (events.TryGetValue(ev.Code, out var declared) && declared == ev) continue;
                    lines.Add(events.ContainsKey(ev.Code) ? $"changed event '{ev.Code}'" : $"added event '{ev.Code}' ({ev.Name})");
                    events[ev.Code] = ev;
                }
                catch (MarkerDefinitionException x) { problems.Add(x.Message); }
                continue;
            }
            if (e.Code is { } c0 && BuiltIn.TryResolve(c0, out var clash))
            {
                problems.Add($"{where}: '{c0}' is {(clash.Code.Equals(c0, StringComparison.OrdinalIgnoreCase) ? "" : "a LOINC code of ")}Cohort's own marker '{clash.Code}' ({clash.Name}); use it, or give your marker another code");
                continue;
            }
            var existing = e.Code is null ? null : study.GetValueOrDefault(e.Code);
            var id = existing?.Marker ?? (Marker)next;
            if (existing is null && next > LastStudyId) { problems.Add($"{where}: a cohort holds at most {LastStudyId - FirstStudyId + 1} study markers"); continue; }
            MarkerDefinition def;
            try { def = MarkerFile.ToDefinition(e with { Id = (int)id }, id, where); }
            catch (MarkerDefinitionException x) { problems.Add(x.Message); continue; }
            var clashes = def.Loinc.Select(l => (l.Code, Owner: BuiltIn.TryResolve(l.Code, out var b) ? b
                    : study.Values.FirstOrDefault(s => !s.Code.Equals(def.Code, StringComparison.OrdinalIgnoreCase) && s.Loinc.Any(x => x.Code == l.Code))))
                .Where(x => x.Owner is not null).ToArray();
            if (clashes.Length > 0)
            {
                problems.AddRange(clashes.Select(x => $"{where}: LOINC code {x.Code} already belongs to marker '{x.Owner!.Code}'"));
                continue;
            }
            if (existing is null)
            {
                lines.Add($"added '{def.Code}' ({def.Name}, {def.CanonicalUnit}) as marker {(int)id}");
                study[def.Code] = def;
                next++;
                continue;
            }
            var before = MarkerFile.Write([MarkerFile.ToEntry(existing)]);
            if (before == MarkerFile.Write([MarkerFile.ToEntry(def)])) continue;
            var meaning = Meaning(existing) != Meaning(def);
            if (meaning && observations(id) is var n and > 0)
            {
                problems.Add($"{where}: '{def.Code}' has {n:N0} stored observations; its unit, factors and limits cannot change (they would change what the stored values mean). Declare a marker with a new code instead");
                continue;
            }
            lines.Add($"changed '{def.Code}'{(meaning ? " (unit, factors or limits; it has no observations)" : " (name, LOINC, citation or skew)")}");
            study[def.Code] = def;
        }
        if (problems.Count > 0) throw new MarkerDefinitionException(string.Join("\n", problems));
        changes = lines;
        return lines.Count == 0 ? this : new MarkerRegistry(Version + 1, [.. BuiltIn.All, .. study.Values.OrderBy(d => d.Marker)],
            events.Values.OrderBy(x => x.Code, StringComparer.Ordinal).ToArray());
    }

    /// <summary>What a stored value means: canonical unit, conversions, limits, fasting and indicator status.</summary>
    private static string Meaning(MarkerDefinition d)
    {
        var sb = new StringBuilder().Append(d.CanonicalUnit).Append('|').Append(d.Limits).Append('|').Append(d.FastingSensitive).Append(d.Indicator);
        foreach (var u in d.Units) sb.Append('|').Append(u);
        return sb.ToString();
    }

    private static MarkerRegistry LoadBuiltIn()
    {
        const string name = "Cohort.Domain.Data.markers.json";
        using var stream = typeof(MarkerRegistry).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException("embedded data file markers.json is missing from Cohort.Domain");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var entries = MarkerFile.Parse(reader.ReadToEnd(), "markers.json");
        var defs = entries.Select((e, i) => e.Id is { } id and >= 0 and < FirstStudyId && id == i
            ? MarkerFile.ToDefinition(e, (Marker)id, $"markers.json: entry {i + 1} ('{e.Code}')", builtIn: true)
            : throw new InvalidOperationException($"markers.json: entry {i + 1} ('{e.Code}') must have id {i}")).ToArray();
        return new MarkerRegistry(0, defs);
    }
}
