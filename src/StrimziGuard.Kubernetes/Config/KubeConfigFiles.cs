using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace StrimziGuard.Kubernetes.Config;

/// <summary>Reads the credential parts of a kubeconfig: inline base64 data or a file path, relative to the kubeconfig's directory.</summary>
internal sealed class KubeConfigFiles(string baseDirectory, string where)
{
    public X509Certificate2Collection CertificateAuthorities(string? data, string? file)
    {
        var pem = Material(data, file, "certificate-authority");
        if (pem is null) return [];
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new KubeConfigException($"{where}: certificate-authority is not a PEM certificate: {e.Message}", e);
        }
        return collection.Count > 0 ? collection : throw new KubeConfigException($"{where}: certificate-authority holds no PEM certificate");
    }

    public ITokenSource? Token(JsonObject user, string? userName)
    {
        if (user["exec"] is not null || user["auth-provider"] is not null)
            throw new KubeConfigException($"{where}: user '{userName}' uses an exec or auth-provider plugin, which strimzi-guard does not run; " +
                "use a kubeconfig with a token, tokenFile or client certificate (for example a service-account token)");
        if (KubeConfigLoader.Str(user, "token") is { } token) return new StaticToken(token);
        return KubeConfigLoader.Str(user, "tokenFile") is { } file ? new TokenFile(Resolve(file)) : null;
    }

    public X509Certificate2? ClientCertificate(JsonObject user, string? userName)
    {
        var cert = Material(KubeConfigLoader.Str(user, "client-certificate-data"), KubeConfigLoader.Str(user, "client-certificate"), "client-certificate");
        var key = Material(KubeConfigLoader.Str(user, "client-key-data"), KubeConfigLoader.Str(user, "client-key"), "client-key");
        if (cert is null && key is null) return null;
        if (cert is null || key is null)
            throw new KubeConfigException($"{where}: user '{userName}' has a client {(cert is null ? "key but no certificate" : "certificate but no key")}; set both client-certificate(-data) and client-key(-data)");
        try
        {
            using var ephemeral = X509Certificate2.CreateFromPem(cert, key);
            // SslStream needs a key it can reach after this method returns; a PKCS#12 round trip gives a persisted key handle on every OS.
            return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException e)
        {
            throw new KubeConfigException($"{where}: the client certificate and key of user '{userName}' cannot be loaded (PEM, matching pair expected): {e.Message}", e);
        }
    }

    /// <summary>Inline data wins over a file, as in client-go.</summary>
    private string? Material(string? base64, string? file, string what)
    {
        if (base64 is not null)
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            }
            catch (FormatException)
            {
                throw new KubeConfigException($"{where}: {what}-data is not base64; it should be the base64 of a PEM file");
            }
        }
        if (file is null) return null;
        var path = Resolve(file);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"{where}: cannot read {what} file {path}: {e.Message}", e);
        }
    }

    private string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
}
