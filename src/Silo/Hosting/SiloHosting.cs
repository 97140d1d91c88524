using Cohort.Dashboard;
using Cohort.Grains.Hosting;
using Cohort.Ingest.Ingestion;
using Cohort.Ingest.Scheduling;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Dashboard;

namespace Cohort.Silo.Hosting;

public static class SiloHosting
{
    /// <summary>
    /// A silo (Cohort's grains, storage, the co-hosted dashboard, the Orleans operations dashboard at /orleans, OpenTelemetry) or, with
    /// <c>Cohort:Role = dashboard</c>, a dashboard process that joins the cluster as an Orleans client. Clustering and storage follow
    /// configuration (<see cref="ClusterTopology"/>, Grains' StorageOptions): localhost clustering and SQLite by default. The HTTP address
    /// follows ASP.NET Core's --urls / ASPNETCORE_URLS ("Urls" in appsettings.json: http://localhost:5080).
    /// </summary>
    public static WebApplicationBuilder AddCohortSilo(this WebApplicationBuilder builder, bool demo)
    {
        var configuration = builder.Configuration;
        if (demo) configuration.AddInMemoryCollection([new("Cohort:Access:AnonymousAggregates", "true")]);
        var topology = ClusterTopology.From(configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings());
        // Requests are small (queries, forms, a schedule's JSON): bodies above 1 MB are refused with 413.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1 << 20);
        if (topology.Role == "dashboard")
        {
            builder.UseOrleansClient(client =>
            {
                topology.Configure(client);
                client.AddActivityPropagation();
                client.AddDashboard();
            });
            builder.Services.AddCohortDashboard(configuration, separateProcess: true);
            builder.AddCohortTelemetry("cohort-dashboard");
            return builder;
        }
        builder.UseOrleans(silo =>
        {
            topology.Configure(silo);
            silo.AddCohortGrains(configuration);
            silo.AddCohortAccess(configuration);
            silo.AddActivityPropagation();
            silo.AddDashboard();
        });
        builder.Services.AddCohortDashboard(configuration, separateProcess: false);
        builder.AddCohortTelemetry("cohort-silo");
        builder.Services.AddCohortSchedules();
        builder.Services.AddHostedService<AccountBootstrap>();
        if (demo)
        {
            builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section)
                .Validate(o => o.Synth() is not null, $"{DemoOptions.Section} is not a cohort the generator can make").ValidateOnStart();
            builder.Services.AddHostedService<DemoSeeder>();
        }
        return builder;
    }

    /// <summary>
    /// Traces (ingest runs, API requests, grain calls) and metrics (Orleans' meters, storage and ingest meters, ASP.NET Core,
    /// runtime), exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
    /// </summary>
    public static WebApplicationBuilder AddCohortTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t => t
                .AddSource(IngestRunner.Activity.Name, "Cohort.Phenotypes", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation())
            .WithMetrics(m => m
                .AddMeter("Microsoft.Orleans", "Cohort.Storage", "Cohort.Ingest")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) otel.UseOtlpExporter();
        return builder;
    }
}
