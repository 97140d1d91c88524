namespace Cohort.Domain.Progression;

/// <summary>
/// Observed states over a participant's visits (index = visit order; −1 where the state could not be determined), with how many
/// participants share exactly this sequence. Fitting on distinct sequences makes the cost independent of the cohort's size.
/// </summary>
public sealed record ObservedSequence(IReadOnlyList<int> States, double Count);
