using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Cohort.Dashboard.Tests;

/// <summary>
/// Phenotype models over HTTP: a Gaussian-mixture fit shows its selection table, membership and continuum test on the page; a model
/// file exported by the API imports back as a new version that reports its agreement with a refit; the API refuses a body that is not
/// JSON with 415 and a model file to an analyst with 403.
/// </summary>
public sealed class PhenotypeRouteTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private HttpClient Client(string? apiKey)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    [Fact]
    public async Task A_mixture_fit_exports_and_imports_back_with_its_evidence_on_the_page()
    {
        var epi = Client(app.EpidemiologistKey);
        var fit = await epi.PostAsync("/api/phenotypes/fit?method=gmm&k=3&families=EEE,VVI", null);
        Assert.Equal(HttpStatusCode.OK, fit.StatusCode);
        var json = await fit.Content.ReadAsStringAsync();
        Assert.Contains("Gaussian mixture", json);

        var page = await (await Client(null).GetAsync("/phenotypes")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"mixture-selection\"", page);
        Assert.Contains("id=\"membership\"", page);
        Assert.Contains("Is there structure at all?", page);
        Assert.Contains("id=\"tissue-rule\"", page);
        Assert.Contains("id=\"phenotype-by-curve-shape\"", page);

        var export = await epi.GetAsync("/api/phenotypes/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);
        var file = await export.Content.ReadAsStringAsync();
        Assert.Contains("\"method\": \"gmm\"", file);

        var wrongType = await epi.PostAsync("/api/phenotypes/import", new StringContent(file, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        var imported = await epi.PostAsync("/api/phenotypes/import?source=the%20same%20cohort", new StringContent(file, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        page = await (await Client(null).GetAsync("/phenotypes")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"transfer\"", page);
        Assert.Contains("the same cohort", page);

        var broken = await epi.PostAsync("/api/phenotypes/import", new StringContent("{\"format\": \"something else\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("format", await broken.Content.ReadAsStringAsync());

        var analyst = await Client(app.AnalystKey).GetAsync("/api/phenotypes/export");
        Assert.Equal(HttpStatusCode.Forbidden, analyst.StatusCode);
    }
}
