using Cohort.Contracts.Markers;

namespace Cohort.Grains.Markers;

[GenerateSerializer]
[Alias("Cohort.Grains.Markers.MarkerRegistryState")]
public sealed class MarkerRegistryState
{
    /// <summary>Every version of the study's markers, oldest first; the last is current.</summary>
    [Id(0)] public List<MarkerSetVersion> Versions { get; set; } = [];
}
