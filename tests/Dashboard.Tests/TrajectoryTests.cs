using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Cohort.Dashboard.Tests;

/// <summary>The cohort trajectory: a metric's median and quartiles at each visit, overall and per stratum, exactly as the distribution releases them.</summary>
public sealed class TrajectoryTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task Each_visits_median_and_quartiles_are_the_distribution_pages_for_that_visit()
    {
        var client = app.CreateClient();
        using var trajectory = JsonDocument.Parse(await client.GetStringAsync("/api/trajectories?metric=homa_ir&by=sex"));
        var visits = trajectory.RootElement.GetProperty("visits").EnumerateArray().ToArray();
        Assert.Equal(2, visits.Length); // the fixture's cohort has two visits each
        for (var v = 1; v <= visits.Length; v++)
        {
            using var d = JsonDocument.Parse(await client.GetStringAsync($"/api/distribution?metric=homa_ir&by=sex&visit={v}"));
            Assert.Equal(d.RootElement.GetProperty("total").GetProperty("percentiles").GetProperty("p50").GetDouble(),
                visits[v - 1].GetProperty("total").GetProperty("percentiles").GetProperty("p50").GetDouble());
            Assert.Equal($"visit {v}", visits[v - 1].GetProperty("visit").GetString());
        }

        var html = await client.GetStringAsync("/trajectories?metric=homa_ir&by=sex");
        Assert.Contains("<h1>Trajectories: HOMA1-IR</h1>", html, StringComparison.Ordinal);
        var strata = trajectory.RootElement.GetProperty("strata").EnumerateArray().Select(s => s.GetString()!).ToArray();
        Assert.Contains("F", strata);
        // One panel for everyone and one per stratum, each with a text alternative; the table shows each visit's median (quartiles).
        Assert.Equal(strata.Length + 1, html.Split("aria-label=\"").Count(a => a.Contains(": median and interquartile range at each visit", StringComparison.Ordinal)));
        var p = visits[1].GetProperty("total").GetProperty("percentiles");
        string N(string q) => p.GetProperty(q).GetDouble().ToString("0.###", CultureInfo.InvariantCulture);
        Assert.Contains($"{N("p50")} ({N("p25")}–{N("p75")})", WebUtility.HtmlDecode(html), StringComparison.Ordinal);

        var csv = await client.GetAsync("/trajectories.csv?metric=homa_ir&by=sex&sex=F");
        Assert.Equal("trajectory-homa_ir-by-sex_sex-F.csv", csv.Content.Headers.ContentDisposition?.FileName);
        var rows = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("metric,unit,stratum,visit,participants,p25,p50,p75,suppressed,population", rows[0], StringComparison.Ordinal);
        Assert.Equal(2 * 2, rows.Length - 1); // everyone and F, at two visits
    }
}
