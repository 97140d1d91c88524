namespace Cohort.Contracts.Access;

/// <summary>
/// Source participant ids to pseudonyms, computed in the silo that holds the key (which never leaves it): a stateless worker on
/// every silo. With pseudonymisation off (Cohort:Pseudonymisation:Enabled false) ids come back unchanged.
/// </summary>
[Requires(Role.Engineer)]
[Alias("Cohort.Contracts.Access.IPseudonymGrain")]
public interface IPseudonymGrain : IGrainWithIntegerKey
{
    /// <summary>The pseudonym of every id, in order.</summary>
    [Alias("Map")]
    Task<string[]> Map(string[] sourceIds);

    /// <summary>Whether ids are pseudonymised, and a fingerprint of the key (not the key).</summary>
    [Requires(Role.Analyst)]
    [Alias("Status")]
    Task<PseudonymisationStatus> Status();
}
