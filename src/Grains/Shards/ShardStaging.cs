using Cohort.Contracts.Outcomes;
using Cohort.Contracts.Queries;

namespace Cohort.Grains.Shards;

/// <summary>
/// What one open run has staged in a shard: each participant's newest summary and the outcome events, held beside the published
/// columns and invisible to queries until the run commits. Durable in the shard's log (<see cref="ShardLog"/>) call by call.
/// </summary>
internal sealed class ShardStaging
{
    private readonly Dictionary<string, ParticipantSummary> _summaries = new(StringComparer.Ordinal);
    private readonly List<EventRows> _events = [];

    public string? Run { get; private set; }

    public IReadOnlyCollection<ParticipantSummary> Summaries => _summaries.Values;

    public IReadOnlyList<EventRows> Events => _events;

    public void Begin(string runId)
    {
        Clear();
        Run = runId;
    }

    public void Add(ParticipantSummary summary) => _summaries[summary.ParticipantId] = summary;

    public bool Holds(string participantId) => _summaries.ContainsKey(participantId);

    public void Add(EventRows rows) => _events.Add(rows);

    /// <summary>Stages <paramref name="runId"/> again from its stored segments, in sequence order (a later summary replaces an earlier).</summary>
    public void Begin(string runId, IEnumerable<ShardSegment> segments)
    {
        Begin(runId);
        foreach (var segment in segments)
        {
            foreach (var s in segment.Summaries) Add(s);
            foreach (var e in segment.Events) Add(e);
        }
    }

    public void Clear()
    {
        Run = null;
        _summaries.Clear();
        _events.Clear();
    }
}
