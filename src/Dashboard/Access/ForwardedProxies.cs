using System.Net;
using Cohort.Settings;
using Microsoft.AspNetCore.HttpOverrides;

namespace Cohort.Dashboard.Access;

/// <summary>
/// Honours X-Forwarded-For and X-Forwarded-Proto from the configured TLS-terminating proxies only (Cohort:Access:ForwardedProxies),
/// so that behind a proxy the client's real address is throttled and audited and the session cookie is Secure; from anyone else the
/// headers are ignored, as a client could otherwise claim any address.
/// </summary>
internal static class ForwardedProxies
{
    public static IApplicationBuilder UseForwardedProxies(this IApplicationBuilder app, AccessOptions access)
    {
        if (access.ForwardedProxies is not { Length: > 0 } proxies) return app;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in proxies)
        {
            if (entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out var network)) options.KnownIPNetworks.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) options.KnownProxies.Add(address);
            else throw new ArgumentException($"Cohort:Access:ForwardedProxies: '{entry}' is neither an IP address nor a CIDR network");
        }
        return app.UseForwardedHeaders(options);
    }
}
