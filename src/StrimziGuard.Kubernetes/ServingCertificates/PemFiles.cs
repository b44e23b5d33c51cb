namespace StrimziGuard.Kubernetes.ServingCertificates;

/// <summary>
/// A certificate and key written to a private temp directory (owner-only), for a server that loads its first certificate from
/// files while the Secret volume is still empty. Deleted on dispose.
/// </summary>
public sealed class PemFiles : IDisposable
{
    private PemFiles(string directory) => Directory = directory;

    public string Directory { get; }

    public string CertFile => Path.Combine(Directory, "tls.crt");

    public string KeyFile => Path.Combine(Directory, "tls.key");

    public static PemFiles Write(IssuedCertificate pair)
    {
        var files = new PemFiles(System.IO.Directory.CreateTempSubdirectory("strimzi-guard-tls-").FullName);
        File.WriteAllText(files.CertFile, pair.CertificatePem);
        File.WriteAllText(files.KeyFile, pair.KeyPem);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(files.KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return files;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left in the pod's emptyDir goes with the pod.
        }
    }
}
