namespace Cohort.Ingest.Ingestion;

/// <summary>
/// Whether a held release's batch may give a natural key twice (<see cref="HeldRowGroups.Release"/>). Each row group holds a key once
/// (the validator checked it), so a key can come twice only at a time two row groups share for the participant: a row whose time lies
/// within the span of the participant's rows in earlier row groups may repeat one (a shared time always does; a time between two
/// others only may, and is looked up all the same). Rows come part by part, in order.
/// </summary>
internal sealed class HeldTimes
{
    private readonly int[] _part;
    private readonly long[] _earlierFirst, _earlierLast, _first, _last;
    private readonly bool[] _mayRepeat;

    public HeldTimes(int participants)
    {
        _part = new int[participants];
        Array.Fill(_part, -1);
        (_first, _last) = (new long[participants], new long[participants]);
        _earlierFirst = new long[participants];
        Array.Fill(_earlierFirst, long.MaxValue);
        _earlierLast = new long[participants];
        Array.Fill(_earlierLast, long.MinValue);
        _mayRepeat = new bool[participants];
    }

    /// <summary>A row of participant <paramref name="slot"/> from part <paramref name="part"/> taken at <paramref name="time"/>.</summary>
    public void Add(int slot, int part, long time)
    {
        if (_part[slot] != part)
        {
            if (_part[slot] >= 0)
            {
                _earlierFirst[slot] = Math.Min(_earlierFirst[slot], _first[slot]);
                _earlierLast[slot] = Math.Max(_earlierLast[slot], _last[slot]);
            }
            (_part[slot], _first[slot], _last[slot]) = (part, time, time);
        }
        else (_first[slot], _last[slot]) = (Math.Min(_first[slot], time), Math.Max(_last[slot], time));
        if (time >= _earlierFirst[slot] && time <= _earlierLast[slot]) _mayRepeat[slot] = true;
    }

    public bool MayRepeat(int slot) => _mayRepeat[slot];
}
