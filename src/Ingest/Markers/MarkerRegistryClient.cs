using Cohort.Contracts.Markers;
using Cohort.Domain.Markers;

namespace Cohort.Ingest.Markers;

/// <summary>How the ingest, the export, the dashboard and the CLI read the markers in force: the registry grain's current set, built once per version.</summary>
public static class MarkerRegistryClient
{
    public static async Task<MarkerRegistry> MarkersAsync(this IGrainFactory grains)
    {
        var set = await grains.GetGrain<IMarkerRegistryGrain>(0).Current();
        return MarkerRegistry.WithStudy(set.Version, set.StudyJson);
    }
}
