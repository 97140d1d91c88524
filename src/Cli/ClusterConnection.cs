using System.Net;
using Cohort.Ingest.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Resources;
using Orleans.Configuration;

namespace Cohort.Cli;

/// <summary>
/// Connects the CLI to a Cohort cluster as an Orleans client through a gateway (default localhost:30000, the single-machine silo),
/// with trace context propagated to the silo and OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// </summary>
public static class ClusterConnection
{
    public const string DefaultGateway = "localhost:30000";

    /// <summary>
    /// Connects, runs <paramref name="work"/> with the cluster's grains and stops the client whatever happens (every command that talks
    /// to the cluster goes through here). Commands print what the work returned once the client has stopped; a client that fails to
    /// stop does not turn finished work into an error. Without <paramref name="signIn"/> the client presents no credential (a password
    /// change proves who asks by itself). A command whose connection to the cluster is lost (its gateway silo stopped) fails within a
    /// few seconds, saying so.
    /// </summary>
    public static Task<T> UseAsync<T>(string? gateway, Func<IGrainFactory, Task<T>> work, CancellationToken ct, bool signIn = true) =>
        UseAsync(gateway, (grains, _) => work(grains), ct, signIn);

    /// <summary>
    /// As <see cref="UseAsync{T}(string?, Func{IGrainFactory, Task{T}}, CancellationToken, bool)"/>, for work that stops when told: its
    /// token is cancelled when the connection is lost (an ingest stops reading its files) as well as with <paramref name="ct"/>.
    /// </summary>
    public static async Task<T> UseAsync<T>(string? gateway, Func<IGrainFactory, CancellationToken, Task<T>> work, CancellationToken ct, bool signIn = true)
    {
        var watch = new ClusterConnectionWatch();
        using var host = await ConnectAsync(gateway, signIn, watch, ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        watch.Arm();
        T result;
        try
        {
            var working = work(host.Services.GetRequiredService<IGrainFactory>(), stop.Token);
            // A call in flight when the last gateway's connection closes has no connection left to bring its answer: it would wait for
            // its response timeout (two minutes for a shard's write) before the command could fail. The command fails a few seconds
            // after the loss instead (ClusterConnectionWatch.Grace, in which a reconnection keeps it going), and tells the work to stop
            // rather than leave it running until the process exits.
            if (await Task.WhenAny(working, watch.Lost) != working)
            {
                _ = working.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                await stop.CancelAsync();
                throw new CliException($"the connection to the Cohort gateway at {Named(gateway)} was lost before the command finished (did the silo stop?)");
            }
            result = await working;
        }
        finally
        {
            await StopQuietly(host);
        }
        return result;
    }

    private static async Task StopQuietly(IHost host)
    {
        try
        {
            await host.StopAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The client is going away either way; the command's outcome is the work's.
        }
    }

    private static async Task<IHost> ConnectAsync(string? gateway, bool signIn, ClusterConnectionWatch watch, CancellationToken ct)
    {
        var endpoint = Endpoint(gateway);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Error);
        builder.Logging.AddFilter("Orleans", LogLevel.Critical);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Critical);
        // A kept session belongs to the gateway as named (not to whatever answers on its address today).
        var credentials = new CliCredentials(Named(gateway));
        builder.UseOrleansClient(client =>
        {
            client.AddOutgoingGrainCallFilter(credentials.Attach);
            client.UseStaticClustering(endpoint);
            client.Configure<ClusterOptions>(o => { o.ClusterId = Contracts.CohortCluster.ClusterId; o.ServiceId = Contracts.CohortCluster.ServiceId; });
            client.AddActivityPropagation();
            client.AddClusterConnectionLostHandler((_, _) => watch.ConnectionLost());
            client.AddGatewayCountChangedHandler((_, e) => watch.GatewaysChanged(e.NumberOfConnectedGateways));
            var attempts = 0;
            client.UseConnectionRetryFilter(async (_, token) =>
            {
                if (++attempts > 5) return false;
                await Task.Delay(TimeSpan.FromSeconds(1), token);
                return true;
            });
        });
        var otel = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService("cohort-cli"))
            .WithTracing(t => t.AddSource(IngestRunner.Activity.Name, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"));
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"))) otel.UseOtlpExporter();
        var host = builder.Build();
        try
        {
            await host.StartAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            host.Dispose();
            throw new CliException($"cannot reach the Cohort gateway at {endpoint}: {e.Message} (is the silo running? `dotnet run --project src/Silo`)");
        }
        if (signIn) await credentials.PresentAsync(host.Services.GetRequiredService<IGrainFactory>());
        return host;
    }

    /// <summary>The gateway a command talks to, as the user named it: --gateway, else COHORT_GATEWAY, else the default.</summary>
    public static string Named(string? gateway) => (gateway ?? Environment.GetEnvironmentVariable("COHORT_GATEWAY") ?? DefaultGateway).Trim();

    private static IPEndPoint Endpoint(string? gateway) => ParseGateway(Named(gateway));

    private static IPEndPoint ParseGateway(string gateway)
    {
        var colon = gateway.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(gateway[(colon + 1)..], out var port) || port is < 1 or > 65535)
            throw new UsageException($"--gateway must be HOST:PORT (got '{gateway}')");
        var host = gateway[..colon];
        var address = IPAddress.TryParse(host, out var ip) ? ip
            : Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
              ?? throw new UsageException($"--gateway host '{host}' does not resolve");
        return new IPEndPoint(address, port);
    }
}
