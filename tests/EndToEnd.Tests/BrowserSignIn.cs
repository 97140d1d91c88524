using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Cohort.EndToEnd.Tests;

/// <summary>A browser context signed in through the sign-in page, as a person would (the session cookie stays in the context).</summary>
internal static class BrowserSignIn
{
    public static async Task<IBrowserContext> AsAdminAsync(IBrowser browser, int httpPort)
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        // Requests still open, so that a page that never finishes loading says which request it is waiting for.
        var pending = new ConcurrentDictionary<IRequest, DateTime>();
        page.Request += (_, r) => pending[r] = DateTime.UtcNow;
        page.RequestFinished += (_, r) => pending.TryRemove(r, out DateTime _);
        page.RequestFailed += (_, r) => pending.TryRemove(r, out DateTime _);
        await page.GotoAsync($"http://127.0.0.1:{httpPort}/login");
        await page.FillAsync("input[name=name]", "admin");
        await page.FillAsync("input[name=password]", Processes.AdminPassword);
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("form.signin button[type=submit]"),
            r => r.Url.EndsWith("/login", StringComparison.Ordinal) && r.Request.Method == "POST", new PageRunAndWaitForResponseOptions { Timeout = 90_000 });
        // A sign-in that does not redirect (refused, throttled) must say why here, not as a navigation timeout later.
        if (response.Status != 302)
            throw new InvalidOperationException($"admin sign-in answered {response.Status}: {await page.InnerTextAsync("body")}");
        try
        {
            // The overview's own content, not a load event: Playwright's wait for the load state after the redirect has been seen to miss
            // a load that had already happened (URL right, no request open, still a timeout).
            await page.Locator("#participants").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 90_000 });
            Assert.Equal($"http://127.0.0.1:{httpPort}/", page.Url);
        }
        catch (TimeoutException e)
        {
            var open = string.Join("; ", pending.Select(kv => $"{kv.Key.Method} {kv.Key.Url} since {kv.Value:HH:mm:ss.fff}"));
            throw new InvalidOperationException($"after sign-in the overview did not load within 90 s: at {page.Url}, still open: {(open.Length > 0 ? open : "none")}", e);
        }
        await page.CloseAsync();
        return context;
    }
}
