namespace StrimziGuard.Core.Options;

/// <summary>What a guard does with a violation.</summary>
public enum GuardMode
{
    /// <summary>Deny (the operator's own writes are still only warned about).</summary>
    Enforce,

    /// <summary>Allow, with a warning kubectl shows.</summary>
    Warn,

    /// <summary>Allow silently; record in the audit log and metrics only.</summary>
    Audit,

    /// <summary>Do not run.</summary>
    Off,
}
