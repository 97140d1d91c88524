using System.Diagnostics;

namespace Cohort.Tests.Shared;

/// <summary>Runs a command to completion (optionally as another user when the tests run as root) and fails with its output.</summary>
public static class ExternalProcess
{
    public static bool IsRoot => Environment.UserName == "root";

    public static async Task<string> RunAsync(string file, IEnumerable<string> args, string? asUser = null, int timeoutSeconds = 120)
    {
        var psi = new ProcessStartInfo(asUser is not null && IsRoot ? "runuser" : file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        if (asUser is not null && IsRoot)
        {
            psi.ArgumentList.Add("-u");
            psi.ArgumentList.Add(asUser);
            psi.ArgumentList.Add("--");
            psi.ArgumentList.Add(file);
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        await p.WaitForExitAsync(cts.Token);
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {p.ExitCode}: {await stderr}{await stdout}");
        return await stdout;
    }

    public static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        var port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
