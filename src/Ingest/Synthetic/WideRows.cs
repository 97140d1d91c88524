namespace Cohort.Ingest.Synthetic;

/// <summary>A column buffer of wide-layout rows (participant, visit date, one value per mapped column).</summary>
internal sealed class WideRows
{
    public readonly List<string?> ParticipantId = [];
    public readonly List<DateTime?> Date = [];
    public readonly List<double?[]> Values = [];

    public int Count => ParticipantId.Count;

    public void Add(string? id, DateTime? date, double?[] values)
    {
        ParticipantId.Add(id);
        Date.Add(date);
        Values.Add(values);
    }

    public double?[] Column(int column)
    {
        var a = new double?[Count];
        for (var r = 0; r < a.Length; r++) a[r] = Values[r][column];
        return a;
    }
}
