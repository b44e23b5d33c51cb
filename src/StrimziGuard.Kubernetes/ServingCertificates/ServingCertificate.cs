using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using StrimziGuard.Kubernetes.Manifests;

namespace StrimziGuard.Kubernetes.ServingCertificates;

/// <summary>
/// The serving certificate and key, read from PEM files and re-read on change without a restart. Each handshake asks for the
/// current TLS options; at most once per <c>reloadInterval</c> that call first re-reads the files (a few kilobytes), so a rotated
/// Secret is served from the next handshake after it lands. A pair that does not load (half-written, key not matching the
/// certificate) keeps the previous certificate and is logged once.
/// </summary>
public sealed class ServingCertificate
{
    private readonly FileContentWatch files;
    private readonly bool http2;
    private readonly long intervalMs;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private long nextCheck;
    private volatile Loaded? current;

    public ServingCertificate(string certFile, string keyFile, bool http2, TimeSpan reloadInterval, ILogger logger)
    {
        files = new FileContentWatch(certFile, keyFile);
        this.http2 = http2;
        intervalMs = (long)reloadInterval.TotalMilliseconds;
        this.logger = logger;
        Check();
    }

    public X509Certificate2? Certificate => current?.Certificate;

    /// <summary>Why the files could not be used at the last check, or null; the previous certificate stays in use meanwhile.</summary>
    public string? LastError { get; private set; }

    /// <summary>The TLS options for a new connection; throws when no certificate has ever loaded (the handshake then fails).</summary>
    public SslServerAuthenticationOptions ForHandshake()
    {
        var now = Environment.TickCount64;
        if (now >= Volatile.Read(ref nextCheck)) Check();
        return current?.Options ?? throw new InvalidOperationException($"no serving certificate loaded: {LastError}");
    }

    /// <summary>Re-reads the files now, if no other thread is already doing it.</summary>
    public void Check()
    {
        if (!gate.TryEnter()) return;
        try
        {
            Volatile.Write(ref nextCheck, Environment.TickCount64 + intervalMs);
            byte[][]? contents;
            try
            {
                contents = files.ReadIfChanged();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Fail(e.Message);
                return;
            }
            if (contents is null) return;
            files.Accept(contents);
            Load(contents);
        }
        finally
        {
            gate.Exit();
        }
    }

    /// <summary>
    /// Serves <paramref name="certificate"/> (with its key) from the next handshake on: the in-memory swap for a certificate read
    /// through the API (the serving Secret's watch), which arrives a minute or more before the kubelet updates the mounted files.
    /// When those files later change to the same certificate, the reload finds nothing new.
    /// </summary>
    public void Use(X509Certificate2 certificate)
    {
        lock (gate)
        {
            if (current?.Certificate.Thumbprint == certificate.Thumbprint) return;
            var previous = current;
            current = new Loaded(certificate, TlsSettings.For(certificate, http2));
            LastError = null;
            ServingCertLog.CertificateLoaded(logger, certificate.Subject, certificate.NotAfter.ToUniversalTime(), certificate.Thumbprint, previous is not null);
        }
    }

    private void Load(byte[][] contents)
    {
        X509Certificate2 certificate;
        try
        {
            using var pair = X509Certificate2.CreateFromPem(
                System.Text.Encoding.ASCII.GetString(contents[0]), System.Text.Encoding.ASCII.GetString(contents[1]));
            // Re-imported as PKCS#12 so the key is a persisted handle SslStream can use on every platform, not an ephemeral one.
            certificate = X509CertificateLoader.LoadPkcs12(pair.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // ArgumentException: the key does not match the certificate (CopyWithPrivateKey); CryptographicException: unreadable PEM.
            Fail($"{files.Paths[0]} and {files.Paths[1]} do not form a certificate and matching key ({e.Message.Split('\n')[0]})");
            return;
        }
        if (current?.Certificate.Thumbprint == certificate.Thumbprint)
        {
            LastError = null;
            return;
        }
        var previous = current;
        current = new Loaded(certificate, TlsSettings.For(certificate, http2));
        LastError = null;
        ServingCertLog.CertificateLoaded(logger, certificate.Subject, certificate.NotAfter.ToUniversalTime(), certificate.Thumbprint, previous is not null);
    }

    private void Fail(string error)
    {
        if (error == LastError) return;
        LastError = error;
        if (current is null) ServingCertLog.CertificateMissing(logger, error);
        else ServingCertLog.CertificateReloadFailed(logger, error, current.Certificate.Thumbprint);
    }

    private sealed record Loaded(X509Certificate2 Certificate, SslServerAuthenticationOptions Options);
}
