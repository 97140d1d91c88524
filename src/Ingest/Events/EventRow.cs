namespace Cohort.Ingest.Events;

/// <summary>One row of an events file as read: where it is, and its participant, event code, date and optional value (null when empty).</summary>
public sealed record EventRow(string File, int RowGroup, long Row, string? ParticipantId, string? Event, DateTime? Date, double? Value)
{
    public IReadOnlyDictionary<string, string?> Raw => new Dictionary<string, string?>
    {
        ["participant_id"] = ParticipantId,
        ["event"] = Event,
        ["date"] = Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["value"] = Value?.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
    };
}
