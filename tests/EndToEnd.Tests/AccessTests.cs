using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Cohort.EndToEnd.Tests;

/// <summary>
/// Access control end to end on a real silo process: every route × every role and anonymous; an analyst looking everywhere for a
/// participant-level value; pseudonyms; sign-in throttling; JWT bearer; the CLI at the gateway; security headers, anti-forgery and
/// limits; a fuzz of every query parameter that must never produce a 500.
/// </summary>
[Collection("access")]
public sealed class AccessTests(AccessFixture f) : IClassFixture<AccessFixture>
{
    private const string A = "aggregates", P = "participant-level", I = "ingest", Adm = "administration", S = "signed-in", Open = "open";

    /// <summary>The README's table: who may use what. Policies: aggregates (any role), participant-level (epidemiologist), ingest (engineer), administration (admin).</summary>
    private IEnumerable<(HttpMethod Method, string Path, string Policy)> Routes()
    {
        var run = f.RunId;
        var someone = f.Pseudonyms[0];
        return
        [
            (HttpMethod.Get, "/", A), (HttpMethod.Get, "/distribution?metric=homa_ir", A), (HttpMethod.Get, "/distribution.csv?metric=homa_ir", A),
            (HttpMethod.Get, "/homa-ir", A), (HttpMethod.Get, "/homa-ir.zip", A), (HttpMethod.Get, "/phases", A), (HttpMethod.Get, "/phases.zip", A),
            (HttpMethod.Get, "/phenotypes", A), (HttpMethod.Get, "/api/cohort", A), (HttpMethod.Get, "/api/distribution?metric=glucose&by=sex", A),
            (HttpMethod.Get, "/api/prevalence?condition=phase:compensated", A), (HttpMethod.Get, "/api/homa-ir/cutoffs", A),
            (HttpMethod.Get, "/api/transitions?kind=phase", A), (HttpMethod.Get, "/api/phenotypes", A), (HttpMethod.Get, "/api/phenotypes/compare?a=1&b=1", A),
            (HttpMethod.Get, "/api/phenotypes/table?by=phase", A),
            (HttpMethod.Get, "/api/export", P), (HttpMethod.Get, $"/api/participants/{someone}", P), (HttpMethod.Post, "/api/phenotypes/fit?k=1", P),
            (HttpMethod.Post, "/phenotypes/fit", P), (HttpMethod.Post, "/api/phenotypes/jobs?k=1", P), (HttpMethod.Get, "/api/phenotypes/jobs/fit-nope", P),
            (HttpMethod.Get, "/phenotypes/jobs/fit-nope", P),
            (HttpMethod.Get, "/ingest", I), (HttpMethod.Get, "/api/ingest/runs", I), (HttpMethod.Get, $"/api/ingest/runs/{run}", I),
            (HttpMethod.Get, $"/api/ingest/runs/{run}/quarantine.csv", I), (HttpMethod.Get, $"/api/ingest/runs/{run}/quarantine.parquet", I),
            (HttpMethod.Post, "/api/ingest/runs/no-such-run/replay", I), (HttpMethod.Get, "/api/ingest/schedules", I),
            (HttpMethod.Post, "/api/ingest/schedules", I), (HttpMethod.Delete, "/api/ingest/schedules/no-such-schedule", I),
            (HttpMethod.Get, "/audit", Adm), (HttpMethod.Get, "/api/audit", Adm), (HttpMethod.Get, "/api/audit/verify", Adm), (HttpMethod.Get, "/api/users", Adm),
            (HttpMethod.Post, "/api/users", Adm), (HttpMethod.Post, "/api/users/nobody/disable", Adm), (HttpMethod.Post, "/api/users/nobody/enable", Adm), (HttpMethod.Post, "/api/users/nobody/reset", Adm), (HttpMethod.Post, "/api/users/nobody/keys", Adm),
            (HttpMethod.Get, "/orleans", Adm),
            (HttpMethod.Get, "/account", S),
            (HttpMethod.Get, "/healthz", Open), (HttpMethod.Get, "/login", Open), (HttpMethod.Get, "/api/openapi.json", Open), (HttpMethod.Get, "/static/cohort.css", Open),
        ];
    }

