namespace Cohort.Contracts.Access;

/// <summary>
/// The role a grain method needs when an Orleans client (the CLI, a dashboard process) calls it through a gateway; on an interface it
/// applies to every method without its own. Methods of Cohort's interfaces without any are open (health, settings, sign-in).
/// </summary>
[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Method)]
public sealed class RequiresAttribute(Role role) : Attribute
{
    public Role Role { get; } = role;
}
