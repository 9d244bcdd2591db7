using System.Net;
using System.Net.Sockets;

namespace Grid.Grains.Connectors;

/// <summary>
/// A trusted IP (企业可信IP) in one canonical text form, so that one address is one index key and one stored value:
/// IPv4 as four decimal parts, IPv6 as RFC 5952 (lower case, zeros compressed), IPv4-mapped IPv6 as its IPv4.
/// </summary>
internal static class TrustedIpAddress
{
    /// <summary>
    /// Refuses, rather than guesses, every form that tools read differently: IPv4 parts with leading zeros (octal to
    /// inet_aton and some firewalls, decimal to others: 010 is 8 or 10), fewer than four parts (127.1), hexadecimal
    /// or single-number forms, brackets and IPv6 zone ids (fe80::1%eth0), which WeCom never sees.
    /// </summary>
    public static bool TryCanonicalize(string? value, out string canonical, out string problem)
    {
        canonical = "";
        var text = value?.Trim() ?? "";
        problem = text.Length == 0 ? "empty: give an IPv4 or IPv6 address" : $"'{text}' is not an IP address";
        if (text.Length is 0 or > 45)
        {
            return false;
        }

        if (!text.Contains(':', StringComparison.Ordinal))
        {
            if (!IsStrictIPv4(text, out var ambiguous))
            {
                if (ambiguous)
                {
                    problem = $"'{text}' has an IPv4 part with a leading zero, which some tools read as octal: write each part in decimal without leading zeros";
                }

                return false;
            }

            canonical = IPAddress.Parse(text).ToString();
            return true;
        }

        var lastColon = text.LastIndexOf(':');
        var embeddedIPv4 = text.Contains('.', StringComparison.Ordinal) ? text[(lastColon + 1)..] : null;
        if (!text.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.')
            || (embeddedIPv4 is not null && !IsStrictIPv4(embeddedIPv4, out _))
            || !IPAddress.TryParse(text, out var address)
            || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        canonical = (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        return true;
    }

    private static bool IsStrictIPv4(string text, out bool ambiguous)
    {
        ambiguous = false;
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit) || int.Parse(part, System.Globalization.CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }

            if (part.Length > 1 && part[0] == '0')
            {
                ambiguous = true;
            }
        }

        return !ambiguous;
    }
}
