using Cohort.Contracts.Outcomes;

namespace Cohort.Grains.Shards;

/// <summary>
/// The outcome events of a shard's participants: each participant's first date of each event and their latest event date (last contact).
/// An event is taken only for a participant the shard holds and not dated before the participant's birth year; adding the same events
/// again changes nothing (a first date only moves earlier).
/// </summary>
internal sealed class ShardEvents(ShardColumns columns)
{
    public const string UnknownParticipant = "unknown_participant", BeforeBirth = "before_birth";

    private ShardState State => columns.State;

    public EventRejection[] Check(EventRows rows)
    {
        var rejected = new List<EventRejection>();
        for (var i = 0; i < rows.Count; i++)
            if (Reject(rows, i) is { } r) rejected.Add(r);
        return [.. rejected];
    }

    public EventMerge Add(EventRows rows)
    {
        long added = 0, unchanged = 0, extended = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (Reject(rows, i) is not null) continue;
            columns.TryGetSlot(rows.ParticipantId[i], out var slot);
            var first = FirstDays(rows.Event[i]);
            var day = rows.Day[i];
            if (first[slot] == 0 || day < first[slot]) { first[slot] = day; added++; }
            else unchanged++;
            if (day > State.LastEventDay[slot]) { State.LastEventDay[slot] = day; extended++; }
        }
        return new EventMerge(added, unchanged, extended);
    }

    /// <summary>The first-date column of an event code (added, zero for everyone, when the shard has not seen the code).</summary>
    public int[] FirstDays(string code)
    {
        var e = State.EventCodes.IndexOf(code);
        if (e >= 0) return State.EventFirstDay[e];
        State.EventCodes.Add(code);
        State.EventFirstDay.Add(new int[State.Ids.Length]);
        return State.EventFirstDay[^1];
    }

    /// <summary>The first-date column of an event code, or null when no participant of the shard has it.</summary>
    public static int[]? FirstDaysOrNull(ShardState s, string code) => s.EventCodes.IndexOf(code) is var e and >= 0 ? s.EventFirstDay[e] : null;

    private EventRejection? Reject(EventRows rows, int i)
    {
        var id = rows.ParticipantId[i];
        if (!columns.TryGetSlot(id, out var slot))
            return new(i, UnknownParticipant, $"participant '{id}' is not in the cohort (ingest their participants file and observations first)");
        var born = State.BirthYear[slot];
        var date = DateOnly.FromDayNumber(rows.Day[i]);
        return born > 0 && date.Year < born
            ? new(i, BeforeBirth, $"{rows.Event[i]} on {date:yyyy-MM-dd} is dated before the participant's birth year {born}")
            : null;
    }
}
