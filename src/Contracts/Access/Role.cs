namespace Cohort.Contracts.Access;

/// <summary>
/// The roles of ARCHITECTURE.md: analysts see suppressed aggregate views; epidemiologists also participant-level series, exports and
/// model fits; engineers ingest runs, schedules, quarantines (raw rows) and data quality; admins users, the audit log and the Orleans
/// operations dashboard. Every signed-in account may see the aggregate views.
/// </summary>
public enum Role
{
    Analyst = 0,
    Epidemiologist = 1,
    Engineer = 2,
    Admin = 3,
}

public static class Roles
{
    public static readonly Role[] All = [Role.Analyst, Role.Epidemiologist, Role.Engineer, Role.Admin];

    public static string Name(Role role) => role.ToString().ToLowerInvariant();

    /// <summary>Whether an account holding <paramref name="held"/> may do what needs <paramref name="required"/>.</summary>
    public static bool Grants(IEnumerable<Role> held, Role required) => required == Role.Analyst ? held.Any() : held.Contains(required);

    /// <summary>"analyst,engineer" → roles; an unknown name is an <see cref="ArgumentException"/> naming it.</summary>
    public static Role[] Parse(string? text)
    {
        var names = (text ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) throw new ArgumentException($"roles: name one or more of {string.Join(", ", All.Select(Name))}");
        return names.Select(n => All.FirstOrDefault(r => Name(r) == n.ToLowerInvariant(), (Role)(-1)) is var r && (int)r >= 0 ? r
            : throw new ArgumentException($"roles: unknown role '{n}' (known: {string.Join(", ", All.Select(Name))})")).Distinct().Order().ToArray();
    }
}

/// <summary>
/// The role a grain method needs when an Orleans client (the CLI, a dashboard process) calls it through a gateway; on an interface it
/// applies to every method without its own. Methods of Cohort's interfaces without any are open (health, settings, sign-in).
/// </summary>
[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Method)]
public sealed class RequiresAttribute(Role role) : Attribute
{
    public Role Role { get; } = role;
}

/// <summary>A call was refused: no valid credential, or the account lacks the role; the message says which.</summary>
[GenerateSerializer]
[Alias("Cohort.Contracts.Access.AccessDeniedException")]
public sealed class AccessDeniedException(string message) : Exception(message);
