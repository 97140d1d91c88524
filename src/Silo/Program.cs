using Cohort.Dashboard;
using Cohort.Silo.Hosting;
using Orleans.Dashboard;

// One machine: a single-node silo with embedded SQLite storage, the Orleans gateway, and the dashboard on http://localhost:5080.
// `-- --demo` also generates and ingests a synthetic cohort when the store is empty.
// Settings ship beside the binary (appsettings.json); relative paths such as ./data resolve against the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = DemoSwitch.Strip(args, out var demo),
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddCohortSilo(demo);
var app = builder.Build();
app.MapCohortDashboard();
app.MapOrleansDashboard("/orleans").RequireAuthorization(Cohort.Dashboard.Access.AccessPolicies.Administration);
await app.RunAsync();
