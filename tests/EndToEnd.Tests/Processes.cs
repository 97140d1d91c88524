using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Cohort.EndToEnd.Tests;

/// <summary>Locates the built silo and CLI and runs them as real processes.</summary>
internal static class Processes
{
    public static string Output(string project) => Repository.Output(project);

    public static int FreePort() => ExternalProcess.FreePort();

    /// <summary>The first admin's password on the test silos (Cohort:Access:InitialAdminPassword); the CLI signs in with it.</summary>
    public const string AdminPassword = "first-start-secret-9f3k";

    /// <summary>The secret a dashboard process presents to the silos (Cohort:Access:ServiceKey).</summary>
    public const string ServiceKey = "test-service-key-5b7e2d1c";

    private static readonly string SessionFolder = Path.Combine(Path.GetTempPath(), $"cohort-test-sessions-{Environment.ProcessId}");

    /// <summary>Runs the `cohort` CLI to completion and returns exit code and output.</summary>
    public static Task<(int Exit, string Out, string Err)> Cli(params string[] args) => CliWith(null, args);

    /// <summary>Runs the CLI with extra environment variables (for example OTEL_EXPORTER_OTLP_ENDPOINT).</summary>
    public static Task<(int Exit, string Out, string Err)> CliWith(IDictionary<string, string>? environment, params string[] args) =>
        CliWithInput(environment, null, args);

    /// <summary>The CLI with <paramref name="input"/> on its standard input (closed after it), or with no input when null.</summary>
    public static Task<(int Exit, string Out, string Err)> CliWithInput(IDictionary<string, string>? environment, string? input, params string[] args) =>
        CliWithin(TimeSpan.FromMinutes(5), environment, input, args);

    /// <summary>The CLI, stopped (and the test failed by the timeout) when it has not exited within <paramref name="limit"/>.</summary>
    public static async Task<(int Exit, string Out, string Err)> CliWithin(TimeSpan limit, IDictionary<string, string>? environment, string? input, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null, WorkingDirectory = Output("Cli") };
        psi.Environment["COHORT_USER"] = "admin";
        psi.Environment["COHORT_PASSWORD"] = AdminPassword;
        // Sessions the CLI keeps between calls go to this test run's own folder, never the user's ~/.config.
        psi.Environment["COHORT_SESSION_DIR"] = SessionFolder;
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        psi.ArgumentList.Add(Path.Combine(Output("Cli"), "cohort.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        try
        {
            if (input is not null)
            {
                await p.StandardInput.WriteAsync(input);
                p.StandardInput.Close();
            }
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(limit);
            await p.WaitForExitAsync(timeout.Token);
            return (p.ExitCode, await stdout, await stderr);
        }
        finally
        {
            // A CLI that outlives its test (timed out, or the test was cancelled) is stopped, not left running after the test run.
            if (!p.HasExited) p.Kill(entireProcessTree: true);
        }
    }

    public static async Task<JsonElement> CliJson(params string[] args)
    {
        var (exit, stdout, stderr) = await Cli([.. args, "--json"]);
        Assert.True(exit == 0, $"cohort {string.Join(' ', args)} exited {exit}: {stderr}");
        return JsonDocument.Parse(stdout).RootElement;
    }
}

/// <summary>A silo process with its own data directory and ports; killed with SIGKILL or stopped gracefully.</summary>
/// <summary>Set-up that cleans up after itself when it fails part-way.</summary>
internal static class SetUp
{
    /// <summary>
    /// Runs a test's set-up; if it throws, runs the clean-up before the failure propagates: xunit does not call DisposeAsync when
    /// InitializeAsync throws, and a silo started before the failure would otherwise outlive the test run.
    /// </summary>
    public static async Task OrCleanUp(Func<Task> setUp, Func<Task> cleanUp)
    {
        try
        {
            await setUp();
        }
        catch
        {
            await cleanUp();
            throw;
        }
    }
}

internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private SiloProcess(Process process, string dataDirectory, int httpPort, int gatewayPort)
    {
        _process = process;
        DataDirectory = dataDirectory;
        HttpPort = httpPort;
        GatewayPort = gatewayPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string DataDirectory { get; }
    public int HttpPort { get; }
    public int GatewayPort { get; }
    public HttpClient Http { get; }
    public string Gateway => $"127.0.0.1:{GatewayPort}";
    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>The end of the silo's log, from the start of its last failure when there is one (an exception's message leads its stack).</summary>
    public string LogTail(int characters = 12000)
    {
        var log = Log;
        var failure = log.LastIndexOf("fail:", StringComparison.Ordinal);
        var from = failure >= 0 ? failure : Math.Max(0, log.Length - characters);
        return log.Length - from <= characters ? log[from..] : log[from..(from + characters)];
    }

