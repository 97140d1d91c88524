using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cohort.Dashboard.Rendering;

/// <summary>A page as an endpoint's answer: the Razor component rendered on the server (static, no script) with its parameters.</summary>
internal static class PageResult
{
    public static IResult Of<TPage>(object parameters, int status = StatusCodes.Status200OK) where TPage : IComponent =>
        new RazorComponentResult<TPage>(parameters) { StatusCode = status, ContentType = "text/html; charset=utf-8" };
}
