using System.Text.Json;
using Cohort.Contracts.Queries;

namespace Cohort.Grains.Tests;

/// <summary>Results as JSON for comparing two clusters: the data version (a run id, different per cluster) left out.</summary>
internal static class Statistics
{
    public static string Json(StratifiedDistribution d) => JsonSerializer.Serialize(d with { Provenance = d.Provenance with { DataVersion = "" } });
    public static string Json(PrevalenceResult p) => JsonSerializer.Serialize(p with { Provenance = p.Provenance with { DataVersion = "" } });
    public static string Json(TransitionResult t) => JsonSerializer.Serialize(t with { Provenance = t.Provenance with { DataVersion = "" } });
    public static string Json(CutoffSensitivity c) => JsonSerializer.Serialize(c with
    {
        Provenance = c.Provenance with { DataVersion = "" },
        PhasesUnderChosenCutoff = c.PhasesUnderChosenCutoff with { Provenance = c.PhasesUnderChosenCutoff.Provenance with { DataVersion = "" } },
    });
}