    private static bool Allowed(string policy, string? role) => policy switch
    {
        Open => true,
        A or S => role is not null,
        P => role is "epidemiologist" or "admin-all",
        I => role is "engineer",
        _ => role is "admin",
    };

    private static HttpRequestMessage Request(HttpMethod method, string path) => new(method, path)
    {
        Content = method == HttpMethod.Get || method == HttpMethod.Delete ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
    };

    [Fact]
    public async Task Every_route_allows_exactly_the_roles_of_the_table()
    {
        var wrong = new List<string>();
        foreach (var role in new string?[] { null, "analyst", "epidemiologist", "engineer", "admin" })
        {
            using var client = role is null ? f.Anonymous() : f.As(role);
            foreach (var (method, path, policy) in Routes())
            {
                using var response = await client.SendAsync(Request(method, path));
                var status = (int)response.StatusCode;
                var expected = Allowed(policy, role);
                var denied = status is 401 or 403;
                if (expected == denied || (!expected && status != (role is null ? 401 : 403)) || status >= 500)
                    wrong.Add($"{role ?? "anonymous"} {method} {path}: {status} (expected {(expected ? "allowed" : role is null ? "401" : "403")})");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));

        // A browser without a session is sent to the sign-in page, and back afterwards.
        using var browser = f.Anonymous();
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var page = await browser.GetAsync("/phases?visit=baseline");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login?return=%2Fphases%3Fvisit%3Dbaseline", page.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_analyst_finds_no_participant_level_value_through_any_route()
    {
        using var analyst = f.As("analyst");
        var paths = Routes().Where(r => r.Method == HttpMethod.Get).Select(r => r.Path).ToList();
        foreach (var q in new[] { "", "?by=site", "?by=ethnicity&sex=F", "?visit=latest&by=phenotype", "?visit=1&by=age_band_at_visit", "?cutoff=0.1&by=phase" })
            paths.AddRange(["/api/distribution" + (q.Length == 0 ? "?metric=bmi" : q + "&metric=alt"), "/distribution.csv" + (q.Length == 0 ? "?metric=hba1c" : q + "&metric=hba1c"),
                "/api/prevalence" + (q.Length == 0 ? "?condition=homa_ir>=0.01" : q + "&condition=category:prediabetes"), "/api/phenotypes/table" + q, "/api/homa-ir/cutoffs" + q]);
        paths.AddRange(f.Pseudonyms.Take(5).Select(p => $"/api/participants/{p}"));
        paths.AddRange(f.SourceIds.Take(5).Select(p => $"/api/participants/{p}"));
        paths.AddRange(["/api/export?site=S01", $"/api/ingest/runs/{f.RunId}/quarantine.csv", "/api/audit", "/api/participants/does-not-exist"]);
        var identifiers = f.Pseudonyms.Concat(f.SourceIds).ToArray();
        var leaks = new List<string>();
        foreach (var path in paths)
        {
            var body = await (await analyst.GetAsync(path)).Content.ReadAsStringAsync();
            foreach (var id in identifiers.Where(id => body.Contains(id, StringComparison.Ordinal)))
                leaks.Add($"{path} contains {id}");
        }
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Take(10)));

        // Participant-level routes answer an analyst with the same refusal whether or not the participant exists.
        var known = await (await analyst.GetAsync($"/api/participants/{f.Pseudonyms[1]}")).Content.ReadAsStringAsync();
        var unknown = await (await analyst.GetAsync("/api/participants/pzzzzzzzzzzzzzzzzzzzzzzzz")).Content.ReadAsStringAsync();
        Assert.Equal(Strip(known, f.Pseudonyms[1]), Strip(unknown, "pzzzzzzzzzzzzzzzzzzzzzzzz"));

