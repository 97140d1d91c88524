using Cohort.Contracts.Participants;

namespace Cohort.Ingest.Ingestion;

/// <summary>Collects one participant's accepted rows of a row group into a columnar batch.</summary>
internal sealed class BatchBuilder
{
    private readonly List<AcceptedRow> _rows = [];

    public void Add(AcceptedRow row) => _rows.Add(row);

    public ParticipantBatch Build(string runId, FactorsUsed factors, Demographics? demographics)
    {
        var n = _rows.Count;
        var spellings = new List<string>();
        var c = new ObservationColumns
        {
            Marker = new byte[n], TakenAt = new long[n], OgttMinute = new short[n], Value = new double[n], RawValue = new double[n],
            RawUnit = new byte[n], Fasting = new sbyte[n], Flags = new byte[n], Run = new ushort[n], Runs = [runId],
        };
        for (var i = 0; i < n; i++)
        {
            var r = _rows[i];
            c.Marker[i] = (byte)r.Marker;
            c.TakenAt[i] = r.TakenAtMs;
            c.OgttMinute[i] = r.OgttMinute;
            c.Value[i] = r.Value;
            c.RawValue[i] = r.RawValue;
            var u = spellings.IndexOf(r.RawUnit);
            if (u < 0) { spellings.Add(r.RawUnit); u = spellings.Count - 1; }
            c.RawUnit[i] = (byte)u;
            c.Fasting[i] = r.Fasting;
            c.Flags[i] = r.Implausible ? ObservationColumns.ImplausibleFlag : (byte)0;
        }
        c.UnitSpellings = [.. spellings];
        return new ParticipantBatch(runId, factors, demographics, c);
    }
}
