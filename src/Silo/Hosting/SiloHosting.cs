using Cohort.Contracts;
using Cohort.Dashboard;
using Cohort.Grains.Hosting;
using Cohort.Ingest.Ingestion;
using Cohort.Ingest.Scheduling;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Cohort.Silo.Hosting;

public static class SiloHosting
{
    /// <summary>
    /// A single-node silo with localhost clustering ("Cohort:SiloPort", "Cohort:GatewayPort"), Cohort's grains and embedded storage,
    /// the co-hosted dashboard and OpenTelemetry. The HTTP address follows ASP.NET Core's --urls / ASPNETCORE_URLS ("Urls" in
    /// appsettings.json: http://localhost:5080).
    /// </summary>
    public static WebApplicationBuilder AddCohortSilo(this WebApplicationBuilder builder, bool demo)
    {
        var configuration = builder.Configuration;
        var siloPort = configuration.GetValue("Cohort:SiloPort", 11111);
        var gatewayPort = configuration.GetValue("Cohort:GatewayPort", 30000);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: CohortCluster.ServiceId, clusterId: CohortCluster.ClusterId);
            silo.AddCohortGrains(configuration);
            silo.AddActivityPropagation();
        });
        builder.Services.AddCohortDashboard(configuration);
        builder.AddCohortTelemetry("cohort-silo");
        builder.Services.AddCohortSchedules();
        if (demo) builder.Services.AddHostedService<DemoSeeder>();
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
                .AddSource(IngestRunner.Activity.Name, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation())
            .WithMetrics(m => m
                .AddMeter("Microsoft.Orleans", "Cohort.Storage", "Cohort.Ingest")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) otel.UseOtlpExporter();
        return builder;
    }
}
