using System.Net;
using System.Net.Http.Headers;

namespace Cohort.Dashboard.Tests;

/// <summary>Every page answers in the site's layout with its security headers and no script; refusals and bad requests answer as documented.</summary>
public sealed class DashboardRouteTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    public static TheoryData<string, string> Pages => new()
    {
        { "/", "Cohort overview" },
        { "/distribution", "Distribution: HOMA1-IR" },
        { "/distribution?metric=bmi&by=sex", "Distribution: Body-mass index" },
        { "/homa-ir", "HOMA-IR and its cut-offs" },
        { "/phases", "Glycaemic phases" },
        { "/phenotypes", "Phenotypes" },
        { "/outcomes", "Outcomes: Diagnosis of diabetes" },
        { "/outcomes?event=cardiovascular_event&by=sex", "Outcomes: Cardiovascular event" },
        { "/trajectories?by=phenotype", "Trajectories: HOMA1-IR" },
        { "/homa-ir?sex=F", "HOMA-IR and its cut-offs" },
        { "/login", "Sign in" },
    };

    private HttpClient Browser(string? apiKey = null)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    [Theory, MemberData(nameof(Pages))]
    public async Task A_page_answers_in_the_layout_with_its_headers_and_no_script(string path, string title)
    {
        var response = await Browser().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains($"<h1>{WebUtility.HtmlEncode(title)}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<nav aria-label=\"Main\">", html, StringComparison.Ordinal);
        // The demo banner (aggregates open without sign-in here) sits inside the header landmark, with the navigation.
        Assert.Matches(@"<header>[\s\S]*class=""demo-banner""[\s\S]*</header>\s*<main>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        // The page policy allows no inline style either (a browser refuses it and logs a violation).
        Assert.DoesNotContain(" style=\"", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<!--", html, StringComparison.Ordinal);
        foreach (var razorSource in new[] { "@if", "@(", "@foreach", "<text>" })
            Assert.DoesNotContain(razorSource, html, StringComparison.Ordinal);
        Assert.Equal(Access.SecurityHeaders.PagePolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Markup_in_a_data_file_is_shown_as_text()
    {
        foreach (var by in new[] { "site", "ethnicity" })
        {
            var html = await (await Browser().GetAsync($"/distribution?by={by}")).Content.ReadAsStringAsync();
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            var shown = WebUtility.HtmlEncode(by == "site" ? DashboardApp.HostileSite : DashboardApp.HostileEthnicity);
            Assert.Contains($"<th scope=\"row\">{shown}</th>", html.Replace("&#x27;", "&#39;"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_page_for_engineers_sends_a_visitor_to_sign_in_and_tells_an_analyst_which_role_it_needs()
    {
        var anonymous = await Browser().GetAsync("/ingest");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/login?return=%2Fingest", anonymous.Headers.Location?.OriginalString);

        var analyst = await Browser(app.AnalystKey).GetAsync("/ingest");
        var html = await analyst.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, analyst.StatusCode);
        Assert.Contains("<h1>Not allowed</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<p role=\"alert\">Your account (analyst1) may not open this page: it needs", html, StringComparison.Ordinal);
        Assert.Contains("<nav aria-label=\"Main\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_answers_refusals_and_bad_parameters_with_problem_documents()
    {
        var client = app.CreateClient();
        var anonymous = await client.GetAsync("/api/ingest/runs");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        var bad = await client.GetAsync("/api/distribution?metric=no_such_metric");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("no_such_metric", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A path that is no endpoint falls under the admin-only fallback policy: nobody learns which paths exist without signing in.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/no-such-page")).StatusCode);

        // A body that is not JSON is named as such (not an empty 400); a body of the wrong type is a 415, not a refusal.
        using var engineer = app.CreateClient();
        engineer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.EngineerKey);
        var broken = await engineer.PostAsync("/api/ingest/schedules", new StringContent("{\"name\": \"nightly\", ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("application/problem+json", broken.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not valid JSON", await broken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var wrongType = await engineer.PostAsync("/api/ingest/schedules", new StringContent("name=nightly", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal("application/problem+json", wrongType.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("role", await wrongType.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_parameter_on_a_page_answers_in_the_layout_with_the_message()
    {
        var response = await Browser().GetAsync("/distribution?metric=no_such_metric");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<nav aria-label=\"Main\">", html, StringComparison.Ordinal);
        Assert.Contains("no_such_metric", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign out", html, StringComparison.Ordinal);

        // A signed-in user's error pages keep their layout: their name and the sign-out button, for a bad parameter and for a 404.
        foreach (var path in new[] { "/distribution?metric=no_such_metric", "/no-such-page" })
        {
            var signedIn = await (await Browser(app.AnalystKey).GetAsync(path)).Content.ReadAsStringAsync();
            Assert.Contains("analyst1", signedIn, StringComparison.Ordinal);
            Assert.Contains("Sign out", signedIn, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_prevalence_names_its_interval_method_and_standard_and_refuses_unknown_ones()
    {
        var client = app.CreateClient();
        var ok = await client.GetAsync("/api/prevalence?condition=phase:normal&method=Clopper-Pearson&standard=us2000");
        var body = await ok.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("\"method\":\"Clopper–Pearson 95%\"", body, StringComparison.Ordinal);
        Assert.Contains("\"standard\":\"US2000\"", body, StringComparison.Ordinal);
        foreach (var (query, parameter) in new[] { ("method=exact", "method"), ("standard=WHO2000", "standard") })
        {
            var bad = await client.GetAsync($"/api/prevalence?condition=phase:normal&{query}");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains($"parameter '{parameter}' must be", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_numbers_behind_a_page_download_as_csv_and_json()
    {
        var client = app.CreateClient();
        var csv = await client.GetAsync("/distribution.csv?metric=homa_ir&by=sex");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("distribution-homa_ir-baseline.csv", csv.Content.Headers.ContentDisposition?.FileName);
        Assert.StartsWith("section,stratum,name,from,to,value", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var json = await client.GetAsync("/api/distribution?metric=homa_ir&by=sex");
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/phases.csv?sex=F&from=1", "/phases.zip?sex=F&from=1")]
    [InlineData("/homa-ir.csv?cutoff=2.5", "/homa-ir.zip?cutoff=2.5")]
    public async Task A_download_that_became_a_zip_redirects_from_its_old_address_with_its_query(string old, string moved)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync(old);
        Assert.Equal(System.Net.HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(moved, response.Headers.Location?.OriginalString);
        var followed = await app.CreateClient().GetAsync(old);
        Assert.Equal("application/zip", followed.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/distribution", "metric=bmi&visit=latest&by=site&")]
    [InlineData("/homa-ir", "cutoff=2.5&")]
    [InlineData("/phases", "from=1&to=2&")]
    [InlineData("/outcomes", "event=death&")]
    public async Task A_statistics_page_states_its_filters_and_its_form_keeps_them(string path, string others)
    {
        var html = await (await Browser().GetAsync($"{path}?{others}sex=F&age_band=40-49,50-59&site=North%20Clinic")).Content.ReadAsStringAsync();
        Assert.Contains("<strong id=\"population\">sex F; age band 40-49, 50-59; site North Clinic</strong>", html, StringComparison.Ordinal);
        Assert.Contains(" — sex F; age band 40-49, 50-59; site North Clinic · Cohort</title>", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        // The page's own form carries every filter as a control, ticked as given, so "Show" keeps them.
        var form = html[html.IndexOf("<form class=\"controls\" method=\"get\"", StringComparison.Ordinal)..];
        form = form[..form.IndexOf("</form>", StringComparison.Ordinal)];
        foreach (var ticked in new[] { "name=\"sex\" value=\"F\" checked", "name=\"age_band\" value=\"40-49\" checked", "name=\"age_band\" value=\"50-59\" checked" })
            Assert.Contains(ticked, form, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"sex\" value=\"M\" checked", form, StringComparison.Ordinal);
        Assert.Contains("name=\"site\" value=\"North Clinic\"", form, StringComparison.Ordinal);
        foreach (var group in new[] { "category", "phase", "phenotype", "curve_shape", "ethnicity" })
            Assert.Contains($"name=\"{group}\"", form, StringComparison.Ordinal);
        // Parameters the form has no control for travel as hidden fields; "show everyone" keeps them and drops the filters.
        foreach (var kept in new[] { "from", "to" }.Where(k => others.Contains(k + "=", StringComparison.Ordinal)))
            Assert.Contains($"<input type=\"hidden\" name=\"{kept}\"", form, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{path}?{others.TrimEnd('&')}\">show everyone</a>", WebUtility.HtmlDecode(html), StringComparison.Ordinal);

        // What "Show" sends when the text fields are left blank: blank means no filter; every filter has a control, none is lost.
        var shown = await Browser().GetAsync($"{path}?{others}sex=F&site=&ethnicity=&Age_Band_At_Visit=40-49");
        var again = await shown.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("<strong id=\"population\">sex F; age band at visit 40-49</strong>", again, StringComparison.Ordinal);
        Assert.Contains("name=\"age_band_at_visit\" value=\"40-49\" checked", again, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"hidden\" name=\"Age_Band_At_Visit\"", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_download_names_its_filters_in_the_file_name_and_on_every_row()
    {
        var csv = await app.CreateClient().GetAsync("/distribution.csv?metric=homa_ir&sex=F&age_band=<20,80%2B");
        Assert.Equal("distribution-homa_ir-baseline_sex-F_age_band-under20+80plus.csv", csv.Content.Headers.ContentDisposition?.FileName);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var population = Array.IndexOf(lines[0].Split(','), "population");
        Assert.True(population > 0);
        Assert.All(lines.Skip(1), l => Assert.Contains("\"sex F; age band <20, 80+\"", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outcomes_download_as_csv_and_json_and_an_unknown_event_is_named()
    {
        var client = app.CreateClient();
        var csv = await client.GetAsync("/outcomes.csv?event=cardiovascular_event");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("outcomes-cardiovascular_event-by-phenotype.csv", csv.Content.Headers.ContentDisposition?.FileName);
        Assert.StartsWith("section,event,stratum,year,participants,events,person_years", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var json = await client.GetAsync("/api/outcomes?event=cardiovascular_event&reference=mixed");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Contains("\"followUp\"", await json.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var bad = await client.GetAsync("/api/outcomes?event=heart_thing");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("unknown event 'heart_thing' in parameter 'event'", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_engineer_declares_study_markers_through_the_api_and_everyone_can_list_them()
    {
        var anonymous = app.CreateClient();
        var listed = await anonymous.GetStringAsync("/api/markers");
        Assert.Contains("\"code\": \"c_peptide\"", listed.Replace("\":\"", "\": \""), StringComparison.Ordinal);
        var file = """[ { "code": "m_value", "name": "M-value (clamp)", "unit": "mg/kg/min", "reject": [0, 30], "citation": "DeFronzo 1979" } ]""";
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/markers", new StringContent(file, System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        var analyst = Browser(app.AnalystKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync("/api/markers", new StringContent(file, System.Text.Encoding.UTF8, "application/json"))).StatusCode);

        var engineer = app.CreateClient();
        engineer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.EngineerKey);
        var wrongType = await engineer.PostAsync("/api/markers", new StringContent(file, System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        var badUnit = await engineer.PostAsync("/api/markers", new StringContent(file.Replace("mg/kg/min", "mg per kg"), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badUnit.StatusCode);
        Assert.Contains("unknown unit 'mg per kg': not a UCUM expression", await badUnit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var declared = await engineer.PostAsync("/api/markers", new StringContent(file, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        Assert.Contains("added 'm_value'", await declared.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("m_value", await anonymous.GetStringAsync("/api/markers"), StringComparison.Ordinal);
        Assert.Contains("M-value (clamp)", await (await Browser().GetAsync("/distribution?metric=m_value")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
