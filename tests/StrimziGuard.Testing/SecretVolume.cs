using System.Security.Cryptography.X509Certificates;

namespace StrimziGuard.Testing;

/// <summary>
/// The layout kubelet gives a Secret volume: <c>tls.crt -&gt; ..data/tls.crt</c>, <c>..data -&gt; ..2026_01_05_08_00_00.N</c>, and an
/// update writes a new timestamped directory and renames a new <c>..data</c> link over the old one (atomic; the file links never change).
/// <c>issue</c> writes a certificate and its key to the two paths it is given and returns the certificate.
/// </summary>
public sealed class SecretVolume
{
    private int generation;

    private SecretVolume(string root) => Root = root;

    public string Root { get; }

    public string CertFile => Path.Combine(Root, "tls.crt");

    public string KeyFile => Path.Combine(Root, "tls.key");

    public X509Certificate2 Current { get; private set; } = null!;

    public static SecretVolume Create(Func<string, string, X509Certificate2> issue)
    {
        var volume = new SecretVolume(Directory.CreateTempSubdirectory("secret-volume-").FullName);
        var first = volume.WriteGeneration(issue);
        Directory.CreateSymbolicLink(Path.Combine(volume.Root, "..data"), first);
        File.CreateSymbolicLink(volume.CertFile, Path.Combine("..data", "tls.crt"));
        File.CreateSymbolicLink(volume.KeyFile, Path.Combine("..data", "tls.key"));
        return volume;
    }

    public void Swap(Func<string, string, X509Certificate2> issue)
    {
        var next = WriteGeneration(issue);
        var temporary = Path.Combine(Root, "..data_tmp");
        Directory.CreateSymbolicLink(temporary, next);
        // rename(2) over the existing link, as kubelet's atomic writer does; File.Move would refuse an existing target.
        if (Rename(temporary, Path.Combine(Root, "..data")) != 0) throw new IOException("rename of ..data_tmp over ..data failed");
    }

    private string WriteGeneration(Func<string, string, X509Certificate2> issue)
    {
        var name = $"..2026_01_05_08_00_00.{++generation}";
        var dir = Directory.CreateDirectory(Path.Combine(Root, name)).FullName;
        Current = issue(Path.Combine(dir, "tls.crt"), Path.Combine(dir, "tls.key"));
        return name;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename(string oldPath, string newPath);
}
