using StrimziGuard.Core.Api;
using StrimziGuard.Core.Patching;

namespace StrimziGuard.Core.Guards.AgentPort;

/// <summary>
/// One write to the API server. <see cref="Policy"/> is the object to create, the desired object behind a patch, or the live object to
/// delete (use its uid and resourceVersion as delete preconditions). <see cref="Patch"/> is set for <see cref="AgentPortWriteKind.Patch"/> only.
/// </summary>
public sealed record AgentPortWrite(AgentPortWriteKind Kind, string Namespace, string Name, V1NetworkPolicy Policy, IReadOnlyList<JsonPatchOperation> Patch, string Reason)
{
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} networkpolicy {Namespace}/{Name}: {Reason}";
}
