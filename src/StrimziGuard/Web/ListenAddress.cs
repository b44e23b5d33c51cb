using System.Net;

namespace StrimziGuard.Web;

/// <summary>A listen URL such as <c>https://0.0.0.0:8443</c>, reduced to what Kestrel binds: scheme, address and port.</summary>
internal sealed record ListenAddress(string Scheme, IPAddress Address, int Port)
{
    /// <summary>Parses <paramref name="url"/>; <c>*</c>, <c>+</c> and <c>0.0.0.0</c> mean every IPv4 address, <c>localhost</c> loopback.</summary>
    public static ListenAddress Parse(string url, string scheme, string option)
    {
        var bad = $"{option}: '{url}' is not a listen URL such as {scheme}://0.0.0.0:{(scheme == "https" ? 8443 : 8080)}";
        var prefix = scheme + "://";
        if (!url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"{option}: '{url}' must start with {prefix}");
        var rest = url[prefix.Length..].TrimEnd('/');
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(rest[(colon + 1)..], out var port) || port is < 0 or > 65535) throw new FormatException(bad);
        var host = rest[..colon].Trim('[', ']');
        var address = host switch
        {
            "*" or "+" => IPAddress.Any,
            "localhost" => IPAddress.Loopback,
            _ when IPAddress.TryParse(host, out var ip) => ip,
            _ => throw new FormatException(bad),
        };
        return new ListenAddress(scheme, address, port);
    }

    public static ListenAddress Loopback(string scheme) => new(scheme, IPAddress.Loopback, 0);

    public IPEndPoint EndPoint => new(Address, Port);
}
