namespace Cohort.Domain.Markers;

/// <summary>
/// Cohort's own markers (<see cref="MarkerRegistry.BuiltIn"/>, read from the data file <c>Data/markers.json</c>): codes, units, LOINC
/// terms, limits and their citations. Code that may meet a study's own markers takes a <see cref="MarkerRegistry"/> instead.
/// </summary>
public static class MarkerCatalogue
{
    public static IReadOnlyList<MarkerDefinition> All => MarkerRegistry.BuiltIn.All;

    public static MarkerDefinition Get(Marker marker) => MarkerRegistry.BuiltIn.Get(marker);

    /// <summary>Finds a marker by its canonical code ("glucose") or by one of its LOINC codes ("2345-7"), ignoring case.</summary>
    public static bool TryResolve(string? codeOrLoinc, out MarkerDefinition definition) => MarkerRegistry.BuiltIn.TryResolve(codeOrLoinc, out definition);

    /// <summary>As <see cref="TryResolve(string?, out MarkerDefinition)"/>, also returning the LOINC term when a LOINC code was given.</summary>
    public static bool TryResolve(string? codeOrLoinc, out MarkerDefinition definition, out LoincCode? loinc) =>
        MarkerRegistry.BuiltIn.TryResolve(codeOrLoinc, out definition, out loinc);
}
