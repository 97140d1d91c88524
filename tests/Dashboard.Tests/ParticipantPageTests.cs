using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cohort.Dashboard.Tests;

/// <summary>The participant page: an epidemiologist reads one participant's visits, indices and observations; others cannot; an unknown id is a 404 page.</summary>
public sealed class ParticipantPageTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private HttpClient Browser(string? apiKey = null)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    [Fact]
    public async Task An_epidemiologist_reads_a_participants_visits_indices_and_observations_with_the_run_of_each()
    {
        var client = Browser(app.EpidemiologistKey);
        var response = await client.GetAsync("/participants/P0000010");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Participant P0000010</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        // The page shows what the API's view of the same participant holds: every visit date, every defined HOMA-IR, every run.
        using var api = JsonDocument.Parse(await client.GetStringAsync("/api/participants/P0000010"));
        var visits = api.RootElement.GetProperty("visits").EnumerateArray().ToArray();
        Assert.Equal(2, visits.Length);
        foreach (var v in visits)
        {
            Assert.Contains($"<th scope=\"row\">{v.GetProperty("date").GetString()}", html, StringComparison.Ordinal);
            var homa = v.GetProperty("indices").EnumerateArray().First(i => i.GetProperty("code").GetString() == "homa_ir");
            Assert.Contains(homa.GetProperty("value").ValueKind == JsonValueKind.Number
                ? Rendering.Format.N(homa.GetProperty("value").GetDouble())
                : $"undefined: {WebUtility.HtmlEncode(homa.GetProperty("undefinedReason").GetString())}", html, StringComparison.Ordinal);
        }
        var runs = api.RootElement.GetProperty("observations").EnumerateArray().Select(o => o.GetProperty("run").GetString()).Distinct().ToArray();
        Assert.NotEmpty(runs);
        foreach (var run in runs) Assert.Contains($"<code>{run}</code>", html, StringComparison.Ordinal);
        var observations = html[html.IndexOf("<table id=\"observations\">", StringComparison.Ordinal)..];
        Assert.Equal(api.RootElement.GetProperty("observations").GetArrayLength(),
            observations[..observations.IndexOf("</table>", StringComparison.Ordinal)].Split("<tr><th scope=\"row\">").Length - 1);
        // Small charts: one per index with a value and one per fasting marker, each with a text alternative.
        Assert.Contains("aria-label=\"HOMA1-IR at each visit; the values are in the table\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Plasma glucose (fasting) (mmol/L) at each visit; the values are in the table\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_id_is_a_404_page_and_the_lookup_form_opens_a_page_by_id()
    {
        var client = Browser(app.EpidemiologistKey);
        var missing = await client.GetAsync("/participants/P9999999");
        var html = await missing.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("<h1>Not found</h1>", html, StringComparison.Ordinal);
        Assert.Contains("there is no participant &#x27;P9999999&#x27; in this cohort", html, StringComparison.Ordinal);

        var lookup = await client.GetAsync("/participants?id=+P0000010+");
        Assert.Equal(HttpStatusCode.Redirect, lookup.StatusCode);
        Assert.Equal("/participants/P0000010", lookup.Headers.Location?.OriginalString);
        Assert.Contains("<input id=\"participant-id\" name=\"id\"", await client.GetStringAsync("/participants"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_epidemiologist_may_open_a_participant_page()
    {
        Assert.Equal(HttpStatusCode.Redirect, (await Browser().GetAsync("/participants/P0000010")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Browser(app.AnalystKey).GetAsync("/participants/P0000010")).StatusCode);
        // Whether an id exists is participant-level too: an analyst gets the same refusal for an unknown one.
        Assert.Equal(HttpStatusCode.Forbidden, (await Browser(app.AnalystKey).GetAsync("/participants/P9999999")).StatusCode);
        Assert.DoesNotContain("href=\"/participants\"", await Browser(app.AnalystKey).GetStringAsync("/"), StringComparison.Ordinal);
    }
}
