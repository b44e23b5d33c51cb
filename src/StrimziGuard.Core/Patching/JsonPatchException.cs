namespace StrimziGuard.Core.Patching;

public sealed class JsonPatchException(string message) : Exception(message);
