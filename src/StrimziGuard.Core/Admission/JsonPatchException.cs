namespace StrimziGuard.Core.Admission;

public sealed class JsonPatchException(string message) : Exception(message);
