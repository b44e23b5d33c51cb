using System.Security.Cryptography.X509Certificates;
using StrimziGuard.Commands;

namespace StrimziGuard.Tests.Web;

/// <summary>
/// The layout kubelet gives a Secret volume: <c>tls.crt -&gt; ..data/tls.crt</c>, <c>..data -&gt; ..2026_01_05_08_00_00.N</c>, and an
/// update writes a new timestamped directory and renames a new <c>..data</c> link over the old one (atomic; the file links never change).
/// </summary>
internal sealed class SecretVolume
{
    private int generation;

    private SecretVolume(string root) => Root = root;

    public string Root { get; }

    public string CertFile => Path.Combine(Root, "tls.crt");

    public string KeyFile => Path.Combine(Root, "tls.key");

    public X509Certificate2 Current { get; private set; } = null!;

    public static SecretVolume Create(DevCertificates certs, string commonName)
    {
        var volume = new SecretVolume(Directory.CreateTempSubdirectory("secret-volume-").FullName);
        var first = volume.WriteGeneration(certs, commonName);
        Directory.CreateSymbolicLink(Path.Combine(volume.Root, "..data"), first);
        File.CreateSymbolicLink(volume.CertFile, Path.Combine("..data", "tls.crt"));
        File.CreateSymbolicLink(volume.KeyFile, Path.Combine("..data", "tls.key"));
        return volume;
    }

    public void Swap(DevCertificates certs, string commonName)
    {
        var next = WriteGeneration(certs, commonName);
        var temporary = Path.Combine(Root, "..data_tmp");
        Directory.CreateSymbolicLink(temporary, next);
        // rename(2) over the existing link, as kubelet's atomic writer does; File.Move would refuse an existing target.
        if (Rename(temporary, Path.Combine(Root, "..data")) != 0) throw new IOException("rename of ..data_tmp over ..data failed");
    }

    private string WriteGeneration(DevCertificates certs, string commonName)
    {
        var name = $"..2026_01_05_08_00_00.{++generation}";
        var dir = Directory.CreateDirectory(Path.Combine(Root, name)).FullName;
        Current = certs.IssueServing(Path.Combine(dir, "tls.crt"), Path.Combine(dir, "tls.key"), commonName);
        return name;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename(string oldPath, string newPath);
}
