namespace StrimziGuard.Core.Patching;

internal sealed class JsonPatchException(string message) : Exception(message);
