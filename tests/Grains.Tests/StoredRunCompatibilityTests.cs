using Cohort.Contracts.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Cohort.Grains.Tests;

/// <summary>A run as versions before the status and trigger enums stored it: the same field ids, status and trigger as strings.</summary>
[GenerateSerializer]
[Alias("Cohort.Grains.Tests.RunSummaryAsStoredBefore")]
public sealed record RunSummaryAsStoredBefore(
    [property: Id(0)] string RunId, [property: Id(1)] string Status, [property: Id(2)] DateTime StartedAt, [property: Id(3)] DateTime FinishedAt,
    [property: Id(4)] IReadOnlyList<string> Files, [property: Id(5)] long RowsRead, [property: Id(6)] long RowsAccepted,
    [property: Id(7)] long RowsRejected, [property: Id(8)] long RowsFlagged, [property: Id(9)] long RowsUnchanged, [property: Id(10)] long RowsAdded,
    [property: Id(11)] long RowsChanged, [property: Id(12)] long ParticipantsTouched, [property: Id(13)] IReadOnlyDictionary<string, long> RejectsByReason,
    [property: Id(14)] string? Message, [property: Id(15)] string? TraceId, [property: Id(16)] string Trigger, [property: Id(17)] string? Schedule,
    [property: Id(18)] IReadOnlyList<IngestedFile>? Inputs, [property: Id(19)] double RejectThreshold, [property: Id(20)] DataQualityReport? Quality,
    [property: Id(21)] string? ReplayOf);

/// <summary>Runs recorded by an earlier version (status and trigger stored as strings) load into today's run summary unchanged.</summary>
public sealed class StoredRunCompatibilityTests
{
    private readonly Serializer _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void A_run_stored_with_string_status_and_trigger_loads_with_both()
    {
        var started = new DateTime(2026, 3, 1, 2, 0, 0, DateTimeKind.Utc);
        var old = new RunSummaryAsStoredBefore("run-1", "rejected", started, started.AddSeconds(42), ["o.parquet"], 1000, 950, 50, 7, 3, 900, 47, 120,
            new Dictionary<string, long> { ["unknown_marker"] = 50 }, "too many rejected rows", "trace", "schedule", "nightly", null, 0.02, null, null);

        var loaded = _serializer.Deserialize<RunSummary>(_serializer.SerializeToArray(old))!;

        Assert.Equal(RunStatus.Rejected, loaded.Status);
        Assert.Equal(RunTrigger.Schedule, loaded.Trigger);
        Assert.Equal(("run-1", 1000L, 950L, 50L, 7L, 3L, 900L, 47L, 120L), (loaded.RunId, loaded.RowsRead, loaded.RowsAccepted, loaded.RowsRejected,
            loaded.RowsFlagged, loaded.RowsUnchanged, loaded.RowsAdded, loaded.RowsChanged, loaded.ParticipantsTouched));
        Assert.Equal(42, loaded.DurationSeconds);
        Assert.Equal(("nightly", 0.02, "too many rejected rows"), (loaded.Schedule, loaded.RejectThreshold, loaded.Message));
        Assert.Equal(50, loaded.RejectsByReason["unknown_marker"]);

        // And today's summary stores the same codes, so it round-trips too.
        var again = _serializer.Deserialize<RunSummaryAsStoredBefore>(_serializer.SerializeToArray(loaded))!;
        Assert.Equal(("rejected", "schedule"), (again.Status, again.Trigger));
    }

    [Fact]
    public void Status_and_trigger_codes_are_spelled_alike_in_json_and_in_store()
    {
        foreach (var status in Enum.GetValues<RunStatus>())
        {
            Assert.Equal($"\"{status.Code()}\"", System.Text.Json.JsonSerializer.Serialize(status));
            Assert.Equal(status, System.Text.Json.JsonSerializer.Deserialize<RunStatus>($"\"{status.Code()}\""));
        }
        foreach (var trigger in Enum.GetValues<RunTrigger>())
            Assert.Equal($"\"{trigger.Code()}\"", System.Text.Json.JsonSerializer.Serialize(trigger));
        Assert.Equal(("succeeded", "schedule"), (RunStatus.Succeeded.Code(), RunTrigger.Schedule.Code()));
    }

    [Fact]
    public void Files_recorded_by_bare_hash_are_keyed_by_role_while_their_run_is_in_the_history_and_role_keyed_ones_then_leave_the_state()
    {
        static RunSummary Run(string id, params IngestedFile[] inputs) => RunHistoryTests.Run(id, RunStatus.Succeeded, inputs);
        var state = new Ingest.IngestRunsState
        {
            // "aa" was read by run-1 as observations and as participants; "bb" by run-2, which left the history; "cc" is role-keyed already.
            Runs = [Run("run-1", new("o", "/o", "observations", "aa", 1), new("p", "/p", "participants", "aa", 1))],
            Ingested = new(StringComparer.Ordinal) { ["aa"] = "run-1", ["bb"] = "run-2", ["observations:cc"] = "run-3" },
        };

        Assert.True(state.KeyLegacyEntriesByRole(state.Runs));

        Assert.Equal(new Dictionary<string, string> { ["observations:aa"] = "run-1", ["participants:aa"] = "run-1", ["bb"] = "run-2", ["observations:cc"] = "run-3" },
            state.Ingested);
        // The history can now drop run-1: the entries no longer need it. Nothing is left to rewrite.
        state.Runs.Clear();
        Assert.False(state.KeyLegacyEntriesByRole(state.Runs));
        Assert.Equal("run-1", state.Ingested[Ingest.IngestedFileGrain.Key("participants", "aa")]);

        // The runs grain then moves the role-keyed entries out of its state, one record per file; "bb" matches nothing and stays.
        Assert.Equal(["observations:aa", "observations:cc", "participants:aa"], state.IngestedToMove.Select(kv => kv.Key).Order());
        Assert.True(state.HasRecordsToMove);
        foreach (var (key, _) in state.IngestedToMove) state.Ingested.Remove(key);
        Assert.False(state.HasRecordsToMove);
    }

    [Fact]
    public void A_run_stored_before_triggers_existed_was_manual() => Assert.Equal(RunTrigger.Manual, RunCodes.ParseTrigger(null));
}
