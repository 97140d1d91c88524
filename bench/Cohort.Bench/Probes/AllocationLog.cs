using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Cohort.Bench.Probes;

/// <summary>
/// What a run allocates, by type, from the runtime's allocation ticks (one event about every 100 KB allocated, naming the type of the
/// object that crossed the mark, so that a type's share of the ticks estimates its share of the bytes): which objects the collector's
/// work and the process's first-touch page faults come from. Small, large and pinned objects are kept apart.
/// </summary>
internal sealed class AllocationLog : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<(string Type, string Heap), long> _bytes = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is not { } names) return;
        var p = e.Payload!;
        var amount = Convert.ToInt64(p[names.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
        var heap = Convert.ToInt32(p[names.IndexOf("AllocationKind")], System.Globalization.CultureInfo.InvariantCulture) switch { 0 => "small", 1 => "large", _ => "pinned" };
        _bytes.AddOrUpdate(((string)p[names.IndexOf("TypeName")]!, heap), amount, (_, b) => b + amount);
    }

    /// <summary>The types that took the most, largest first, with their estimated megabytes.</summary>
    public IEnumerable<string> Top(int count) =>
        _bytes.OrderByDescending(b => b.Value).Take(count).Select(b => $"{b.Value / 1e6,8:0} MB  {b.Key.Heap,-6} {b.Key.Type}");
}
