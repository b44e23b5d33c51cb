using System.Net;
using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Network;

/// <summary>CIDR matching for <c>ipBlock</c> peers: inside <c>cidr</c> and outside every <c>except</c>.</summary>
internal static class IpBlocks
{
    public static bool Contains(V1IPBlock block, IPAddress address) =>
        InCidr(block.Cidr, address) && !(block.Except ?? []).Any(e => InCidr(e, address));

    private static bool InCidr(string? cidr, IPAddress address)
    {
        // An unparsable CIDR is rejected by the API server; if one slips through it matches nothing.
        if (cidr is null || !IPNetwork.TryParse(cidr, out var network)) return false;
        var candidate = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return network.BaseAddress.AddressFamily == candidate.AddressFamily && network.Contains(candidate);
    }
}
