namespace StrimziGuard.Commands;

/// <summary>Bad usage or unreadable input: printed as one line on stderr, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
