using Microsoft.Extensions.Logging;
using StrimziGuard.Commands;
using StrimziGuard.Testing;
using StrimziGuard.Kubernetes.ServingCertificates;

namespace StrimziGuard.Tests.Web;

public sealed class CertificateRotationTests
{
    [Fact]
    public async Task A_plain_overwrite_of_the_pem_files_is_served_from_the_next_handshake()
    {
        await using var server = await TestServer.StartAsync(s => s with { ReloadInterval = TimeSpan.Zero });
        var before = await server.HandshakeAsync();

        var rotated = server.Certs.IssueServing(server.Certs.CertFile, server.Certs.KeyFile, "rotated by overwrite");

        var after = await server.HandshakeAsync();
        Assert.NotEqual(before.Thumbprint, after.Thumbprint);
        Assert.Equal(rotated.Thumbprint, after.Thumbprint);
    }

    [Fact]
    public async Task A_secret_volume_data_symlink_swap_is_served_from_the_next_handshake()
    {
        using var certs = DevCertificates.Create();
        var volume = SecretVolume.Create((crt, key) => certs.IssueServing(crt, key, "first"));
        await using var server = await TestServer.StartAsync(
            s => s with { TlsCertFile = volume.CertFile, TlsKeyFile = volume.KeyFile, ReloadInterval = TimeSpan.Zero }, certs: certs);
        Assert.Equal(volume.Current.Thumbprint, (await server.HandshakeAsync()).Thumbprint);

        volume.Swap((crt, key) => certs.IssueServing(crt, key, "second"));

        Assert.Equal(volume.Current.Thumbprint, (await server.HandshakeAsync()).Thumbprint);
    }

    [Fact]
    public async Task A_rotation_is_picked_up_by_the_reload_timer_too_so_the_expiry_metric_follows_without_traffic()
    {
        await using var server = await TestServer.StartAsync(s => s with { ReloadInterval = TimeSpan.FromMilliseconds(20) });
        var rotated = server.Certs.IssueServing(server.Certs.CertFile, server.Certs.KeyFile, "rotated for the timer");
        await Eventually.True(() => server.Server.Certificate.Certificate?.Thumbprint == rotated.Thumbprint, "the timer to load the new certificate");
    }

    [Fact]
    public async Task A_half_written_pair_keeps_the_old_certificate_and_is_logged_and_a_completed_pair_then_loads()
    {
        await using var server = await TestServer.StartAsync(s => s with { ReloadInterval = TimeSpan.Zero });
        var before = await server.HandshakeAsync();

        // The new certificate has landed but its key has not: the pair does not match.
        var newKey = Path.Combine(server.Certs.Directory, "next.key");
        server.Certs.IssueServing(server.Certs.CertFile, newKey, "half written");

        Assert.Equal(before.Thumbprint, (await server.HandshakeAsync()).Thumbprint);
        Assert.Contains(server.Logs.GetSnapshot(), e => e.Level == LogLevel.Warning && e.Message.Contains("not reloaded, still serving " + before.Thumbprint));
        using (var ready = await server.Client.GetAsync(server.Url("/readyz")))
        {
            Assert.Equal(200, (int)ready.StatusCode);
            Assert.Contains("certificate reload failed", await ready.Content.ReadAsStringAsync());
        }

        File.Copy(newKey, server.Certs.KeyFile, overwrite: true);
        var after = await server.HandshakeAsync();
        Assert.NotEqual(before.Thumbprint, after.Thumbprint);
        Assert.Null(server.Server.Certificate.LastError);
    }

    [Fact]
    public async Task A_truncated_certificate_file_keeps_the_old_certificate()
    {
        await using var server = await TestServer.StartAsync(s => s with { ReloadInterval = TimeSpan.Zero });
        var before = await server.HandshakeAsync();
        var pem = await File.ReadAllTextAsync(server.Certs.CertFile);
        await File.WriteAllTextAsync(server.Certs.CertFile, pem[..(pem.Length / 2)]);

        Assert.Equal(before.Thumbprint, (await server.HandshakeAsync()).Thumbprint);
        Assert.NotNull(server.Server.Certificate.LastError);
    }
}
