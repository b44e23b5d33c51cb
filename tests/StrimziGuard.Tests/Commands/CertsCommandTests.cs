using System.Security.Cryptography.X509Certificates;
using System.Text;
using StrimziGuard.Commands;
using StrimziGuard.Kubernetes.ServingCertificates;

namespace StrimziGuard.Tests.Commands;

/// <summary><c>strimzi-guard certs</c>: the offline CA and serving certificate for air-gapped and GitOps installs.</summary>
public sealed class CertsCommandTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("strimzi-guard-certs-");

    public void Dispose() => dir.Delete(recursive: true);

    [Fact]
    public void It_writes_a_CA_and_a_seven_day_serving_certificate_for_the_service_and_prints_the_caBundle()
    {
        var (code, stdout, _) = Run("--out", dir.FullName);

        Assert.Equal(ExitCodes.Ok, code);
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(dir.FullName, "ca.crt")));
        var leaf = IssuedCertificate.FromPem(File.ReadAllText(Path.Combine(dir.FullName, "tls.crt")), File.ReadAllText(Path.Combine(dir.FullName, "tls.key")));
        Assert.True(leaf.IsSignedBy(ca));
        Assert.Equal(TimeSpan.FromDays(7), leaf.NotAfter - leaf.NotBefore);
        Assert.Contains("strimzi-guard.strimzi-guard.svc", leaf.DnsNames);
        using (var key = leaf.Certificate.GetECDsaPublicKey()) Assert.Equal(256, key!.KeySize);
        Assert.Equal(ca.Thumbprint, CaBundle.FromBase64(stdout.Trim()).Single().Thumbprint);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir.FullName, "tls.key")));
    }

    [Fact]
    public void A_given_CA_signs_a_new_leaf_and_the_caBundle_stays_the_same()
    {
        var (_, first, _) = Run("--out", dir.FullName);
        var again = dir.CreateSubdirectory("renewed");
        var (code, second, _) = Run("--out", again.FullName, "--ca-cert", Path.Combine(dir.FullName, "ca.crt"), "--ca-key", Path.Combine(dir.FullName, "ca.key"));

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(first.Trim(), second.Trim());
        Assert.False(File.Exists(Path.Combine(again.FullName, "ca.key")));
    }

    [Theory]
    [InlineData("--validity", "169h")]
    [InlineData("--validity", "8d")]
    [InlineData("--ca-cert", "ca.crt")]
    public void A_lifetime_above_seven_days_or_half_a_CA_is_a_usage_error(string option, string value)
    {
        var (code, stdout, stderr) = Run("--out", dir.FullName, option, value);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Empty(stdout);
        Assert.StartsWith("strimzi-guard: certs:", stderr);
    }

    [Fact]
    public void A_second_run_without_force_changes_nothing_says_so_and_prints_the_same_caBundle()
    {
        var (_, first, _) = Run("--out", dir.FullName);
        var before = dir.GetFiles().ToDictionary(f => f.Name, f => File.ReadAllText(f.FullName));
        var (code, second, stderr) = Run("--out", dir.FullName);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("nothing changed", stderr);
        Assert.Equal(first, second);
        Assert.Equal(before, dir.GetFiles().ToDictionary(f => f.Name, f => File.ReadAllText(f.FullName)));
        Assert.Equal(ExitCodes.Ok, Run("--out", dir.FullName, "--force").Code);
        Assert.NotEqual(before["ca.crt"], File.ReadAllText(Path.Combine(dir.FullName, "ca.crt")));
    }

    [Fact]
    public void On_a_fresh_clone_the_out_directory_is_created_and_holds_the_caBundle_and_no_empty_file()
    {
        var fresh = Path.Combine(dir.FullName, "certs", "out");
        var (code, stdout, _) = Run("--out", fresh);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(stdout.Trim(), File.ReadAllText(Path.Combine(fresh, "ca-bundle.b64")).Trim());
        Assert.Equal(["ca-bundle.b64", "ca.crt", "ca.key", "tls.crt", "tls.key"], Directory.GetFiles(fresh).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(Directory.GetFiles(fresh), f => Assert.True(new FileInfo(f).Length > 0, f));
    }

    [Fact]
    public void A_directory_holding_only_some_of_the_files_is_refused_without_force()
    {
        Run("--out", dir.FullName);
        File.Delete(Path.Combine(dir.FullName, "tls.key"));
        var (code, stdout, stderr) = Run("--out", dir.FullName);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Empty(stdout);
        Assert.Contains("not tls.key; give --force", stderr);
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = Cli.RunAsync(["certs", .. args], new CliConsole(() => new MemoryStream(Encoding.UTF8.GetBytes("")), stdout, stderr)).GetAwaiter().GetResult();
        return (code, stdout.ToString(), stderr.ToString());
    }
}
