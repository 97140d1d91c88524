using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cohort.Domain.Access;

namespace Cohort.EndToEnd.Tests;

/// <summary>
/// One silo process with a pseudonymised cohort of 300 participants (some bad rows, so there is a quarantine), one account per role
/// signed in as the people would (one-time password replaced through the form), a phenotype model, and JWT sign-in configured with a
/// test signing key.
/// </summary>
public sealed partial class AccessFixture : IAsyncLifetime
{
    public static readonly byte[] PseudonymKey = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray();
    public static readonly byte[] JwtKey = Enumerable.Range(50, 32).Select(i => (byte)i).ToArray();
    public const string JwtIssuer = "https://idp.test", JwtAudience = "cohort";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cohort-access-" + Guid.NewGuid().ToString("N")[..8]);

    internal SiloProcess Silo { get; private set; } = null!;
    public string RunId { get; private set; } = "";
    public string FailedFitJob { get; private set; } = "";
    public string[] SourceIds { get; private set; } = [];
    public string[] Pseudonyms { get; private set; } = [];
    public Dictionary<string, string> Tokens { get; } = new();
    public Dictionary<string, string> Keys { get; } = new();
    public string Drop => Path.Combine(_dir, "drop");
    public string DataDirectory => Path.Combine(_dir, "data");

    public Task InitializeAsync() => SetUp.OrCleanUp(StartAsync, DisposeAsync);

    private async Task StartAsync()
    {
        await Processes.CliJson("synth", "--participants", "300", "--visits", "2", "--seed", "5", "--bad-rows", "0.004", "--out", Drop);
        Silo = await SiloProcess.StartAsync(DataDirectory, "--Cohort:Pseudonymisation:Enabled", "true",
            "--Cohort:Pseudonymisation:Key", Convert.ToBase64String(PseudonymKey),
            "--Cohort:Access:Jwt:SigningKey", Convert.ToBase64String(JwtKey), "--Cohort:Access:Jwt:Issuer", JwtIssuer, "--Cohort:Access:Jwt:Audience", JwtAudience,
            // A first wait long enough that no slow request can outlast it: the throttle test must not depend on timing.
            "--Cohort:Access:SignInDelaySeconds", "60",
            // The test client stands in for a TLS-terminating proxy on loopback.
            "--Cohort:Access:ForwardedProxies:0", "127.0.0.1");
        var run = await Processes.CliJson("ingest", "--participants", Path.Combine(Drop, "participants.parquet"),
            "--observations", Path.Combine(Drop, "observations.parquet"), "--gateway", Silo.Gateway);
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        RunId = run.GetProperty("runId").GetString()!;
        SourceIds = Enumerable.Range(1, 300).Select(i => $"P{i:D7}").ToArray();
        var pseudonymiser = new Pseudonymiser(PseudonymKey);
        Pseudonyms = SourceIds.Select(pseudonymiser.Pseudonym).ToArray();
        (await Silo.Http.PostAsync("/api/phenotypes/fit?k=2", null)).EnsureSuccessStatusCode();
        // A fit job the data cannot support (nobody has a fifth visit), for its page.
        var failing = await Silo.Http.PostAsync("/api/phenotypes/jobs?visit=5&k=2", null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, failing.StatusCode);
        FailedFitJob = (await failing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while ((await Silo.GetJson($"/api/phenotypes/jobs/{FailedFitJob}")).GetProperty("state").GetString() != "failed")
        {
            Assert.True(DateTime.UtcNow < deadline, "the fit job that cannot succeed did not fail within 3 minutes");
            await Task.Delay(100);
        }

        foreach (var role in new[] { "analyst", "epidemiologist", "engineer", "admin" })
        {
            var name = role == "admin" ? "ada" : role[..3] + "1";
            var created = await Silo.Http.PostAsJsonAsync("/api/users", new { name, roles = new[] { role } });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            var oneTime = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("oneTimePassword").GetString()!;
            var password = $"{role}-secret-pw-x7";
            await ChangePasswordThroughTheForm(name, oneTime, password);
            Tokens[role] = await SignIn(name, password);
            var key = await Silo.Http.PostAsync($"/api/users/{name}/keys?label=tests", null);
            Keys[role] = (await key.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        }
    }

    public async Task DisposeAsync()
    {
        if (Silo is not null) await Silo.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>A client with no credential and its own cookies.</summary>
    public HttpClient Anonymous(bool followRedirects = false) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects, CookieContainer = new CookieContainer() }) { BaseAddress = Silo.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A client sending a role's session token.</summary>
    public HttpClient As(string role)
    {
        var c = Anonymous();
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens[role]);
        return c;
    }

    public async Task<string> SignIn(string name, string password)
    {
        using var c = Anonymous();
        var r = await c.PostAsJsonAsync("/api/session", new { name, password });
        Assert.True(r.IsSuccessStatusCode, $"sign-in of {name}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>The form a person uses at first sign-in, with its anti-forgery token.</summary>
    public async Task ChangePasswordThroughTheForm(string name, string current, string next)
    {
        using var c = Anonymous();
        var form = await c.GetStringAsync("/login");
        var token = FormToken().Match(form).Groups[1].Value;
        var r = await c.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__cohort_af"] = WebUtility.HtmlDecode(token), ["name"] = name, ["current"] = current, ["new"] = next, ["confirm"] = next, ["return"] = "/",
        }));
        Assert.True(r.StatusCode == HttpStatusCode.Redirect, $"password change of {name}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }

    /// <summary>An HS256 JWT as an identity provider would issue it.</summary>
    public static string Jwt(string subject, string[] roles, byte[]? key = null, string issuer = JwtIssuer)
    {
        static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = B64(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" }));
        var payload = B64(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = subject, ["preferred_username"] = subject, ["roles"] = roles, ["iss"] = issuer, ["aud"] = JwtAudience,
            ["iat"] = now, ["nbf"] = now - 5, ["exp"] = now + 600,
        }));
        var signature = B64(HMACSHA256.HashData(key ?? JwtKey, Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }

    [GeneratedRegex("name=\"__cohort_af\" value=\"([^\"]+)\"")]
    public static partial Regex FormToken();
}