        // The same check at the gateway: the analyst's API key does not export through the CLI.
        var (exit, _, err) = await Processes.CliWith(new Dictionary<string, string> { ["COHORT_API_KEY"] = f.Keys["analyst"], ["COHORT_USER"] = "" },
            "export", "--out", Path.Combine(Path.GetTempPath(), "never-" + Guid.NewGuid().ToString("N")), "--gateway", f.Silo.Gateway);
        Assert.Equal(1, exit);
        Assert.Contains("epidemiologist role", err);
    }

    [Fact]
    public async Task Analysts_get_perturbed_distributions_and_epidemiologists_exact_ones_each_labelled()
    {
        using var analyst = f.As("analyst");
        using var epidemiologist = f.As("epidemiologist");
        const string path = "/api/distribution?metric=homa_ir&by=sex";
        var perturbed = JsonDocument.Parse(await analyst.GetStringAsync(path)).RootElement;
        var exact = JsonDocument.Parse(await epidemiologist.GetStringAsync(path)).RootElement;
        Assert.StartsWith("perturbed (cell key method", perturbed.GetProperty("disclosure").GetString());
        Assert.Equal("exact", exact.GetProperty("disclosure").GetString());
        // The same query gives the same perturbed numbers every time; the page and the CSV say which numbers they are.
        Assert.Equal(perturbed.GetRawText(), JsonDocument.Parse(await analyst.GetStringAsync(path)).RootElement.GetRawText());
        Assert.Contains("perturbed (cell key method", await analyst.GetStringAsync("/distribution?metric=homa_ir"));
        // Every row of a download says how its numbers were released (the last column).
        var exactRows = (await epidemiologist.GetStringAsync("/distribution.csv?metric=homa_ir")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",suppression_threshold,disclosure", exactRows[0].TrimEnd('\r'));
        Assert.All(exactRows.Skip(1), row => Assert.EndsWith(",exact", row.TrimEnd('\r')));
        Assert.Contains("perturbed (cell key method", await analyst.GetStringAsync("/distribution.csv?metric=homa_ir"));
        var n = exact.GetProperty("total").GetProperty("n").GetInt64();
        Assert.InRange(perturbed.GetProperty("total").GetProperty("n").GetInt64(), n - 2, n + 2);
    }

    [Fact]
    public async Task Run_files_trace_ids_the_store_and_silo_addresses_are_shown_to_engineers_and_admins_only()
    {
        using var analyst = f.As("analyst");
        using var engineer = f.As("engineer");
        var seen = JsonDocument.Parse(await analyst.GetStringAsync("/api/cohort")).RootElement.GetProperty("lastIngest");
        Assert.Equal(0, seen.GetProperty("files").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("traceId").ValueKind);
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("inputs").ValueKind);
        var full = JsonDocument.Parse(await engineer.GetStringAsync("/api/cohort")).RootElement.GetProperty("lastIngest");
        Assert.True(full.GetProperty("files").GetArrayLength() > 0);
        Assert.Equal(full.GetProperty("runId").GetString(), seen.GetProperty("runId").GetString());

        var probe = JsonDocument.Parse(await analyst.GetStringAsync("/healthz")).RootElement;
        Assert.Equal("healthy", probe.GetProperty("status").GetString());
        Assert.False(probe.TryGetProperty("storage", out _));
        Assert.False(probe.TryGetProperty("membership", out _));
        Assert.True(JsonDocument.Parse(await engineer.GetStringAsync("/healthz")).RootElement.TryGetProperty("storage", out _));
    }

    [Fact]
    public async Task Behind_a_configured_proxy_the_session_cookie_is_secure_and_the_forwarded_client_is_recorded()
    {
        async Task<string> SessionCookie(bool viaProxy)
        {
            using var client = f.Anonymous();
            var form = await client.GetStringAsync("/login");
            var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__cohort_af\" value=\"([^\"]+)\"").Groups[1].Value;
            using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__cohort_af"] = token, ["name"] = "ana1", ["password"] = "analyst-secret-pw-x7", ["return"] = "/",
                }),
            };
            if (viaProxy)
            {
                post.Headers.Add("X-Forwarded-Proto", "https");
                post.Headers.Add("X-Forwarded-For", "203.0.113.50");
            }
            var response = await client.SendAsync(post);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cohort_session=", StringComparison.Ordinal));
        }
        Assert.DoesNotContain("secure", await SessionCookie(viaProxy: false), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", await SessionCookie(viaProxy: true), StringComparison.OrdinalIgnoreCase);

        using var admin = f.As("admin");
        var entries = (await admin.GetFromJsonAsync<JsonElement>("/api/audit?after=0&count=10000")).EnumerateArray().ToArray();
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "signin.ok" && e.GetProperty("actor").GetString() == "ana1"
            && e.GetProperty("from").GetString() == "203.0.113.50");
    }

    private static string Strip(string body, string id) =>
        System.Text.RegularExpressions.Regex.Replace(body.Replace(id, "ID"), "\"traceId\":\"[^\"]*\"", "");

    [Fact]
    public async Task Participants_are_stored_under_the_keyed_HMAC_of_their_source_id_and_never_under_the_source_id()
    {
        using var epi = f.As("epidemiologist");
        // The pseudonym the test computes from the documented HMAC with the configured key is the id the store uses.
        var view = await epi.GetFromJsonAsync<JsonElement>($"/api/participants/{f.Pseudonyms[41]}");
        Assert.Equal(f.Pseudonyms[41], view.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await epi.GetAsync($"/api/participants/{f.SourceIds[41]}")).StatusCode);

        // Ingesting the same files again maps every id to the same pseudonym: nothing added, nothing changed.
        var again = await Processes.CliJson("ingest", "--participants", Path.Combine(f.Drop, "participants.parquet"),
            "--observations", Path.Combine(f.Drop, "observations.parquet"), "--gateway", f.Silo.Gateway, "--force");
        Assert.Equal("succeeded", again.GetProperty("status").GetString());
        Assert.Equal(0, again.GetProperty("rowsAdded").GetInt64());
        Assert.Equal(0, again.GetProperty("rowsChanged").GetInt64());
        Assert.Equal(300, (await epi.GetFromJsonAsync<JsonElement>("/api/cohort")).GetProperty("participants").GetInt64());

        // The store's files hold no source id; the quarantine shows pseudonyms.
        foreach (var file in Directory.GetFiles(f.DataDirectory, "cohort.db*"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var id in f.SourceIds.Take(300).Where((_, i) => i % 10 == 0))
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(id)) < 0, $"{Path.GetFileName(file)} contains the source id {id}");
        }
        using var engineer = f.As("engineer");
        var quarantine = await engineer.GetStringAsync($"/api/ingest/runs/{f.RunId}/quarantine.csv");
        Assert.DoesNotContain("P0000", quarantine);
    }

    [Fact]
    public async Task Failed_sign_ins_are_throttled_and_audited()
    {
        // Three free guesses from one address, then growing delays for that account from that address (an owner elsewhere is not
        // slowed: a lockout anyone can cause would be a denial of service; tested at the grain, as every client here is 127.0.0.1).
        using var client = f.Anonymous();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/session", new { name = "eng1", password = $"guess-{i}" })).StatusCode);
        // The fixture's first wait is 60 s, so the fourth try, right password or not, is refused without checking it.
        var throttled = await client.PostAsJsonAsync("/api/session", new { name = "eng1", password = "engineer-secret-pw-x7" });
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.InRange(int.Parse(throttled.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 50, 60);
        // Another account is not affected, and a key of the throttled account still works (throttling guards passwords).
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/session", new { name = "epi1", password = "epidemiologist-secret-pw-x7" })).StatusCode);
        using var keyed = f.Anonymous();
        keyed.DefaultRequestHeaders.Add("X-Api-Key", f.Keys["engineer"]);
        Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync("/api/ingest/runs")).StatusCode);

        using var admin = f.As("admin");
        var log = await admin.GetFromJsonAsync<JsonElement>("/api/audit?after=0&count=10000");
        var entries = log.EnumerateArray().ToArray();
        Assert.Equal(3, entries.Count(e => e.GetProperty("action").GetString() == "signin.failed" && e.GetProperty("target").GetString() == "account:eng1"));
        var locked = entries.Single(e => e.GetProperty("action").GetString() == "signin.throttled");
        Assert.Equal("eng1", locked.GetProperty("actor").GetString());
        Assert.Equal("127.0.0.1", locked.GetProperty("from").GetString());
        Assert.True((await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify")).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task The_audit_log_names_who_did_what_from_where()
    {
        using var epi = f.As("epidemiologist");
        (await epi.GetAsync($"/api/participants/{f.Pseudonyms[7]}")).EnsureSuccessStatusCode();
        (await epi.GetAsync("/api/export?sex=F")).EnsureSuccessStatusCode();
        using var admin = f.As("admin");
        var entries = (await admin.GetFromJsonAsync<JsonElement>("/api/audit?after=0&count=10000")).EnumerateArray().ToArray();
        bool Has(string actor, string action, string? target = null) => entries.Any(e => e.GetProperty("actor").GetString() == actor
            && e.GetProperty("action").GetString() == action && (target is null || e.GetProperty("target").GetString() == target));
        Assert.True(Has("epi1", "participant.view", f.Pseudonyms[7]));
        Assert.True(Has("epi1", "export"));
        Assert.True(Has("epi1", "export.shard"));   // audited at the shards too, so a gateway client calling them directly is recorded
        Assert.True(Has("admin", "ingest.run", f.RunId));
        Assert.True(Has("admin", "user.add", "account:ana1"));
        Assert.True(Has("admin", "key.issue", "account:epi1"));
        Assert.True(Has("epi1", "password.change", "account:epi1"));
        Assert.True(Has("admin", "phenotypes.fit"));
        // What a gateway client says of its host is recorded as a claim, never as a verified origin.
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "ingest.run" && e.GetProperty("from").GetString()!.Contains("the gateway (claimed: cli on", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.GetProperty("from").GetString()!.StartsWith("cli on", StringComparison.Ordinal));
        var page = await admin.GetStringAsync("/audit");
        Assert.Contains("Intact", page);
    }

    [Fact]
    public async Task Institution_tokens_are_accepted_with_their_roles_and_refused_when_forged()
    {
        using var client = f.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AccessFixture.Jwt("dr.who", ["epidemiologist"]));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/participants/{f.Pseudonyms[3]}")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AccessFixture.Jwt("viewer", ["analyst"]));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/cohort")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/participants/{f.Pseudonyms[3]}")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AccessFixture.Jwt("mallory", ["admin"], key: new byte[32]));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/cohort")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AccessFixture.Jwt("mallory", ["admin"], issuer: "https://elsewhere"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/cohort")).StatusCode);
    }

    [Fact]
    public async Task The_gateway_checks_the_CLIs_credential_and_role()
    {
        var none = await Processes.CliWith(new Dictionary<string, string> { ["COHORT_USER"] = "" }, "runs", "--gateway", f.Silo.Gateway);
        Assert.Equal(1, none.Exit);
        Assert.Contains("needs a signed-in account with the ", none.Err);
        Assert.DoesNotContain("Grain", none.Err);
        var analyst = await Processes.CliWith(new Dictionary<string, string> { ["COHORT_USER"] = "", ["COHORT_API_KEY"] = f.Keys["analyst"] }, "users", "list", "--gateway", f.Silo.Gateway);
        Assert.Equal(1, analyst.Exit);
        Assert.Contains("may not do this: it needs the admin role", analyst.Err);
        Assert.DoesNotContain("Grain", analyst.Err);
        var engineer = await Processes.CliWith(new Dictionary<string, string> { ["COHORT_USER"] = "", ["COHORT_API_KEY"] = f.Keys["engineer"] }, "runs", "--gateway", f.Silo.Gateway, "--json");
        Assert.Equal(0, engineer.Exit);
        // An engineer replays a quarantine from the CLI as over HTTP: the replay checks who is enrolled without reading anyone's series.
        // (Threshold 0: the rows fail again for the same reasons, so the run writes nothing and the data version stays.)
        var replay = await Processes.CliWith(new Dictionary<string, string> { ["COHORT_USER"] = "", ["COHORT_API_KEY"] = f.Keys["engineer"] },
            "quarantine", "replay", "--run", f.RunId, "--threshold", "0", "--gateway", f.Silo.Gateway, "--json");
        Assert.DoesNotContain("may not do this", replay.Err);
        Assert.Contains("\"status\"", replay.Out);
        var list = await Processes.CliJson("users", "list", "--gateway", f.Silo.Gateway);
        Assert.Contains(list.EnumerateArray(), a => a.GetProperty("name").GetString() == "ana1" && !a.GetProperty("mustChangePassword").GetBoolean());
    }

    [Fact]
    public async Task An_analyst_reads_the_phenotype_model_from_the_CLI_as_released_on_the_dashboard_and_may_not_fit_one()
    {
        var asAnalyst = new Dictionary<string, string> { ["COHORT_USER"] = "", ["COHORT_API_KEY"] = f.Keys["analyst"] };
        var show = await Processes.CliWith(asAnalyst, "phenotypes", "show", "--gateway", f.Silo.Gateway, "--json");
        Assert.True(show.Exit == 0, show.Err);
        var cli = JsonDocument.Parse(show.Out).RootElement;
        using var analyst = f.As("analyst");
        var api = JsonDocument.Parse(await analyst.GetStringAsync("/api/phenotypes")).RootElement;
        Assert.Equal(api.GetProperty("version").GetInt32(), cli.GetProperty("version").GetInt32());
        string Sizes(JsonElement v) => string.Join(";", v.GetProperty("clusters").EnumerateArray()
            .Select(c => $"{c.GetProperty("label").GetString()}={c.GetProperty("assigned")}/{c.GetProperty("trainingSize")}"));
        Assert.Equal(Sizes(api), Sizes(cli));
        Assert.Equal(api.GetProperty("suppressionThreshold").GetInt32(), cli.GetProperty("suppressionThreshold").GetInt32());
        var text = await Processes.CliWith(asAnalyst, "phenotypes", "show", "--gateway", f.Silo.Gateway);
        Assert.Contains("withheld, as on the dashboard", text.Out);
        var versions = await Processes.CliWith(asAnalyst, "phenotypes", "list", "--gateway", f.Silo.Gateway, "--json");
        Assert.Equal(0, versions.Exit);
        Assert.Contains(JsonDocument.Parse(versions.Out).RootElement.EnumerateArray(), v => v.GetProperty("version").GetInt32() == cli.GetProperty("version").GetInt32());
        Assert.Equal(0, (await Processes.CliWith(asAnalyst, "phenotypes", "presets", "list", "--gateway", f.Silo.Gateway)).Exit);

        var fit = await Processes.CliWith(asAnalyst, "phenotypes", "fit", "--k", "2", "--gateway", f.Silo.Gateway);
        Assert.Equal(1, fit.Exit);
        Assert.Contains("may not do this: it needs the epidemiologist role", fit.Err);
        var export = await Processes.CliWith(asAnalyst, "phenotypes", "export", "--file", Path.Combine(Path.GetTempPath(), "never-written.json"), "--gateway", f.Silo.Gateway);
        Assert.Equal(1, export.Exit);
        Assert.Contains("needs the epidemiologist role", export.Err);
    }

    [Fact]
    public async Task Anyone_changes_their_own_password_from_the_CLI_with_the_current_one()
    {
        var added = await Processes.CliJson("users", "add", "--name", "cli-carol", "--role", "analyst", "--gateway", f.Silo.Gateway);
        var oneTime = added.GetProperty("oneTimePassword").GetString()!;
        var asCarol = new Dictionary<string, string> { ["COHORT_USER"] = "cli-carol", ["COHORT_PASSWORD"] = "" };

        // Before: the one-time password does not open the CLI, and the refusal says how to replace it.
        var before = await Processes.CliWith(new Dictionary<string, string> { ["COHORT_USER"] = "cli-carol", ["COHORT_PASSWORD"] = oneTime }, "markers", "list", "--gateway", f.Silo.Gateway);
        Assert.Equal(1, before.Exit);
        Assert.Contains("cohort account password", before.Err);

        var wrong = await Processes.CliWithInput(asCarol, "not-the-password\ncarols-own-passphrase-9\n", "account", "password", "--gateway", f.Silo.Gateway);
        Assert.Equal(1, wrong.Exit);
        var changed = await Processes.CliWithInput(asCarol, $"{oneTime}\ncarols-own-passphrase-9\n", "account", "password", "--gateway", f.Silo.Gateway);
        Assert.True(changed.Exit == 0, changed.Err);
        Assert.Contains("password of cli-carol is changed", changed.Err);

        var after = await Processes.CliWith(new Dictionary<string, string> { ["COHORT_USER"] = "cli-carol", ["COHORT_PASSWORD"] = "carols-own-passphrase-9" }, "markers", "list", "--gateway", f.Silo.Gateway);
        Assert.True(after.Exit == 0, after.Err);
        var help = await Processes.Cli("account", "password", "--help");
        Assert.Contains("current password proves who asks", help.Out.ReplaceLineEndings(" "));
    }

    [Fact]
    public async Task The_CLI_keeps_its_session_between_calls_in_a_file_only_the_user_can_read()
    {
        var added = await Processes.CliJson("users", "add", "--name", "cli-dave", "--role", "analyst", "--gateway", f.Silo.Gateway);
        var folder = Directory.CreateTempSubdirectory("cohort-cli-session-");
        try
        {
            var asDave = new Dictionary<string, string> { ["COHORT_USER"] = "cli-dave", ["COHORT_PASSWORD"] = "daves-own-passphrase-3", ["COHORT_SESSION_DIR"] = folder.FullName };
            var changed = await Processes.CliWithInput(asDave, $"{added.GetProperty("oneTimePassword").GetString()}\ndaves-own-passphrase-3\n", "account", "password", "--gateway", f.Silo.Gateway);
            Assert.True(changed.Exit == 0, changed.Err);
            for (var i = 0; i < 3; i++)
            {
                var call = await Processes.CliWith(asDave, "markers", "list", "--gateway", f.Silo.Gateway);
                Assert.True(call.Exit == 0, call.Err);
                Assert.Equal("", call.Err);
            }
            // One sign-in for three calls: the token is kept in one file, readable and writable by the user only.
            var kept = Assert.Single(folder.GetFiles("session-*"));
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kept.FullName));
            using var admin = f.As("admin");
            int SignIns(JsonElement[] entries) => entries.Count(e => e.GetProperty("action").GetString() == "signin.ok" && e.GetProperty("target").GetString() == "account:cli-dave");
            var entries = (await admin.GetFromJsonAsync<JsonElement>("/api/audit?after=0&count=10000")).EnumerateArray().ToArray();
            Assert.Equal(1, SignIns(entries));

            // A kept session the silo no longer accepts (signed out here) is replaced by a new sign-in, not trusted.
            var signOut = await Processes.CliWith(asDave, "account", "sign-out", "--gateway", f.Silo.Gateway);
            Assert.True(signOut.Exit == 0, signOut.Err);
            Assert.Empty(folder.GetFiles("session-*"));
            Assert.Equal(0, (await Processes.CliWith(asDave, "markers", "list", "--gateway", f.Silo.Gateway)).Exit);
            entries = (await admin.GetFromJsonAsync<JsonElement>("/api/audit?after=0&count=10000")).EnumerateArray().ToArray();
            Assert.Equal(2, SignIns(entries));
            Assert.Contains(entries, e => e.GetProperty("action").GetString() == "signout" && e.GetProperty("target").GetString() == "account:cli-dave");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Pages_carry_security_headers_and_forms_need_their_anti_forgery_token()
    {
        using var epi = f.As("epidemiologist");
        foreach (var path in new[] { "/", "/phenotypes", "/homa-ir", "/login", "/account" })
        {
            var response = await epi.GetAsync(path);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("script-src", csp); // default-src 'none': no script at all
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.DoesNotContain("<script", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        // A signed-in browser's cookie without the form's token: refused; with it, the fit runs.
        var cookieToken = f.Tokens["epidemiologist"];
        using var browser = f.Anonymous();
        browser.DefaultRequestHeaders.Add("Cookie", $"cohort_session={cookieToken}");
        var forged = await browser.PostAsync("/phenotypes/fit", new FormUrlEncodedContent(new Dictionary<string, string> { ["k"] = "2" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("anti-forgery", await forged.Content.ReadAsStringAsync());
        // State-changing API calls do not accept the cookie at all (they need a bearer credential).
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostAsync("/api/phenotypes/fit?k=2", null)).StatusCode);

        // Limits: a request body above 1 MB, a query string of 100 parameters.
        using var engineer = f.As("engineer");
        var big = await engineer.PostAsync("/api/ingest/schedules", new StringContent(new string(' ', 2 << 20), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        var many = await engineer.GetAsync("/api/cohort?" + string.Join("&", Enumerable.Range(0, 100).Select(i => $"p{i}=1")));
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
    }

    [Fact]
    public async Task No_query_parameter_value_produces_a_500()
    {
        string[] parameters = ["metric", "visit", "by", "sex", "age_band", "age_band_at_visit", "ethnicity", "site", "category", "phase", "phenotype",
            "cutoff", "condition", "method", "standard", "kind", "from", "to", "version", "a", "b", "after", "count", "return", "k", "seed", "label"];
        string[] values = ["", "-1", "1e309", "NaN", "99999999999999999999", "%00", "'; drop table x; --", "<script>alert(1)</script>", "../../etc/passwd",
            "ünïcødé", "a,b,,c", new string('x', 3000), "0x10", "phase:", "homa_ir>=", "category:none", "true"];
        var paths = Routes().Where(r => r.Method == HttpMethod.Get && !r.Path.StartsWith("/orleans", StringComparison.Ordinal)).Select(r => r.Path.Split('?')[0]).Distinct()
            .Concat(["/api/participants/%00", "/api/participants/" + new string('p', 500), "/api/ingest/runs/%2e%2e%2f/quarantine.csv", "/login"]).ToArray();
        var admin = f.Silo.Http; // the first admin holds every role, so every handler is reached (not stopped at 403)
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var requests = paths.SelectMany(p => parameters.SelectMany(n => values.Select(v => $"{p}?{n}={Uri.EscapeDataString(v)}"))).ToArray();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (url, ct) =>
        {
            using var response = await admin.GetAsync(url, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            if ((int)response.StatusCode >= 500 || body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal))
                failures.Add($"{url[..Math.Min(url.Length, 160)]}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
        });
        Assert.True(failures.IsEmpty, $"{failures.Count} of {requests.Length} requests failed:\n{string.Join("\n", failures.Take(15))}");
        Assert.False(statuses.ContainsKey(403), "the fuzz must reach the handlers, not stop at the role check");
        Assert.True(statuses.GetValueOrDefault(400) > 1000, $"bad values must be answered 400: {string.Join(", ", statuses.Select(kv => $"{kv.Key}×{kv.Value}"))}");
        // Bad requests are logged as what they are, one line each, never as an unhandled exception with a stack trace.
        Assert.DoesNotContain("An unhandled exception has occurred", f.Silo.Log);
        Assert.Contains("answered 400: parameter", f.Silo.Log);
    }
}

/// <summary>The demo's open aggregate views, on a silo started as `--demo` would configure it (without generating a cohort).</summary>
public sealed class DemoAccessTests
{
    [Fact]
    public async Task Open_aggregate_views_say_so_and_nothing_else_opens()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cohort-demo-access-" + Guid.NewGuid().ToString("N")[..8]);
        await using var silo = await SiloProcess.StartAsync(dir, "--Cohort:Access:AnonymousAggregates", "true");
        using var anonymous = new HttpClient { BaseAddress = silo.Http.BaseAddress };
        var overview = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("Demo mode", await overview.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/distribution?metric=homa_ir")).StatusCode);
        foreach (var path in new[] { "/api/export", "/api/participants/p1", "/api/ingest/runs", "/api/audit", "/orleans" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
}
