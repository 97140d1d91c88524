using Cohort.Dashboard;
using Cohort.Silo.Hosting;
using Orleans.Dashboard;

// One machine: a single-node silo with embedded SQLite storage, the Orleans gateway, and the dashboard on http://localhost:5080.
// `-- --demo` also generates and ingests a synthetic cohort when the store is empty.
// Settings ship beside the binary (appsettings.json); relative paths such as ./data resolve against the working directory.
// A bad setting ends the start with one line naming it (exit code 2), never a stack trace.
try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = DemoSwitch.Strip(args, out var demo),
        ContentRootPath = AppContext.BaseDirectory,
    });
    builder.AddCohortSilo(demo);
    var app = builder.Build();
    // Settings are validated here, before the host starts (whose own failure log would carry a stack trace).
    app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
    app.MapCohortDashboard();
    app.MapOrleansDashboard("/orleans").RequireAuthorization(Cohort.Dashboard.Access.AccessPolicies.Administration);
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (SettingsError.Describe(e) is { } message)
{
    Console.Error.WriteLine($"Cohort cannot start: bad setting: {message.ReplaceLineEndings(" ")}");
    return SettingsError.ExitCode;
}

/// <summary>The entry point, visible to the in-process dashboard tests (WebApplicationFactory).</summary>
public partial class Program;
