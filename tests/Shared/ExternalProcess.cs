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

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A port free to listen on, below Linux's ephemeral range (32768–60999): a port the kernel hands out for outgoing connections
    /// (every HTTP poll, browser and cluster connection of the test run takes one) can be taken between this check and the bind of
    /// the process the port is for, which made a silo fail to start with "address already in use". Above 30,100, clear of the ports
    /// Orleans' test clusters allocate (22,300–30,000). Never the same port twice in a test run.
    /// </summary>
    public static int FreePort()
    {
        lock (HandedOut)
            for (var attempt = 0; ; attempt++)
            {
                if (attempt > 10_000) throw new InvalidOperationException("no free port between 30,100 and 32,700");
                var port = Random.Shared.Next(30_100, 32_700);
                if (!HandedOut.Add(port)) continue;
                try
                {
                    var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                    l.Start();
                    l.Stop();
                    return port;
                }
                catch (System.Net.Sockets.SocketException)
                {
                    // In use by something else: try another.
                }
            }
    }
}
