namespace Cohort.Ingest.Ingestion;

/// <summary>
/// Whether a participant's batch in a held release may give a natural key twice (<see cref="HeldRowGroups.Release"/>). Each row group
/// holds a key once (the validator checked it), so a key can come twice only at a time two row groups share for the participant: a
/// row whose time lies within the span of the participant's rows in earlier row groups may repeat one (a shared time always does; a
/// time between two others only may, and is looked up all the same). The participant's rows come part by part, in order.
/// </summary>
internal struct HeldTimes()
{
    private int _part = -1;
    private long _first, _last;
    private long _earlierFirst = long.MaxValue, _earlierLast = long.MinValue;

    public bool MayRepeat { get; private set; }

    /// <summary>The participant's next row, from part <paramref name="part"/>, taken at <paramref name="time"/>.</summary>
    public void Add(int part, long time)
    {
        if (_part != part)
        {
            if (_part >= 0) (_earlierFirst, _earlierLast) = (Math.Min(_earlierFirst, _first), Math.Max(_earlierLast, _last));
            (_part, _first, _last) = (part, time, time);
        }
        else (_first, _last) = (Math.Min(_first, time), Math.Max(_last, time));
        if (time >= _earlierFirst && time <= _earlierLast) MayRepeat = true;
    }
}
