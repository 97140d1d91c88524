using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;

namespace Cohort.Bench.Probes;

/// <summary>
/// Each garbage collection while it listens, from the runtime's own events: when, which generation, why (the runtime's GC reason:
/// 0 small-object allocation, 4 large-object allocation, 1 induced, ...), the generations' sizes after it and what it promoted from
/// each, and how long the runtime was paused for it. Which collections a run causes, whether the large-object heap's budget or gen-0's
/// triggers its full ones, and which of them cost the most.
/// </summary>
internal sealed class GcLog : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private DateTime _suspended;

    public IEnumerable<string> Lines => _lines;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Informational, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.Payload is not { } p) return;
        if (e.EventName == "GCSuspendEEBegin_V1")
            _suspended = e.TimeStamp;
        else if (e.EventName == "GCRestartEEEnd_V1" && _suspended != default)
            _lines.Enqueue($"  paused {(e.TimeStamp - _suspended).TotalMilliseconds:0} ms");
        else if (e.EventName == "GCStart_V2")
            _lines.Enqueue($"{_clock.Elapsed.TotalSeconds:0.00} s: gen-{p[1]} collection, reason {p[2]}");
        else if (e.EventName == "GCHeapStats_V2")
            _lines.Enqueue($"  after it: gen-0 {Mb(p[0])}, gen-1 {Mb(p[2])}, gen-2 {Mb(p[4])}, large objects {Mb(p[6])} MB; promoted from gen-0 {Mb(p[1])}, gen-1 {Mb(p[3])}, gen-2 {Mb(p[5])}, large objects {Mb(p[7])} MB");
    }

    private static string Mb(object? bytes) => $"{Convert.ToUInt64(bytes, System.Globalization.CultureInfo.InvariantCulture) / 1e6:0}";
}
