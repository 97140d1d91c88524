using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
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
        FormUrlEncodedContent Form(string name, string path, string pace = "") => new(new Dictionary<string, string>
        {
            ["__cohort_af"] = token, ["name"] = name, ["cron"] = "0 3 * * *", ["timezone"] = "Europe/Oslo", ["path"] = path, ["participants"] = Path.Combine(Path.GetDirectoryName(path)!, "participants.parquet"), ["layout"] = "long", ["threshold"] = "0.02",
            ["pace"] = pace,
        });

        var refused = await client.PostAsync("/ingest/schedules", Form("nightly-bad", "/etc/*.parquet"));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("path: &#x27;/etc/*.parquet&#x27; is outside the ingest roots", html, StringComparison.Ordinal);
        Assert.Contains("value=\"nightly-bad\"", html, StringComparison.Ordinal);

        // A pace that is no number, or no positive number, is refused naming the field, and the form keeps what was typed.
        var drop = Path.Combine("drops", "site-f", "observations-*.parquet");
        foreach (var (pace, reason) in new[]
                 {
                     ("fast", "max rows per second: &#x27;fast&#x27; is not a whole number of rows"), ("0", "max rows per second: 0 must be a positive number of rows"),
                     ("-5", "max rows per second: -5 must be a positive number of rows"),
                 })
        {
            var slow = await client.PostAsync("/ingest/schedules", Form("nightly-paced", drop, pace));
            var refusal = await slow.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, slow.StatusCode);
            Assert.Contains(reason, refusal, StringComparison.Ordinal);
            Assert.Contains("value=\"0.02\"", refusal, StringComparison.Ordinal);
            Assert.Contains($"name=\"pace\" inputmode=\"numeric\" size=\"9\" value=\"{pace}\"", refusal, StringComparison.Ordinal);
        }

        var added = await client.PostAsync("/ingest/schedules", Form("nightly-form", drop, "250,000"));
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
            Assert.Contains("at most 250,000 rows a second", row, StringComparison.Ordinal);
            var schedule = Assert.Single((await client.GetFromJsonAsync<System.Text.Json.JsonElement[]>("/api/ingest/schedules"))!,
                s => s.GetProperty("definition").GetProperty("name").GetString() == "nightly-form");
            Assert.Equal(250_000, schedule.GetProperty("definition").GetProperty("maxRowsPerSecond").GetInt64());
        }
        finally
        {
            await client.DeleteAsync("/api/ingest/schedules/nightly-form");
        }
    }

    [GeneratedRegex("name=\"__cohort_af\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
