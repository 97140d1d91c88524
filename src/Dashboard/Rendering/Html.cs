using System.Globalization;
using System.Net;
using System.Text;

namespace Cohort.Dashboard.Rendering;

/// <summary>Small helpers for server-rendered HTML: every dynamic string goes through <see cref="E"/>.</summary>
internal static class Html
{
    public static string E(string? s) => WebUtility.HtmlEncode(s ?? "");

    public static string N(double? x, string format = "0.###") => x is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    public static string N(long x) => x.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A released count, or "&lt;threshold" when it was suppressed.</summary>
    public static string C(long? x, int threshold) => x is { } v ? N(v) : $"&lt;{threshold}";

    /// <summary>A count of a table: hidden as a complement reads "hidden†" (it is not small), hidden as small "&lt; threshold".</summary>
    public static string C(long? x, int threshold, bool complement) => x is null && complement ? "hidden†" : C(x, threshold);

    /// <summary>The legend for tables whose cells may be hidden either way.</summary>
    public static string SuppressionLegend(int threshold) =>
        $"""<p class="note">&lt;{threshold}: fewer than {threshold} participants, not shown. hidden†: not small, hidden only so that a small cell in the same row or column cannot be worked out from the totals.</p>""";

    /// <summary>A proportion as a percentage with one decimal.</summary>
    public static string P(double? x) => x is { } v ? (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Page(string title, string active, string body)
    {
        var who = PageContext.Current;
        var sb = new StringBuilder();
        sb.Append($"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)} · Cohort</title>
            <link rel="stylesheet" href="/static/cohort.css">
            <link rel="icon" href="/favicon.svg" type="image/svg+xml">
            </head>
            <body>
            <header><nav aria-label="Main">
            <a class="brand" href="/">Cohort</a>
            {NavLink("/", "Overview", active)}
            {NavLink("/distribution", "Distributions", active)}
            {NavLink("/homa-ir", "HOMA-IR", active)}
            {NavLink("/phases", "Phases", active)}
            {NavLink("/phenotypes", "Phenotypes", active)}
            {(who.Holds(Contracts.Access.Role.Engineer) ? NavLink("/ingest", "Ingest", active) : "")}
            {(who.Holds(Contracts.Access.Role.Admin) ? NavLink("/audit", "Audit", active) + "<a href=\"/orleans\">Operations</a>" : "")}
            <span class="account">{(who.User is { } user
                ? $"{NavLink("/account", user, active)}<form method=\"post\" action=\"/logout\" class=\"inline\">{PageContext.FormToken()}<button type=\"submit\">Sign out</button></form>"
                : NavLink("/login", "Sign in", active))}</span>
            </nav></header>
            {(who.OpenDemo ? "<p class=\"demo-banner\" role=\"note\">Demo mode: the aggregate views are open without signing in (Cohort:Access:AnonymousAggregates). Participant-level data, exports, ingest and administration still need an account.</p>" : "")}
            <main>
            <h1>{E(title)}</h1>
            {body}
            </main>
            <footer><p>Cohort — insulin-resistance cohort analytics. Phenotypes and phases are population patterns, not diagnoses.</p></footer>
            </body>
            </html>
            """);
        return sb.ToString();
    }

    private static string NavLink(string href, string text, string active) =>
        $"""<a href="{href}"{(active == href ? " aria-current=\"page\"" : "")}>{E(text)}</a>""";

    public static string Table(string caption, IEnumerable<string> headers, IEnumerable<IEnumerable<string>> rows, string? id = null) =>
        $"""
        <table{(id is null ? "" : $" id=\"{E(id)}\"")}>
        <caption>{E(caption)}</caption>
        <thead><tr>{string.Concat(headers.Select(h => $"<th scope=\"col\">{E(h)}</th>"))}</tr></thead>
        <tbody>{string.Concat(rows.Select(r => "<tr>" + string.Concat(r.Select((c, i) => i == 0 ? $"<th scope=\"row\">{c}</th>" : $"<td>{c}</td>")) + "</tr>"))}</tbody>
        </table>
        """;
}
