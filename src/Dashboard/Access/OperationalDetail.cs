using System.Security.Claims;
using Cohort.Contracts.Access;
using Cohort.Contracts.Queries;

namespace Cohort.Dashboard.Access;

/// <summary>
/// What of the platform's workings a viewer may see. Client file paths, file hashes, trace ids, messages and data-quality detail of
/// ingest runs, the store's location and the silos' addresses are for engineers and admins; everyone else sees that a run happened,
/// when, its status and its row counts, and whether the platform is healthy.
/// </summary>
internal static class OperationalDetail
{
    public static bool Sees(ClaimsPrincipal user) => AccessPolicies.Holds(user, Role.Engineer) || AccessPolicies.Holds(user, Role.Admin);

    public static CohortOverview ForViewer(CohortOverview o, ClaimsPrincipal user) =>
        Sees(user) || o.LastIngest is not { } run ? o : o with
        {
            LastIngest = run with { Files = [], Inputs = null, TraceId = null, Message = null, Quality = null, Schedule = null, ReplayOf = null },
        };
}
