using System.Diagnostics;
using System.Net.Sockets;

namespace Cohort.Tests.Shared;

/// <summary>A throw-away Redis server on loopback (Debian's redis-server), without persistence, killed on dispose.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private RedisServer(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var exe = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Redis is not installed (Debian: apt-get install redis-server); .ci/run installs it");
        var dir = Path.Combine(Path.GetTempPath(), "cohort-redis-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var port = ExternalProcess.FreePort();
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dir };
        foreach (var a in new[] { "--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--protected-mode", "no" })
            psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync("127.0.0.1", port);
                return new RedisServer(p, dir, port);
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        p.Kill();
        throw new TimeoutException("redis-server did not accept connections within 20 s");
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
