using StrimziGuard.Core.Patching;
using StrimziGuard.Kubernetes.Client;

namespace StrimziGuard.Kubernetes.ServingCertificates;

/// <summary>
/// A JSON Patch that sets the caBundle of the webhooks of one configuration whose bundle is not the planned one. It tests each webhook's
/// name and is sent with the resourceVersion it was planned from, so it never lands on a configuration that changed since it was read.
/// </summary>
internal sealed record CaBundleWrite(ApiResource Resource, string Name, string? ResourceVersion, IReadOnlyList<JsonPatchOperation> Patch, int Webhooks, int BundleSize);
