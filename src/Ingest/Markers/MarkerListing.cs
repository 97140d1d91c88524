using Cohort.Domain.Markers;

namespace Cohort.Ingest.Markers;

/// <summary>The markers in force, as `GET /api/markers` and `cohort markers list --json` give them: each in the marker-file shape, with its number.</summary>
public sealed record MarkerListing(int Version, IReadOnlyList<MarkerEntry> Markers);
