using System.Net;
using System.Text;

namespace Cohort.EndToEnd.Tests;

/// <summary>
/// OpenTelemetry across processes: the CLI and the silo export over OTLP (HTTP/protobuf) to a collector — here a listener in the test
/// that keeps what it receives — and the silo's spans for an ingest carry the trace id the CLI started, so one run is one trace.
/// </summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cohort-otel-" + Guid.NewGuid().ToString("N"));
    private readonly HttpListener _listener = new();
    private readonly List<(string Path, byte[] Body)> _received = [];
    private Task _loop = Task.CompletedTask;
    private int _port;

    public Task InitializeAsync()
    {
        _port = Processes.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{_port}/");
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                lock (_received) _received.Add((context.Request.Url!.AbsolutePath, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _listener.Stop();
        await _loop;
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private bool Received(string path, byte[] needle)
    {
        lock (_received) return _received.Any(r => r.Path == path && r.Body.AsSpan().IndexOf(needle) >= 0);
    }

    [Fact]
    public async Task An_ingest_is_one_trace_from_the_CLI_through_the_silo_exported_over_OTLP()
    {
        var endpoint = $"http://127.0.0.1:{_port}";
        var drop = Path.Combine(_dir, "drop");
        await Processes.CliJson("synth", "--participants", "300", "--visits", "1", "--seed", "2", "--out", drop);
        await using var silo = await SiloProcess.StartAsync(Path.Combine(_dir, "data"),
            "--OTEL_EXPORTER_OTLP_ENDPOINT", endpoint, "--OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf", "--OTEL_BSP_SCHEDULE_DELAY", "500",
            "--OTEL_METRIC_EXPORT_INTERVAL", "1000");
        var (exit, stdout, stderr) = await Processes.CliWith(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint, ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf", ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        },
            "ingest", "--participants", Path.Combine(drop, "participants.parquet"), "--observations", Path.Combine(drop, "observations.parquet"),
            "--gateway", silo.Gateway, "--json");
        Assert.True(exit == 0, stderr);
        // The Orleans operations dashboard is served beside ours.
        var operations = await silo.Http.GetAsync("/orleans/");
        Assert.Equal(HttpStatusCode.OK, operations.StatusCode);
        var traceId = System.Text.Json.JsonDocument.Parse(stdout).RootElement.GetProperty("traceId").GetString()!;
        var traceBytes = Convert.FromHexString(traceId);
        var silos = Encoding.UTF8.GetBytes("cohort-silo");
        var cli = Encoding.UTF8.GetBytes("cohort-cli");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !(Received("/v1/traces", traceBytes) && Received("/v1/metrics", silos)))
            await Task.Delay(250);
        lock (_received)
        {
            // The CLI's spans and the silo's spans of the same run share its trace id.
            Assert.Contains(_received, r => r.Path == "/v1/traces" && r.Body.AsSpan().IndexOf(cli) >= 0 && r.Body.AsSpan().IndexOf(traceBytes) >= 0);
            Assert.Contains(_received, r => r.Path == "/v1/traces" && r.Body.AsSpan().IndexOf(silos) >= 0 && r.Body.AsSpan().IndexOf(traceBytes) >= 0);
            Assert.Contains(_received, r => r.Path == "/v1/metrics" && r.Body.AsSpan().IndexOf(silos) >= 0);
        }
    }
}
