using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using StrimziGuard.Core.Certificates;
using StrimziGuard.Kubernetes.Certificates;

namespace StrimziGuard.Commands;

/// <summary>
/// <c>certs</c>: the webhook's CA and serving certificate made offline, for air-gapped and GitOps installs where neither the
/// guard's own rotation nor cert-manager is wanted. The same issuer as the in-cluster rotation (ECDSA P-256, at most 7 days).
/// stdout carries only the caBundle, so <c>CA_BUNDLE=$(strimzi-guard certs)</c> works; everything else goes to stderr.
/// </summary>
internal static class CertsCommand
{
    public const string Help = """
        Usage: strimzi-guard certs [--out DIR] [--namespace NS] [--service NAME] [--validity DURATION]
                                   [--ca-validity DURATION] [--ca-cert FILE --ca-key FILE] [--force]

        Makes a CA (or reuses one) and a serving certificate for the webhook Service, writes PEM files to DIR, and prints the
        caBundle (base64 of ca.crt) for the webhook configurations' clientConfig.caBundle.
          --out DIR              where to write ca.crt, ca.key (new CA only), tls.crt, tls.key (default certs/out; git-ignored)
          --namespace NS         the guard's namespace (default strimzi-guard)
          --service NAME         the webhook Service (default strimzi-guard); the certificate names NAME.NS.svc and variants
          --validity DURATION    serving certificate lifetime, at most 168h (default 168h): the guard's own 7-day rule
          --ca-validity DURATION CA lifetime (default 8760h)
          --ca-cert FILE         sign with this CA instead of a new one (renew the leaf without changing the caBundle)
          --ca-key FILE          its private key (PEM)
          --force                overwrite files already in DIR
        Then, for example:
          kubectl create secret tls strimzi-guard-serving-cert -n strimzi-guard --cert=DIR/tls.crt --key=DIR/tls.key
        Keys are written readable by the owner only. Never commit them.
        """;

    private static readonly HashSet<string> Valued = ["out", "namespace", "service", "validity", "ca-validity", "ca-cert", "ca-key"];

    private static readonly HashSet<string> Flags = ["force"];

    public static int Run(IEnumerable<string> argv, CliConsole console, TimeProvider? time = null)
    {
        var args = CommandLineArgs.Parse("certs", argv, Valued, Flags);
        if (args.Positionals.Count > 0) throw new UsageException($"certs: unexpected argument '{args.Positionals[0]}'");
        var options = new ServingCertOptions
        {
            Namespace = args.Value("namespace") ?? "strimzi-guard",
            ServiceName = args.Value("service") ?? "strimzi-guard",
        };
        var validity = Duration(args, "validity", options.LeafLifetime);
        if (validity > options.LeafLifetime || validity < TimeSpan.FromHours(1))
            throw new UsageException($"certs: --validity {GoDuration.Format(validity)}: the serving certificate must live between 1h and 168h (7 days)");
        var caValidity = Duration(args, "ca-validity", options.CaLifetime);
        if (caValidity < validity) throw new UsageException("certs: --ca-validity must be at least --validity");
        var (caCertFile, caKeyFile) = (args.Value("ca-cert"), args.Value("ca-key"));
        if ((caCertFile is null) != (caKeyFile is null)) throw new UsageException("certs: give --ca-cert and --ca-key together");

        var now = (time ?? TimeProvider.System).GetUtcNow();
        var ca = caCertFile is null ? CertificateIssuer.CreateCa($"{options.ServiceName}.{options.Namespace} webhook CA", now, caValidity) : LoadCa(caCertFile, caKeyFile!);
        var leaf = CertificateIssuer.IssueServing(ca, options.DnsNames, now, validity);

        var dir = args.Value("out") ?? Path.Combine("certs", "out");
        Directory.CreateDirectory(dir);
        var files = new List<(string Name, string Text, bool Secret)> { ("ca.crt", ca.CertificatePem, false), ("tls.crt", leaf.CertificatePem, false), ("tls.key", leaf.KeyPem, true) };
        if (caCertFile is null) files.Add(("ca.key", ca.KeyPem, true));
        var clash = files.Select(f => Path.Combine(dir, f.Name)).FirstOrDefault(File.Exists);
        if (clash is not null && !args.Flag("force")) throw new UsageException($"certs: {clash} exists; give --force to overwrite it");
        foreach (var (name, text, secret) in files) Write(Path.Combine(dir, name), text, secret);

        console.Error.WriteLine($"strimzi-guard certs: wrote {string.Join(", ", files.Select(f => f.Name))} to {dir}");
        console.Error.WriteLine($"  serving certificate for {string.Join(", ", options.DnsNames)}, valid {leaf.NotBefore:u} to {leaf.NotAfter:u}");
        console.Error.WriteLine($"  CA {ca.Certificate.Subject}, valid until {ca.NotAfter:u}; caBundle on stdout");
        console.Out.WriteLine(Convert.ToBase64String(Encoding.ASCII.GetBytes(ca.CertificatePem)));
        return ExitCodes.Ok;
    }

    private static TimeSpan Duration(CommandLineArgs args, string name, TimeSpan fallback)
    {
        var text = args.Value(name);
        if (text is null) return fallback;
        return GoDuration.TryParse(text, out var d, out var error, allowDays: true) ? d : throw new UsageException($"certs: --{name} \"{text}\" {error}");
    }

    private static IssuedCertificate LoadCa(string certFile, string keyFile)
    {
        try
        {
            var ca = IssuedCertificate.FromPem(File.ReadAllText(certFile), File.ReadAllText(keyFile));
            using var key = ca.Certificate.GetECDsaPrivateKey();
            if (key is null) throw new UsageException($"certs: {keyFile} is not an ECDSA key (the guard's CAs are P-256)");
            return ca;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new UsageException($"certs: --ca-cert {certFile} and --ca-key {keyFile} do not form a CA certificate and key ({e.Message.Split('\n')[0]})");
        }
    }

    private static void Write(string path, string text, bool secret)
    {
        File.WriteAllText(path, text);
        if (secret && !OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
