using Cohort.Contracts.Queries;
using Cohort.Domain.Caveats;

namespace Cohort.Grains.Queries;

/// <summary>Caveats from the catalogue as results carry them.</summary>
internal static class CaveatViews
{
    public static CaveatView[] Of(IEnumerable<Caveat> caveats) => caveats.Select(c => new CaveatView(c.Id, c.Title, c.Text, c.Source)).ToArray();
}
