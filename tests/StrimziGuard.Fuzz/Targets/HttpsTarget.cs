using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using StrimziGuard.Commands;
using StrimziGuard.Core;
using StrimziGuard.Core.Admission;
using StrimziGuard.Kubernetes.Manifests;
using StrimziGuard.Testing;
using StrimziGuard.Web;
using StrimziGuard.Kubernetes.ServingCertificates;

namespace StrimziGuard.Fuzz.Targets;

/// <summary>
/// The same mutated reviews over real HTTPS to the production host (127.0.0.1:0, throwaway certificates), with odd content types
/// now and then. Pass: the server answers only 200 with a valid AdmissionReview for the request's uid (never an errored, code-500
/// review), 400 or 413, and every answer is a JSON AdmissionReview.
/// </summary>
public sealed class HttpsTarget : FuzzTarget, IAsyncDisposable
{
    private static readonly string?[] ContentTypes = ["application/json", "application/json", "application/json", "application/json; charset=utf-8", "text/plain", null, "application/json; charset=utf-16"];

    private readonly JsonMutator mutator = new(Seeds.AdmissionReviews());
    private readonly string[] paths = [.. PolicyCatalog.Default.Webhooks.Select(w => w.Path)];
    private readonly DevCertificates certs = DevCertificates.Create();
    private WebhookServer? server;
    private HttpClient? client;

    public override string Name => "https";

    public override object Generate(Random rng) => new HttpsInput(mutator.Mutate(rng), paths[rng.Next(paths.Length)], ContentTypes[rng.Next(ContentTypes.Length)]);

    public override string Execute(object input) => ExecuteAsync((HttpsInput)input).GetAwaiter().GetResult();

    public override string Describe(object input) =>
        input is HttpsInput(var body, var path, var type) ? $"POST {path} Content-Type {type ?? "(none)"}: {base.Describe(body)}" : "";

    private async Task<string> ExecuteAsync(HttpsInput input)
    {
        var http = await ClientAsync().ConfigureAwait(false);
        using var content = new ByteArrayContent(input.Body);
        if (input.ContentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(input.ContentType);
        using var response = await http.PostAsync(new Uri(server!.AdmissionUri, input.Path), content).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (status is not (200 or 400 or 413)) throw new FuzzFailure($"HTTP {status}: {text}");
        var answer = JsonNode.Parse(text) as JsonObject ?? throw new FuzzFailure($"HTTP {status} with a body that is not an object: {text}");
        if ((string?)answer["apiVersion"] != AdmissionReview.V1 || answer["response"] is not JsonObject r)
            throw new FuzzFailure($"HTTP {status} without an AdmissionReview response: {text}");
        if (status == 200 && string.IsNullOrEmpty((string?)r["uid"])) throw new FuzzFailure($"HTTP 200 without the request's uid: {text}");
        if ((int?)r["status"]?["code"] >= 500) throw new FuzzFailure($"errored review: {r["status"]?["message"]}");
        var allowed = (bool?)r["allowed"] == true ? "allowed" : "refused";
        return $"{status} {allowed} {Outcomes.Label((string?)r["status"]?["message"] ?? "")}";
    }

    private async Task<HttpClient> ClientAsync()
    {
        if (client is not null) return client;
        var settings = new WebhookServerSettings
        {
            Listen = ListenAddress.Loopback("https"),
            TlsCertFile = certs.CertFile,
            TlsKeyFile = certs.KeyFile,
            AuditOutput = Stream.Null,
            ConfigureLogging = _ => { },
        };
        var snapshot = ManifestLoader.LoadSnapshot([RepositoryRoot.Combine("manifests", "examples", "cluster-state")]);
        server = await WebhookServer.StartAsync(settings, new FixedSnapshotProvider(snapshot)).ConfigureAwait(false);
        return client = certs.CreateClient(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        client?.Dispose();
        if (server is not null) await server.DisposeAsync().ConfigureAwait(false);
        certs.Dispose();
    }

    private sealed record HttpsInput(byte[] Body, string Path, string? ContentType);
}
