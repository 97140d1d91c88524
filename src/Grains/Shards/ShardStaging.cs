using Cohort.Contracts.Outcomes;
using Cohort.Contracts.Queries;

namespace Cohort.Grains.Shards;

/// <summary>
/// What one open run has staged in a shard: each participant's newest summary and the outcome events, held beside the published
/// columns and invisible to queries until the run commits. Mirrored into the shard's state when it persists, so that a staged run
/// survives a restart and is applied or dropped then, as the commit log decides.
/// </summary>
internal sealed class ShardStaging(ShardState state)
{
    private readonly Dictionary<string, ParticipantSummary> _summaries =
        state.StagedSummaries.ToDictionary(s => s.ParticipantId, StringComparer.Ordinal);

    public string? Run { get; private set; } = state.StagedRun;

    public IReadOnlyCollection<ParticipantSummary> Summaries => _summaries.Values;

    public IReadOnlyList<EventRows> Events => state.StagedEvents;

    public void Begin(string runId)
    {
        Clear();
        Run = runId;
    }

    public void Add(ParticipantSummary summary) => _summaries[summary.ParticipantId] = summary;

    public bool Holds(string participantId) => _summaries.ContainsKey(participantId);

    public void Add(EventRows rows) => state.StagedEvents.Add(rows);

    /// <summary>Copies the staged summaries into the state about to be persisted (events are kept there already).</summary>
    public void Mirror()
    {
        state.StagedRun = Run;
        state.StagedSummaries = [.. _summaries.Values.OrderBy(s => s.ParticipantId, StringComparer.Ordinal)];
    }

    public void Clear()
    {
        Run = null;
        _summaries.Clear();
        state.StagedRun = null;
        state.StagedSummaries = [];
        state.StagedEvents = [];
    }
}
