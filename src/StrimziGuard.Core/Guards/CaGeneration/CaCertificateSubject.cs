using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace StrimziGuard.Core.Guards.CaGeneration;

/// <summary>
/// The key generation a Strimzi-made cluster CA certificate names in its subject: <c>O=io.strimzi, CN=cluster-ca vK</c>
/// (<c>InternalCa.nextCaSubject</c> puts the key generation there, strimzi-facts §1). Read exactly, attribute by attribute, from the one
/// certificate in <c>ca.crt</c>; anything else (no certificate, more than one, another subject, a CN with more after the number) is null,
/// so a stamp is never based on a guess.
/// </summary>
internal static class CaCertificateSubject
{
    private const string CommonNameOid = "2.5.4.3";
    private const string OrganizationOid = "2.5.4.10";
    private const string Prefix = "cluster-ca v";

    /// <summary>K from the base64 <c>ca.crt</c> value of a <c>&lt;cluster&gt;-cluster-ca-cert</c> Secret, or null.</summary>
    public static int? KeyGeneration(string? base64CaCrt)
    {
        if (base64CaCrt is null) return null;
        var bytes = new byte[base64CaCrt.Length];
        if (!Convert.TryFromBase64String(base64CaCrt, bytes, out var written)) return null;
        var pem = Encoding.UTF8.GetString(bytes, 0, written);
        if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] is not "CERTIFICATE") return null;
        // Strimzi's ca.crt holds exactly one certificate; a second block makes "the certificate in ca.crt" ambiguous.
        if (pem.AsSpan(fields.Location.End.Value).Contains("-----BEGIN ", StringComparison.Ordinal)) return null;
        try
        {
            using var cert = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(pem[fields.Base64Data]));
            return FromSubject(cert.SubjectName);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    /// <summary>K when the subject has exactly one CN, <c>cluster-ca v</c> and a decimal number, and exactly one O, <c>io.strimzi</c>.</summary>
    public static int? FromSubject(X500DistinguishedName subject)
    {
        var commonNames = new List<string?>();
        var organizations = new List<string?>();
        foreach (var rdn in subject.EnumerateRelativeDistinguishedNames())
        {
            // A multi-valued RDN is nothing Strimzi writes.
            if (rdn.HasMultipleElements) return null;
            var oid = rdn.GetSingleElementType().Value;
            if (oid == CommonNameOid) commonNames.Add(rdn.GetSingleElementValue());
            else if (oid == OrganizationOid) organizations.Add(rdn.GetSingleElementValue());
        }
        if (commonNames is not [{ } cn] || organizations is not ["io.strimzi"] || !cn.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var digits = cn[Prefix.Length..];
        if (digits.Length is 0 or > 9 || !digits.All(char.IsAsciiDigit)) return null;
        return int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
