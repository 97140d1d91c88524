namespace Cohort.Ingest.Synthetic;

/// <summary>A growable column buffer of long-layout observation rows (one Parquet row group's worth).</summary>
internal sealed class ObservationRows
{
    public readonly List<string?> ParticipantId = [];
    public readonly List<DateTime?> TakenAt = [];
    public readonly List<string?> Marker = [];
    public readonly List<double?> Value = [];
    public readonly List<string?> Unit = [];
    public readonly List<int?> OgttMinute = [];
    public readonly List<bool?> Fasting = [];

    public int Count => ParticipantId.Count;

    public void Add(string? participantId, DateTime? takenAt, string? marker, double? value, string? unit, int? ogttMinute, bool? fasting)
    {
        ParticipantId.Add(participantId);
        TakenAt.Add(takenAt);
        Marker.Add(marker);
        Value.Add(value);
        Unit.Add(unit);
        OgttMinute.Add(ogttMinute);
        Fasting.Add(fasting);
    }

    public void CopyFrom(ObservationRows source, int row) =>
        Add(source.ParticipantId[row], source.TakenAt[row], source.Marker[row], source.Value[row], source.Unit[row], source.OgttMinute[row], source.Fasting[row]);
}
