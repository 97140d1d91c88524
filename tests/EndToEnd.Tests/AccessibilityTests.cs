using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Cohort.EndToEnd.Tests;

/// <summary>
/// axe-core (Deque.AxeCore.Playwright) on every page each role can open, at desktop and phone widths, in the real headless Chromium:
/// any violation fails, named with its rule, the elements and the page. Each page must also fit its width without sideways scrolling
/// (wide tables and charts scroll inside their own region).
/// </summary>
public sealed class AccessibilityTests(AccessFixture f) : IClassFixture<AccessFixture>, IAsyncLifetime
{
    private static readonly (string Name, int Width, int Height)[] Screens = [("desktop", 1400, 900), ("phone", 400, 800)];

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await HeadlessChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    public static TheoryData<string, string[]> PagesByRole => new()
    {
        { "anonymous", ["/login"] },
        { "analyst", ["/", "/distribution?metric=homa_ir&by=sex&sex=F", "/homa-ir", "/phases", "/trajectories?by=phenotype", "/phenotypes", "/outcomes", "/account",
            "/distribution?metric=no_such_metric"] },
        { "engineer", ["/ingest"] },
        { "epidemiologist", ["/participants", "/participants/{participant}", "/participants/nobody", "/phenotypes", "/phenotypes/jobs/{failed-fit}"] },
        { "admin", ["/audit", "/account"] },
    };

    [Theory, MemberData(nameof(PagesByRole))]
    public async Task Every_page_passes_axe_and_fits_the_screen_at_desktop_and_phone_widths(string role, string[] paths)
    {
        var problems = new List<string>();
        foreach (var (screen, width, height) in Screens)
        {
            await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = width, Height = height },
                // axe is injected as a script; the pages' own policy allows none.
                BypassCSP = true,
                ExtraHTTPHeaders = role == "anonymous" ? null : new Dictionary<string, string> { ["Authorization"] = $"Bearer {f.Keys[role]}" },
            });
            foreach (var path in paths.Select(p => p.Replace("{participant}", f.Pseudonyms[0], StringComparison.Ordinal).Replace("{failed-fit}", f.FailedFitJob, StringComparison.Ordinal)))
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync($"http://127.0.0.1:{f.Silo.HttpPort}{path}");
                var result = await page.RunAxe();
                // axe ran its rules on this page (a run that checks nothing would pass anything).
                if (result.Passes.Length == 0) problems.Add($"{role} {screen} {path}: axe checked no rule");
                foreach (var v in result.Violations)
                    problems.Add($"{role} {screen} {path}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}");
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                if (overflow > 0) problems.Add($"{role} {screen} {path}: the page scrolls sideways by {overflow} px");
                await page.CloseAsync();
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
