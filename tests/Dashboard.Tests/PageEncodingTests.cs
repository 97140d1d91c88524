using Cohort.Contracts.Access;
using Cohort.Contracts.Audit;
using Cohort.Contracts.Ingest;
using Cohort.Dashboard.Features.Accounts;
using Cohort.Dashboard.Features.Audit;
using Cohort.Dashboard.Features.Ingest;
using Cohort.Dashboard.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cohort.Dashboard.Tests;

/// <summary>
/// Pages render what people typed (API key labels, file names, run messages, schedule names, audit details, a return address) as text:
/// each page component is rendered with markup in every such field, and no element or attribute of it survives.
/// </summary>
public sealed class PageEncodingTests
{
    private const string Hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";

    private static async Task<string> Render<TPage>(Dictionary<string, object?> parameters) where TPage : IComponent
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TPage>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }

    private static void AssertShownAsText(string html)
    {
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_key_label_and_a_new_key_are_text()
    {
        var account = new AccountView("ana", [Role.Analyst], false, false, DateTimeOffset.UnixEpoch, null, [new ApiKeyView("k1", Hostile, DateTimeOffset.UnixEpoch)]);
        AssertShownAsText(await Render<AccountPage>(new() { ["Name"] = "ana", ["Roles"] = new[] { Role.Analyst }, ["Account"] = account, ["NewKey"] = Hostile, ["Error"] = Hostile }));
    }

    [Fact]
    public async Task A_return_address_and_an_error_on_the_sign_in_forms_are_text()
    {
        AssertShownAsText(await Render<SignInPage>(new() { ["Return"] = Hostile, ["Error"] = Hostile }));
        AssertShownAsText(await Render<ChangePasswordPage>(new() { ["Name"] = Hostile, ["Return"] = Hostile, ["Error"] = Hostile }));
    }

    [Fact]
    public async Task Audit_entries_are_text()
    {
        var entry = new AuditRecord(1, DateTimeOffset.UnixEpoch, Hostile, Hostile, Hostile, Hostile, Hostile, "", "");
        AssertShownAsText(await Render<AuditPage>(new() { ["Check"] = new AuditCheck(false, 1, 1, Hostile), ["Newest"] = new[] { entry } }));
    }

    [Fact]
    public async Task File_names_run_messages_and_schedules_on_the_ingest_page_are_text()
    {
        var run = new RunSummary
        {
            RunId = "run-1", Status = RunStatus.Failed, StartedAt = DateTime.UnixEpoch, FinishedAt = DateTime.UnixEpoch, Files = [Hostile], RowsRead = 1,
            RowsAccepted = 0, RowsRejected = 1, RowsFlagged = 0, RowsUnchanged = 0, RowsAdded = 0, RowsChanged = 0, ParticipantsTouched = 0,
            RejectsByReason = new Dictionary<string, long> { [Hostile] = 1 }, Message = Hostile, TraceId = Hostile, Schedule = Hostile,
            Inputs = [new IngestedFile(Hostile, Hostile, "observations", new string('a', 64), 1)],
        };
        var schedule = new ScheduleView(new ScheduleDefinition(Hostile, Hostile, Hostile), DateTime.UnixEpoch, null, Hostile, Hostile, null, 0, null);
        var html = await Render<IngestPage>(new() { ["Runs"] = new[] { run }, ["RunCount"] = 1, ["Schedules"] = new[] { schedule } });
        AssertShownAsText(html);
        Assert.Contains("&gt; <code title=", html, StringComparison.Ordinal); // a file's name, a space, its hash
        Assert.Contains("CSV</a> · <a", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_message_is_text() =>
        AssertShownAsText(await Render<MessagePage>(new() { ["Title"] = Hostile, ["Message"] = Hostile }));
}
