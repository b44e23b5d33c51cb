using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using StrimziGuard.Core;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Certificates;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Testing;

namespace StrimziGuard.Fuzz.Targets;

/// <summary>
/// PEM and base64 in Secrets, through the secret policy (a Strimzi-labelled Secret under review) and <see cref="PemCertificates"/>
/// directly: real certificates and chains, private keys where certificates belong, DER and base64 with flipped bytes, truncated and
/// relabelled blocks, more blocks than the cap, broken padding, non-string values. Pass: no policy errors, and no line of a private
/// key's base64 appears anywhere in the answer (messages, warnings, audit annotations).
/// </summary>
public sealed class SecretTarget : FuzzTarget
{
    private static readonly string[] Keys = ["tls.crt", "ca.crt", "tls.key", "user.crt", "ca.p12"];

    private readonly string[] certificates;
    private readonly string[] privateKeys;
    private readonly AdmissionDispatcher dispatcher = new(PolicyCatalog.Default);
    private readonly JsonObject template = Seeds.SecretReview();

    public SecretTarget()
    {
        var ca = TestCertificates.Create(TimeSpan.FromDays(365), "CN=cluster-ca v0, O=io.strimzi", isCa: true);
        certificates =
        [
            TestCertificates.PemOfLifetime(TimeSpan.FromDays(7)),
            TestCertificates.PemOfLifetime(TimeSpan.FromDays(30)),
            TestCertificates.Pem(TestCertificates.Create(TimeSpan.FromDays(1), "CN=leaf", issuer: ca), ca),
            TestCertificates.Pem(ca),
        ];
        using var rsa = RSA.Create(2048);
        privateKeys = [TestCertificates.PrivateKeyPem(), rsa.ExportRSAPrivateKeyPem(), rsa.ExportPkcs8PrivateKeyPem()];
    }

    public override string Name => "secret";

    public override object Generate(Random rng)
    {
        var review = template.DeepClone().AsObject();
        var secret = review["request"]!["object"]!.AsObject();
        secret["metadata"]!["labels"] = new JsonObject { ["strimzi.io/cluster"] = "my-cluster", ["strimzi.io/kind"] = "Kafka" };
        var data = new JsonObject();
        var keyMaterial = new List<string>();
        for (int n = 1 + rng.Next(3), i = 0; i < n; i++) data[Keys[rng.Next(Keys.Length)]] = Value(rng, keyMaterial);
        secret[rng.Next(8) == 0 ? "stringData" : "data"] = data;
        try
        {
            return new SecretInput(Encoding.UTF8.GetBytes(review.ToJsonString()), keyMaterial);
        }
        catch (InvalidOperationException)
        {
            // A lone surrogate System.Text.Json will not write back: the admission target sends those as raw bytes.
            secret.Remove("data");
            secret.Remove("stringData");
            return new SecretInput(Encoding.UTF8.GetBytes(review.ToJsonString()), keyMaterial);
        }
    }

    public override string Execute(object input)
    {
        var (body, keyMaterial) = (SecretInput)input;
        var read = AdmissionReviewCodec.Read(body);
        if (read.Review is null) return "400 " + Outcomes.Label(read.Error!);
        foreach (var value in (read.Review.Request!.Object?["data"] as JsonObject ?? []).Select(p => p.Value))
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var s)) PemCertificates.Read(Decode(s));
        }
        var decision = dispatcher.Review(read.Review.Request, ClusterSnapshot.Empty, GuardOptions.Default);
        Outcomes.CheckNoPolicyErrored(decision);
        var answer = Encoding.UTF8.GetString(AdmissionReviewCodec.Write(read.Review.Request.Uid, decision));
        if (keyMaterial.FirstOrDefault(line => answer.Contains(line, StringComparison.Ordinal)) is { } leaked)
            throw new FuzzFailure($"key material echoed in the answer: {leaked[..16]}...");
        return $"{decision.Outcome} {Outcomes.Label(decision.Message ?? decision.Reason)}";
    }

    public override string Describe(object input) => base.Describe(((SecretInput)input).Body);

    private JsonNode? Value(Random rng, List<string> keyMaterial)
    {
        string pem;
        switch (rng.Next(10))
        {
            case 0:
                pem = privateKeys[rng.Next(privateKeys.Length)];
                keyMaterial.AddRange(pem.Split('\n').Where(l => l.Length >= 40 && !l.StartsWith("-----", StringComparison.Ordinal)));
                break;
            case 1: pem = string.Concat(Enumerable.Repeat(certificates[0], rng.Next(60, 80))); break;
            case 2: return JsonNode.Parse(Oddities.Pick(rng, Oddities.JsonValues));
            default: pem = string.Concat(Enumerable.Range(0, 1 + rng.Next(3)).Select(_ => certificates[rng.Next(certificates.Length)])); break;
        }
        pem = MutatePem(pem, rng);
        var bytes = Encoding.UTF8.GetBytes(pem);
        var base64 = rng.Next(6) == 0 ? pem : Convert.ToBase64String(bytes);
        return JsonValue.Create(rng.Next(5) == 0 ? MutateBase64(base64, rng) : base64);
    }

    private static string MutatePem(string pem, Random rng)
    {
        if (rng.Next(3) == 0) return pem;
        var at = rng.Next(pem.Length);
        return rng.Next(7) switch
        {
            0 => pem[..at],
            1 => pem.Replace("CERTIFICATE", Oddities.Pick(rng, ["PRIVATE KEY", "CERTIFICATE REQUEST", "X509 CRL", "TRUSTED CERTIFICATE", "CERTIFICATE "]), StringComparison.Ordinal),
            2 => pem[..at] + Oddities.Pick(rng, Oddities.Text) + pem[at..],
            3 => FlipDer(pem, rng),
            4 => pem.Replace("\n", "\r\n", StringComparison.Ordinal),
            5 => pem[..at] + "-----BEGIN CERTIFICATE-----\n" + pem[at..],
            _ => pem.Replace("-----END", "-----END CERTIFICATE-----\n-----END", StringComparison.Ordinal),
        };
    }

    /// <summary>Flips bytes inside the DER of the first block, so the ASN.1 reader sees a well-framed but corrupt certificate.</summary>
    private static string FlipDer(string pem, Random rng)
    {
        if (!PemEncoding.TryFind(pem, out var fields)) return pem;
        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        for (int n = 1 + rng.Next(4), i = 0; i < n; i++) der[rng.Next(der.Length)] ^= (byte)(1 << rng.Next(8));
        if (rng.Next(3) == 0) der = der[..rng.Next(der.Length)];
        return pem[..fields.Location.Start] + PemEncoding.WriteString("CERTIFICATE", der) + pem[fields.Location.End..];
    }

    private static string MutateBase64(string base64, Random rng)
    {
        var at = rng.Next(base64.Length + 1);
        return rng.Next(4) switch
        {
            0 => base64.TrimEnd('='),
            1 => base64[..at] + Oddities.Pick(rng, ["!", "-", "_", " ", "\n", "=", "\u00e9", "\ud800"]) + base64[at..],
            2 => base64.Replace('+', '-').Replace('/', '_'),
            _ => base64[..at],
        };
    }

    private static string Decode(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return base64;
        }
    }

    private sealed record SecretInput(byte[] Body, IReadOnlyList<string> KeyMaterial);
}
