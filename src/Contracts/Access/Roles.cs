namespace Cohort.Contracts.Access;

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
