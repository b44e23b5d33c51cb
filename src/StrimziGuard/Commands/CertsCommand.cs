using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using StrimziGuard.Core.Certificates;
using StrimziGuard.Kubernetes.ServingCertificates;

namespace StrimziGuard.Commands;

/// <summary>
/// <c>certs</c>: the webhook's CA and serving certificate made offline, for air-gapped and GitOps installs where neither the
/// guard's own rotation nor cert-manager is wanted. The same issuer as the in-cluster rotation (ECDSA P-256, at most 7 days).
/// stdout carries only the caBundle, so <c>CA_BUNDLE=$(strimzi-guard certs)</c> works; everything else goes to stderr. It also lands in
/// DIR/ca-bundle.b64, so the README's flow needs no shell redirect (which would create the file before DIR exists).
/// </summary>
internal static class CertsCommand
{
    public const string BundleFile = "ca-bundle.b64";

    public static Command Create(CliConsole console)
    {
        var output = new Option<string>("--out") { Description = "where to write ca.crt, ca.key (new CA only), tls.crt, tls.key and ca-bundle.b64 (git-ignored)", HelpName = "DIR", DefaultValueFactory = _ => Path.Combine("certs", "out") };
        var ns = new Option<string>("--namespace") { Description = "the guard's namespace", HelpName = "NS", DefaultValueFactory = _ => "strimzi-guard" };
        var service = new Option<string>("--service") { Description = "the webhook Service; the certificate names NAME.NS.svc and variants", HelpName = "NAME", DefaultValueFactory = _ => "strimzi-guard" };
        var validity = new Option<string?>("--validity") { Description = "serving certificate lifetime, 1h to 168h (default 168h): the guard's own 7-day rule", HelpName = "DURATION" };
        var caValidity = new Option<string?>("--ca-validity") { Description = "CA lifetime (default 8760h)", HelpName = "DURATION" };
        var caCert = new Option<string?>("--ca-cert") { Description = "sign with this CA instead of a new one (renew the leaf, keep the caBundle)", HelpName = "FILE" };
        var caKey = new Option<string?>("--ca-key") { Description = "its private key (PEM)", HelpName = "FILE" };
        var force = new Option<bool>("--force") { Description = "replace the files already in DIR" };
        var command = new Command("certs", """
            Make the webhook's CA and serving certificate offline and print the caBundle.
            Writes them (or, with --ca-cert, a new leaf of that CA) as PEM files to DIR, with the caBundle (base64 of ca.crt) in
            DIR/ca-bundle.b64. When DIR already holds them, nothing changes (--force
            replaces them). Keys are written readable by the owner only; never commit them. Then, for example:
              kubectl create secret tls strimzi-guard-serving-cert -n strimzi-guard --cert=DIR/tls.crt --key=DIR/tls.key
            """)
        {
            output, ns, service, validity, caValidity, caCert, caKey, force,
        };
        command.SetAction(parse => Run(console, new Request(
            parse.GetValue(output)!, parse.GetValue(ns)!, parse.GetValue(service)!, parse.GetValue(validity), parse.GetValue(caValidity),
            parse.GetValue(caCert), parse.GetValue(caKey), parse.GetValue(force))));
        return command;
    }

    internal sealed record Request(string Out, string Namespace, string Service, string? Validity, string? CaValidity, string? CaCert, string? CaKey, bool Force);

    public static int Run(CliConsole console, Request args, TimeProvider? time = null)
    {
        var options = new ServingCertOptions { Namespace = args.Namespace, ServiceName = args.Service };
        var validity = Duration("validity", args.Validity, options.LeafLifetime);
        if (validity > options.LeafLifetime || validity < TimeSpan.FromHours(1))
            throw new UsageException($"certs: --validity {GoDuration.Format(validity)}: the serving certificate must live between 1h and 168h (7 days)");
        var caValidity = Duration("ca-validity", args.CaValidity, options.CaLifetime);
        if (caValidity < validity) throw new UsageException("certs: --ca-validity must be at least --validity");
        if ((args.CaCert is null) != (args.CaKey is null)) throw new UsageException("certs: give --ca-cert and --ca-key together");

        var dir = args.Out;
        string[] names = args.CaCert is null ? ["ca.crt", "ca.key", "tls.crt", "tls.key", BundleFile] : ["ca.crt", "tls.crt", "tls.key", BundleFile];
        var present = names.Where(n => File.Exists(Path.Combine(dir, n))).ToArray();
        if (present.Length > 0 && !args.Force)
        {
            if (present.Length < names.Length)
                throw new UsageException($"certs: {dir} holds {string.Join(", ", present)} but not {string.Join(", ", names.Except(present))}; give --force to replace them all");
            // A second run changes nothing: the same files, the same caBundle on stdout, so scripts can run it every time.
            var bundle = ReadBundle(Path.Combine(dir, BundleFile));
            console.Error.WriteLine($"strimzi-guard certs: {dir} already holds {string.Join(", ", names)}; nothing changed (give --force to make new ones)");
            console.Out.WriteLine(bundle);
            return ExitCodes.Ok;
        }

        var now = (time ?? TimeProvider.System).GetUtcNow();
        var ca = args.CaCert is null ? CertificateIssuer.CreateCa($"{options.ServiceName}.{options.Namespace} webhook CA", now, caValidity) : LoadCa(args.CaCert, args.CaKey!);
        var leaf = CertificateIssuer.IssueServing(ca, options.DnsNames, now, validity);
        var caBundle = Convert.ToBase64String(Encoding.ASCII.GetBytes(ca.CertificatePem));

        var files = new List<(string Name, string Text, bool Secret)> { ("ca.crt", ca.CertificatePem, false), ("tls.crt", leaf.CertificatePem, false), ("tls.key", leaf.KeyPem, true) };
        if (args.CaCert is null) files.Add(("ca.key", ca.KeyPem, true));
        files.Add((BundleFile, caBundle + "\n", false));
        try
        {
            Directory.CreateDirectory(dir);
            foreach (var (name, text, secret) in files) Write(Path.Combine(dir, name), text, secret);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"certs: cannot write to {dir}: {CliErrors.FirstLine(e.Message)}");
        }

        console.Error.WriteLine($"strimzi-guard certs: wrote {string.Join(", ", files.Select(f => f.Name))} to {dir}");
        console.Error.WriteLine($"  serving certificate for {string.Join(", ", options.DnsNames)}, valid {leaf.NotBefore:u} to {leaf.NotAfter:u}");
        console.Error.WriteLine($"  CA {ca.Certificate.Subject}, valid until {ca.NotAfter:u}; caBundle in {Path.Combine(dir, BundleFile)} and on stdout");
        console.Out.WriteLine(caBundle);
        return ExitCodes.Ok;
    }

    private static string ReadBundle(string file)
    {
        var text = File.ReadAllText(file).Trim();
        if (text.Length == 0) throw new UsageException($"certs: {file} is empty; give --force to make new files");
        return text;
    }

    private static TimeSpan Duration(string name, string? text, TimeSpan fallback)
    {
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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"certs: cannot read the CA: {CliErrors.FirstLine(e.Message)}");
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new UsageException($"certs: --ca-cert {certFile} and --ca-key {keyFile} are not a PEM certificate and its private key");
        }
    }

    /// <summary>Written beside the target and moved into place, so no step leaves an empty or half-written file behind; a key is private from the start.</summary>
    private static void Write(string path, string text, bool secret)
    {
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            writer.Write(text);
        }
        File.Move(temp, path, overwrite: true);
    }
}