    /// <summary>
    /// Starts a silo on free ports and waits until it answers /healthz and its first admin can sign in; a start that loses one of its
    /// ports to another process before binding it ("address already in use") is made again on other ports.
    /// </summary>
    public static async Task<SiloProcess> StartAsync(string dataDirectory, params string[] extra)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(dataDirectory, extra);
            }
            catch (PortTakenException) when (attempt < 3)
            {
            }
        }
    }

    private sealed class PortTakenException(string message) : Exception(message);

    private static async Task<SiloProcess> StartOnceAsync(string dataDirectory, string[] extra)
    {
        var (http, silo, gateway) = (Processes.FreePort(), Processes.FreePort(), Processes.FreePort());
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Processes.Output("Silo") };
        psi.ArgumentList.Add(Path.Combine(Processes.Output("Silo"), "Cohort.Silo.dll"));
        foreach (var a in (string[])["--urls", $"http://127.0.0.1:{http}", "--Cohort:DataDirectory", dataDirectory, "--Cohort:SiloPort", $"{silo}",
                     "--Cohort:GatewayPort", $"{gateway}", "--Cohort:Access:InitialAdminPassword", Processes.AdminPassword,
                     "--Cohort:Access:ServiceKey", Processes.ServiceKey, .. extra])
            psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        var s = new SiloProcess(p, dataDirectory, http, gateway);
        p.OutputDataReceived += (_, e) => { lock (s._log) s._log.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { lock (s._log) s._log.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (p.HasExited)
            {
                // Wait for the redirected output to reach its end: the process can exit before its last line (the reason) is read.
                await p.WaitForExitAsync();
                if (s.Log.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
                {
                    await s.DisposeAsync();
                    throw new PortTakenException(s.Log);
                }
                throw new InvalidOperationException($"the silo exited with {p.ExitCode}:\n{s.Log}");
            }
            try
            {
                if ((await s.Http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    await s.SignInAsync();
                    return s;
                }
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        await s.DisposeAsync();
        throw new TimeoutException($"the silo did not answer /healthz within 60 s:\n{s.Log}");
    }

    /// <summary>
    /// Signs the process's HTTP client in as the first admin (every role) with a bearer session token; the account is created by the
    /// silo's first start, a moment after /healthz answers.
    /// </summary>
    public async Task SignInAsync(string name = "admin", string password = Processes.AdminPassword)
    {
        // Until the account exists the answer is 401, and repeated failures slow this address down (429 with Retry-After, which is
        // honoured): wait for the account, not for a number of tries.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var response = await Http.PostAsJsonAsync("/api/session", new { name, password });
            if (response.IsSuccessStatusCode)
            {
                var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
                Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                return;
            }
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException($"cannot sign in as {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(250);
            await Task.Delay(wait < TimeSpan.FromMilliseconds(250) ? TimeSpan.FromMilliseconds(250) : wait);
        }
    }

    public async Task<JsonElement> GetJson(string path)
    {
        var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        // A failed request names the silo's own account of it: the end of its log, where the server error is.
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}\nthe silo's log ends:\n{LogTail()}");
        return JsonDocument.Parse(body).RootElement;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGTERM: the host stops gracefully (the silo leaves the cluster, hands its grains over); waits for the exit.</summary>
    public async Task StopGracefullyAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited) Kill();
        _process.Dispose();
        await Task.CompletedTask;
    }
}
