namespace Cohort.Domain.Caveats;

/// <summary>A situation in which a number can mislead, in Cohort's own words, with the evidence behind it.</summary>
public sealed record Caveat(string Id, string Title, string Text, string Source);
