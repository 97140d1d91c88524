using Cohort.Contracts.Access;
using Cohort.Dashboard.Rendering;
using static Cohort.Dashboard.Rendering.Html;

namespace Cohort.Dashboard.Pages;

/// <summary>The sign-in form, the form that replaces a one-time password, and the account page (roles, password, API keys).</summary>
internal static class SignInPage
{
    public static string Render(string returnTo, string? error) => Page("Sign in", "/login", $"""
        {Alert(error)}
        <form method="post" action="/login" class="signin">
        {PageContext.FormToken()}
        <input type="hidden" name="return" value="{E(returnTo)}">
        <p><label>Account <input name="name" autocomplete="username" required maxlength="64" autofocus></label></p>
        <p><label>Password <input name="password" type="password" autocomplete="current-password" required maxlength="256"></label></p>
        <p><button type="submit">Sign in</button></p>
        </form>
        <p>A new account's first password is a one-time password: you will be asked for a new one. After 5 failed attempts within
        10 minutes an account waits before it may try again.</p>
        """);

    public static string ChangePassword(string name, string returnTo, string? error) => Page("Choose a new password", "/login", $"""
        {Alert(error)}
        <p>The password of <strong>{E(name)}</strong> must be changed before it can be used: at least 12 characters, not containing the account name.</p>
        <form method="post" action="/account/password" class="signin">
        {PageContext.FormToken()}
        <input type="hidden" name="return" value="{E(returnTo)}">
        <input type="hidden" name="name" value="{E(name)}">
        <p><label>Current (one-time) password <input name="current" type="password" autocomplete="current-password" required maxlength="256"></label></p>
        <p><label>New password <input name="new" type="password" autocomplete="new-password" required minlength="12" maxlength="256"></label></p>
        <p><label>New password again <input name="confirm" type="password" autocomplete="new-password" required minlength="12" maxlength="256"></label></p>
        <p><button type="submit">Change password and sign in</button></p>
        </form>
        """);

    public static string Account(string name, Role[] roles, AccountView? account, string? newKey, string? error) => Page("Your account", "/account", $"""
        {Alert(error)}
        <p>Signed in as <strong>{E(name)}</strong> with the role{(roles.Length == 1 ? "" : "s")} {E(string.Join(", ", roles.Select(Roles.Name)))}.</p>
        {(newKey is null ? "" : $"""
            <section class="callout"><h2>Your new API key</h2>
            <p>Copy it now: it is shown once and stored only as a salted hash. Use it as <code>Authorization: Bearer …</code> or
            <code>COHORT_API_KEY</code> for the <code>cohort</code> command.</p>
            <p><code id="new-key">{E(newKey)}</code></p></section>
            """)}
        {(account is null ? "<p>This account comes from your identity provider; API keys and passwords are managed there.</p>" : $"""
            {Table("API keys", ["id", "label", "created"], account.Keys.Select(k => new[] { E(k.Id), E(k.Label), E($"{k.Created:yyyy-MM-dd HH:mm} UTC") }))}
            <form method="post" action="/account/keys">
            {PageContext.FormToken()}
            <p><label>Label <input name="label" maxlength="64" placeholder="laptop CLI"></label> <button type="submit">Create an API key</button></p>
            </form>
            <h2>Change password</h2>
            <form method="post" action="/account/password">
            {PageContext.FormToken()}
            <input type="hidden" name="name" value="{E(name)}"><input type="hidden" name="return" value="/account">
            <p><label>Current password <input name="current" type="password" autocomplete="current-password" required maxlength="256"></label></p>
            <p><label>New password <input name="new" type="password" autocomplete="new-password" required minlength="12" maxlength="256"></label></p>
            <p><label>New password again <input name="confirm" type="password" autocomplete="new-password" required minlength="12" maxlength="256"></label></p>
            <p><button type="submit">Change password</button></p>
            </form>
            """)}
        """);

    private static string Alert(string? error) => error is null ? "" : $"""<p role="alert" class="error">{E(error)}</p>""";
}
