using System.Security.Cryptography;
using System.Text;

namespace Cohort.Cli;

/// <summary>
/// The CLI's session between calls: after a sign-in with COHORT_USER and COHORT_PASSWORD the session token is kept in a file readable
/// by the user only (0600, in a 0700 folder: COHORT_SESSION_DIR, else $XDG_CONFIG_HOME/cohort, else ~/.config/cohort), one per
/// account and gateway, so that later calls neither sign in again (one audit entry per session, not per call) nor pay for it. A kept
/// token is used only while the silo still accepts it for the same account; `cohort account sign-out` ends it and deletes the file.
/// </summary>
internal static class SessionCache
{
    private const UnixFileMode UserOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string Folder =>
        Environment.GetEnvironmentVariable("COHORT_SESSION_DIR") is { Length: > 0 } dir ? dir
        : Path.Combine(Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } config ? config
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config"), "cohort");

    /// <summary>The file of <paramref name="user"/>'s session at <paramref name="gateway"/>.</summary>
    public static string PathOf(string user, string gateway) =>
        Path.Combine(Folder, "session-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{user}\n{gateway}")))[..24]);

    /// <summary>
    /// The kept token, or null when there is none, it has expired, or the file can be read by others (then it is not used, unless
    /// <paramref name="evenIfExposed"/>: to end it).
    /// </summary>
    public static string? Read(string user, string gateway, DateTimeOffset now, bool evenIfExposed = false)
    {
        var path = PathOf(user, gateway);
        try
        {
            if (!File.Exists(path) || (!evenIfExposed && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~UserOnly) != 0)) return null;
            var lines = File.ReadAllLines(path);
            return lines.Length >= 2 && DateTimeOffset.TryParse(lines[1], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var expires)
                && expires > now.AddMinutes(1) && lines[0].Length > 0 ? lines[0] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Keeps a token until it expires: written to a private file and moved into place, so a reader never sees half of it.</summary>
    public static void Write(string user, string gateway, string token, DateTimeOffset expires)
    {
        try
        {
            // A folder the CLI creates is private; one that exists (a shared folder named in COHORT_SESSION_DIR) is left as it is: the
            // file itself is private either way.
            if (!Directory.Exists(Folder))
            {
                if (OperatingSystem.IsWindows()) Directory.CreateDirectory(Folder);
                else Directory.CreateDirectory(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            var path = PathOf(user, gateway);
            var temporary = path + "." + Guid.NewGuid().ToString("N")[..8];
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UserOnly;
            using (var writer = new StreamWriter(temporary, Encoding.UTF8, options))
                writer.Write($"{token}\n{expires.UtcDateTime:O}\n");
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not keeping a session costs a sign-in next time; it does not fail the command.
        }
    }

    public static void Delete(string user, string gateway)
    {
        try { File.Delete(PathOf(user, gateway)); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
