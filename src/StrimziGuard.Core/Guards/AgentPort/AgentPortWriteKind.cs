namespace StrimziGuard.Core.Guards.AgentPort;

public enum AgentPortWriteKind
{
    Create,

    /// <summary>A JSON Patch (RFC 6902) whose first operation tests the observed <c>metadata.resourceVersion</c>.</summary>
    Patch,

    Delete,
}
