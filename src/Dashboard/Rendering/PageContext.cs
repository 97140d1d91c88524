namespace Cohort.Dashboard.Rendering;

/// <summary>
/// What the page layout needs to know about the request being rendered: who is signed in and with which roles, whether aggregate views
/// are open without sign-in (the demo), the anti-forgery token for forms, and the request's path and query (a page's filter controls
/// keep the parameters they do not set). Set per request by the access middleware.
/// </summary>
internal sealed record PageContext(string? User, Contracts.Access.Role[] Roles, bool OpenDemo, Func<string> AntiforgeryToken)
{
    public string Path { get; init; } = "/";

    public IQueryCollection Query { get; init; } = QueryCollection.Empty;

    private static readonly AsyncLocal<PageContext?> Local = new();

    public static PageContext Current
    {
        get => Local.Value ?? new PageContext(null, [], false, () => "");
        set => Local.Value = value;
    }

    public bool Holds(Contracts.Access.Role role) => User is not null && Contracts.Access.Roles.Grants(Roles, role);
}
