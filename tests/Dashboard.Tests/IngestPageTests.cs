using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Cohort.Dashboard.Tests;

/// <summary>The ingest page's schedule form: an engineer adds a schedule from the page; a refused one comes back with the reason and what was typed.</summary>
public sealed partial class IngestPageTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task An_engineer_adds_a_schedule_from_the_page_and_a_refused_one_keeps_the_form()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.EngineerKey);
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var page = await client.GetStringAsync("/ingest");
        var token = WebUtility.HtmlDecode(FormToken().Match(page).Groups[1].Value);
        Assert.NotEmpty(token);
        FormUrlEncodedContent Form(string name, string path) => new(new Dictionary<string, string>
        {
            ["__cohort_af"] = token, ["name"] = name, ["cron"] = "0 3 * * *", ["timezone"] = "Europe/Oslo", ["path"] = path, ["participants"] = Path.Combine(Path.GetDirectoryName(path)!, "participants.parquet"), ["layout"] = "long", ["threshold"] = "0.02",
        });

        var refused = await client.PostAsync("/ingest/schedules", Form("nightly-bad", "/etc/*.parquet"));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("path: &#x27;/etc/*.parquet&#x27; is outside the ingest roots", html, StringComparison.Ordinal);
        Assert.Contains("value=\"nightly-bad\"", html, StringComparison.Ordinal);

        var added = await client.PostAsync("/ingest/schedules", Form("nightly-form", Path.Combine("drops", "site-f", "observations-*.parquet")));
        Assert.True(added.StatusCode == HttpStatusCode.Redirect, await added.Content.ReadAsStringAsync());
        try
        {
            var listed = await client.GetStringAsync("/ingest");
            var row = listed[listed.IndexOf("<th scope=\"row\">nightly-form</th>", StringComparison.Ordinal)..];
            row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
            Assert.Contains("<code>0 3 * * *</code>", row, StringComparison.Ordinal);
            Assert.Contains("Europe/Oslo", row, StringComparison.Ordinal);
            Assert.Contains("not yet", row, StringComparison.Ordinal);
            Assert.Contains("none yet", row, StringComparison.Ordinal);
        }
        finally
        {
            await client.DeleteAsync("/api/ingest/schedules/nightly-form");
        }
    }

    [GeneratedRegex("name=\"__cohort_af\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
