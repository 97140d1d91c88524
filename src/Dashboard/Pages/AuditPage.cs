using Cohort.Contracts.Audit;
using static Cohort.Dashboard.Rendering.Html;

namespace Cohort.Dashboard.Pages;

/// <summary>The audit log for admins: the chain's verification first, then the newest entries (who, when, what, target, from where).</summary>
internal static class AuditPage
{
    public static string Render(AuditCheck check, IReadOnlyList<AuditRecord> newest, long total) => Page("Audit log", "/audit", $"""
        <section class="callout" id="verification">
        {(check.Intact
            ? $"<p><strong>Intact</strong>: all {N(check.Entries)} entries are chained by SHA-256; none was changed, removed or reordered.</p>"
            : $"<p role=\"alert\"><strong>Tampered</strong>: entry {check.BrokenAt} does not fit the chain — {E(check.Reason)}. Entries from there on cannot be trusted; restore the store from a backup and investigate.</p>")}
        <p>Every sign-in (and failed or throttled attempt), account change, API key, participant view, export, ingest run, schedule change and
        phenotype fit is appended; nothing is ever updated or removed. JSON: <a href="/api/audit?after=0&amp;count=1000">/api/audit</a>,
        verification <a href="/api/audit/verify">/api/audit/verify</a>.</p>
        </section>
        {Table($"Newest {newest.Count} of {N(total)} entries", ["#", "when (UTC)", "who", "what", "target", "from", "detail"],
            newest.Reverse().Select(r => new[] { N(r.Sequence), E($"{r.At:yyyy-MM-dd HH:mm:ss}"), E(r.Actor), E(r.Action), E(r.Target), E(r.From), E(r.Detail) }), "audit")}
        """);
}
