using Cohort.Dashboard;
using Cohort.Silo.Hosting;

// One machine: a single-node silo with embedded SQLite storage, the Orleans gateway, and the dashboard on http://localhost:5080.
// `-- --demo` also generates and ingests a synthetic cohort when the store is empty.
var builder = WebApplication.CreateBuilder(DemoSwitch.Strip(args, out var demo));
builder.AddCohortSilo(demo);
var app = builder.Build();
app.MapCohortDashboard();
await app.RunAsync();
