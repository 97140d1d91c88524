using Cohort.Contracts.Audit;

namespace Cohort.Dashboard.Features.Audit;

/// <summary>Admins only: the audit log (the /audit page; read and verify under /api/audit).</summary>
internal static class AuditEndpoints
{
    private const int PageEntries = 200;

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(AccessPolicies.Administration);
        api.MapGet("/audit", async (HttpRequest request, IGrainFactory grains) =>
        {
            var after = QueryParameters.Integer(request.Query["after"], "after", 0, int.MaxValue) ?? 0;
            var count = QueryParameters.Integer(request.Query["count"], "count", 1, 10_000) ?? 1000;
            return await grains.GetGrain<IAuditLogGrain>(0).Read(after, count);
        }).WithSummary("Audit entries after a sequence number (after, count ≤ 10,000), oldest first, with their hashes.");
        api.MapGet("/audit/verify", (IGrainFactory grains) => grains.GetGrain<IAuditLogGrain>(0).Verify())
            .WithSummary("Verify the whole hash chain: intact, or the first entry that does not fit and why.");
        app.MapGet("/audit", async (IGrainFactory grains) =>
        {
            var log = grains.GetGrain<IAuditLogGrain>(0);
            var check = await log.Verify();
            var newest = await log.Read(Math.Max(0, check.Entries - PageEntries), PageEntries);
            return PageResult.Of<AuditPage>(new { Check = check, Newest = newest });
        }).RequireAuthorization(AccessPolicies.Administration);
    }
}
