using Microsoft.Playwright;

namespace Cohort.EndToEnd.Tests;

/// <summary>A browser context signed in through the sign-in page, as a person would (the session cookie stays in the context).</summary>
internal static class BrowserSignIn
{
    public static async Task<IBrowserContext> AsAdminAsync(IBrowser browser, int httpPort)
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"http://127.0.0.1:{httpPort}/login");
        await page.FillAsync("input[name=name]", "admin");
        await page.FillAsync("input[name=password]", Processes.AdminPassword);
        await page.ClickAsync("form.signin button[type=submit]");
        await page.WaitForURLAsync($"http://127.0.0.1:{httpPort}/");
        await page.CloseAsync();
        return context;
    }
}
