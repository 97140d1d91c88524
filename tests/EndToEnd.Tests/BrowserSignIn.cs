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
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("form.signin button[type=submit]"),
            r => r.Url.EndsWith("/login", StringComparison.Ordinal) && r.Request.Method == "POST", new PageRunAndWaitForResponseOptions { Timeout = 90_000 });
        // A sign-in that does not redirect (refused, throttled) must say why here, not as a navigation timeout later.
        if (response.Status != 302)
            throw new InvalidOperationException($"admin sign-in answered {response.Status}: {await page.InnerTextAsync("body")}");
        await page.WaitForURLAsync($"http://127.0.0.1:{httpPort}/", new PageWaitForURLOptions { Timeout = 90_000 });
        await page.CloseAsync();
        return context;
    }
}
