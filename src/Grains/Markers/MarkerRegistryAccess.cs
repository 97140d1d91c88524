using Cohort.Contracts.Markers;
using Cohort.Domain.Markers;

namespace Cohort.Grains.Markers;

/// <summary>How grains read the markers in force: the registry grain's current set, built once per version.</summary>
internal static class MarkerRegistryAccess
{
    public static async Task<MarkerRegistry> MarkersAsync(this IGrainFactory grains)
    {
        var set = await grains.GetGrain<IMarkerRegistryGrain>(0).Current();
        return MarkerRegistry.WithStudy(set.Version, set.StudyJson);
    }
}
