using Cohort.Contracts.Queries;
using Cohort.Domain.Markers;

namespace Cohort.Grains.Shards;

/// <summary>Writes participant summaries into a <see cref="ShardState"/>'s columns: slot lookup, growth, change detection, trimming.</summary>
internal sealed class ShardColumns(ShardState state)
{
    private static readonly int BuiltInMarkers = MarkerCatalogue.All.Count;
    private readonly Dictionary<string, int> _slots = Enumerable.Range(0, state.Count).ToDictionary(i => state.Ids[i], StringComparer.Ordinal);
    private readonly Dictionary<string, ushort> _codes = state.Dictionary.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => (ushort)x.i, StringComparer.Ordinal);

    public ShardState State => state;

    /// <summary>
    /// Brings a blob written by an earlier version up to the current columns: metrics and markers added since (appended to the
    /// catalogues) start missing (an empty metric column reads as NaN), visit flags start clear, phenotype columns start unassigned.
    /// Re-ingesting with --force fills the new metrics.
    /// </summary>
    public static ShardState Upgrade(ShardState state)
    {
        var n = state.Ids.Length;
        if (state.ObservationsByMarker.Length < BuiltInMarkers)
            state.ObservationsByMarker = [.. state.ObservationsByMarker, .. Enumerable.Range(0, BuiltInMarkers - state.ObservationsByMarker.Length).Select(_ => new int[n])];
        foreach (var c in state.ByVisit)
            if (c.Flags.Length != c.Day.Length) { var f = c.Flags; Array.Resize(ref f, c.Day.Length); c.Flags = f; }
        foreach (var c in state.ByVisit)
            if (c.CurveShape.Length != c.Day.Length) { var s = c.CurveShape; Array.Resize(ref s, c.Day.Length); c.CurveShape = s; }
        if (state.Phenotype.Length != n) { var p = state.Phenotype; Array.Resize(ref p, n); state.Phenotype = p; }
        if (state.PhenotypeCluster.Length != n) state.PhenotypeCluster = new byte[n];
        if (state.PhenotypeCoverage.Length != n) state.PhenotypeCoverage = new byte[n];
        if (state.PhenotypeDistance.Length != n) { state.PhenotypeDistance = new float[n]; Array.Fill(state.PhenotypeDistance, float.NaN); }
        if (state.PhenotypeMargin.Length != n) { state.PhenotypeMargin = new float[n]; Array.Fill(state.PhenotypeMargin, float.NaN); }
        if (state.PhenotypeProbability.Length != n) { state.PhenotypeProbability = new float[n]; Array.Fill(state.PhenotypeProbability, float.NaN); }
        if (state.TissueRule.Length != n) state.TissueRule = new byte[n];
        if (state.FastingSurveyWeight.Length != n) { state.FastingSurveyWeight = new float[n]; Array.Fill(state.FastingSurveyWeight, float.NaN); }
        if (state.RecordKey.Length != n) state.RecordKey = new uint[n];
        if (state.LastEventDay.Length != n) state.LastEventDay = new int[n];
        while (state.EventFirstDay.Count < state.EventCodes.Count) state.EventFirstDay.Add(new int[n]);
        if (state.SurveyStratum.Length != n || state.SurveyPsu.Length != n)
        {
            // Written before designs were kept: nobody has one (the empty string's code).
            var none = (ushort)state.Dictionary.IndexOf("");
            if (state.Dictionary.IndexOf("") < 0) { state.Dictionary.Add(""); none = (ushort)(state.Dictionary.Count - 1); }
            state.SurveyStratum = new ushort[n];
            state.SurveyPsu = new ushort[n];
            Array.Fill(state.SurveyStratum, none);
            Array.Fill(state.SurveyPsu, none);
        }
        return state;
    }
    public int Count => state.Count;

    /// <summary>The slot of a participant the shard holds.</summary>
    public bool TryGetSlot(string participantId, out int slot) => _slots.TryGetValue(participantId, out slot);

    /// <summary>Writes a summary into its slot; returns false when the slot already held exactly these values.</summary>
    public bool Upsert(ParticipantSummary s, out int slot)
    {
        if (!_slots.TryGetValue(s.ParticipantId, out slot))
        {
            slot = state.Count;
            EnsureCapacity(slot + 1);
            _slots[s.ParticipantId] = slot;
            state.Ids[slot] = s.ParticipantId;
            state.Count++;
        }
        else if (Holds(slot, s)) return false;
        state.Sex[slot] = s.Sex;
        state.BirthYear[slot] = s.BirthYear;
        state.Ethnicity[slot] = Code(s.Ethnicity);
        state.Site[slot] = Code(s.Site);
        state.SurveyWeight[slot] = s.SurveyWeight;
        state.FastingSurveyWeight[slot] = s.FastingSurveyWeight;
        state.RecordKey[slot] = s.RecordKey;
        state.SurveyStratum[slot] = Code(s.SurveyStratum ?? "");
        state.SurveyPsu[slot] = Code(s.SurveyPsu ?? "");
        state.Visits[slot] = s.Visits;
        state.Observations[slot] = s.Observations;
        EnsureMarkers(s.ObservationsByMarker.Length);
        for (var m = 0; m < state.ObservationsByMarker.Length; m++) state.ObservationsByMarker[m][slot] = m < s.ObservationsByMarker.Length ? s.ObservationsByMarker[m] : 0;
        var visits = s.AllVisits;
        EnsureVisits(visits.Count);
        for (var k = 0; k < state.ByVisit.Count; k++) Write(state.ByVisit[k], slot, k < visits.Count ? visits[k] : null);
        return true;
    }

    /// <summary>Cuts the arrays to the slots in use (before persisting, so the blob carries no spare capacity).</summary>
    public void Trim() => Resize(state.Count);

    /// <summary>
    /// Makes room for <paramref name="more"/> participants beyond those held; when the columns must grow for them, they grow to
    /// <paramref name="projected"/> beyond those held at once, and at least by half (so that many small runs do not copy the columns
    /// each). A replay that can project how many a run brings saves the dozen doublings (each a copy of every column) that growing one
    /// participant at a time costs.
    /// </summary>
    public void Reserve(int more, int projected)
    {
        if (state.Count + more > state.Ids.Length) Resize(Math.Max(state.Count + Math.Max(more, projected), state.Ids.Length * 3 / 2));
    }

    /// <summary>Trims when more than a tenth of the capacity is spare (after <see cref="Reserve"/>s that overestimated).</summary>
    public void TrimExcess()
    {
        if (state.Ids.Length > state.Count + (state.Count / 10) + 64) Trim();
    }

    private bool Holds(int slot, ParticipantSummary s) =>
        state.Sex[slot] == s.Sex && state.BirthYear[slot] == s.BirthYear && state.Dictionary[state.Ethnicity[slot]] == s.Ethnicity
        && state.Dictionary[state.Site[slot]] == s.Site && state.SurveyWeight[slot].Equals(s.SurveyWeight) && state.FastingSurveyWeight[slot].Equals(s.FastingSurveyWeight) && state.RecordKey[slot] == s.RecordKey && state.Visits[slot] == s.Visits
        && state.Dictionary[state.SurveyStratum[slot]] == (s.SurveyStratum ?? "") && state.Dictionary[state.SurveyPsu[slot]] == (s.SurveyPsu ?? "")
        && state.Observations[slot] == s.Observations && SameCounts(slot, s.ObservationsByMarker)
        && SameVisits(slot, s.AllVisits);

    private bool SameVisits(int slot, IReadOnlyList<VisitSummary> visits)
    {
        if (visits.Count > state.ByVisit.Count) return false;
        for (var k = 0; k < state.ByVisit.Count; k++)
            if (!SameVisit(state.ByVisit[k], slot, k < visits.Count ? visits[k] : null)) return false;
        return true;
    }

    private bool SameCounts(int slot, int[] counts)
    {
        for (var m = 0; m < Math.Max(counts.Length, state.ObservationsByMarker.Length); m++)
            if ((m < state.ObservationsByMarker.Length ? state.ObservationsByMarker[m][slot] : 0) != (m < counts.Length ? counts[m] : 0)) return false;
        return true;
    }

    private static bool SameVisit(ShardVisitColumns c, int slot, VisitSummary? v)
    {
        if (v is null) return c.Day[slot] == 0;
        if (c.Day[slot] != v.Day || c.Category[slot] != v.Category || c.Phase[slot] != v.Phase || c.Flags[slot] != v.Flags || c.CurveShape[slot] != v.CurveShape) return false;
        for (var m = 0; m < Math.Max(c.Metrics.Length, v.Metrics.Length); m++)
            if (!c.Metric(m, slot).Equals(m < v.Metrics.Length ? v.Metrics[m] : float.NaN)) return false;
        return true;
    }

    private static void Write(ShardVisitColumns c, int slot, VisitSummary? v)
    {
        c.Day[slot] = v?.Day ?? 0;
        c.Category[slot] = v?.Category ?? 0;
        c.Phase[slot] = v?.Phase ?? 0;
        c.Flags[slot] = v?.Flags ?? 0;
        c.CurveShape[slot] = v?.CurveShape ?? 0;
        var metrics = v?.Metrics ?? [];
        if (c.Metrics.Length < metrics.Length) c.Metrics = [.. c.Metrics, .. Enumerable.Repeat(Array.Empty<float>(), metrics.Length - c.Metrics.Length)];
        for (var m = 0; m < c.Metrics.Length; m++)
        {
            var value = m < metrics.Length ? metrics[m] : float.NaN;
            if (c.Metrics[m].Length == 0)
            {
                if (float.IsNaN(value)) continue; // the column stays empty until someone in the shard has a value
                c.Metrics[m] = new float[c.Day.Length];
                Array.Fill(c.Metrics[m], float.NaN);
            }
            c.Metrics[m][slot] = value;
        }
    }

    /// <summary>Adds marker count columns up to <paramref name="count"/> (a study marker's number), zero for everyone so far.</summary>
    private void EnsureMarkers(int count)
    {
        if (state.ObservationsByMarker.Length < count)
            state.ObservationsByMarker = [.. state.ObservationsByMarker, .. Enumerable.Range(0, count - state.ObservationsByMarker.Length).Select(_ => new int[state.Ids.Length])];
    }

    private ushort Code(string text)
    {
        if (_codes.TryGetValue(text, out var code)) return code;
        if (state.Dictionary.Count >= ushort.MaxValue) throw new InvalidOperationException("more than 65,535 distinct site or ethnicity values in one shard");
        state.Dictionary.Add(text);
        return _codes[text] = (ushort)(state.Dictionary.Count - 1);
    }

    private void EnsureCapacity(int needed)
    {
        if (state.Ids.Length >= needed && state.ObservationsByMarker.Length >= BuiltInMarkers && state.Phenotype.Length == state.Ids.Length
            && state.PhenotypeCluster.Length == state.Ids.Length) return;
        Resize(Math.Max(needed, Math.Max(64, state.Ids.Length * 2)));
    }

    /// <summary>Adds columns for visit numbers not seen before in this shard (absent for every participant so far).</summary>
    private void EnsureVisits(int count)
    {
        while (state.ByVisit.Count < count)
        {
            var capacity = state.Ids.Length;
            var c = new ShardVisitColumns
            {
                Day = new int[capacity], Category = new byte[capacity], Phase = new byte[capacity], Flags = new ushort[capacity], CurveShape = new byte[capacity],
                Metrics = [],
            };
            state.ByVisit.Add(c);
        }
    }

    private void Resize(int capacity)
    {
        T[] R<T>(T[] a) { var r = a; Array.Resize(ref r, capacity); return r; }
        state.Ids = R(state.Ids);
        state.Sex = R(state.Sex);
        state.BirthYear = R(state.BirthYear);
        state.Ethnicity = R(state.Ethnicity);
        state.Site = R(state.Site);
        state.SurveyWeight = R(state.SurveyWeight);
        state.FastingSurveyWeight = R(state.FastingSurveyWeight);
        state.RecordKey = R(state.RecordKey);
        state.SurveyStratum = R(state.SurveyStratum);
        state.SurveyPsu = R(state.SurveyPsu);
        state.Visits = R(state.Visits);
        state.LastEventDay = R(state.LastEventDay);
        for (var e = 0; e < state.EventFirstDay.Count; e++) state.EventFirstDay[e] = R(state.EventFirstDay[e]);
        state.Observations = R(state.Observations);
        state.Phenotype = R(state.Phenotype);
        state.PhenotypeCluster = R(state.PhenotypeCluster);
        state.PhenotypeCoverage = R(state.PhenotypeCoverage);
        var grownFrom = state.PhenotypeDistance.Length;
        state.PhenotypeDistance = R(state.PhenotypeDistance);
        state.PhenotypeMargin = R(state.PhenotypeMargin);
        state.PhenotypeProbability = R(state.PhenotypeProbability);
        state.TissueRule = R(state.TissueRule);
        if (capacity > grownFrom)
        {
            Array.Fill(state.PhenotypeDistance, float.NaN, grownFrom, capacity - grownFrom);
            Array.Fill(state.PhenotypeMargin, float.NaN, grownFrom, capacity - grownFrom);
            Array.Fill(state.PhenotypeProbability, float.NaN, grownFrom, capacity - grownFrom);
        }
        if (state.ObservationsByMarker.Length < BuiltInMarkers) state.ObservationsByMarker = [.. state.ObservationsByMarker, .. Enumerable.Range(0, BuiltInMarkers - state.ObservationsByMarker.Length).Select(_ => new int[state.Count])];
        state.ObservationsByMarker = [.. state.ObservationsByMarker.Select(R)];
        foreach (var c in state.ByVisit)
        {
            c.Day = R(c.Day);
            c.Category = R(c.Category);
            c.Phase = R(c.Phase);
            c.Flags = R(c.Flags);
            c.CurveShape = R(c.CurveShape);
            c.Metrics = [.. c.Metrics.Select(col =>
            {
                if (col.Length == 0) return col;
                var grown = R(col);
                Array.Fill(grown, float.NaN, Math.Min(col.Length, capacity), Math.Max(0, capacity - col.Length));
                return grown;
            })];
        }
    }
}
