namespace Cohort.Dashboard;

/// <summary>
/// The deadline of the HTTP request being served, seen by every grain call the request makes: a call still running when it passes
/// is abandoned (its task completes as cancelled), so a request answers within the deadline even while a silo is being lost and a
/// call to it would otherwise wait for Orleans' response timeout. Set by <see cref="TransientRetry"/> for reads; calls made outside a
/// request (grain-to-grain calls in a co-hosted silo) carry none.
/// </summary>
internal sealed class RequestDeadline : IOutgoingGrainCallFilter
{
    private static readonly AsyncLocal<CancellationToken> Current = new();

    /// <summary>Gives the calls made from here on in this asynchronous flow the deadline of <paramref name="token"/>.</summary>
    public static void Set(CancellationToken token) => Current.Value = token;

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var deadline = Current.Value;
        if (!deadline.CanBeCanceled)
        {
            await context.Invoke();
            return;
        }
        await context.Invoke().WaitAsync(deadline);
    }
}
