namespace StrimziGuard.Testing.FakeApi;

/// <summary>An error the test double answers with a Status body, as the API server would.</summary>
internal sealed class FakeApiError(int code, string reason, string message, string? name = null, string? group = null, string? kind = null) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public string? Name { get; } = name;

    public string? Group { get; } = group;

    public string? Kind { get; } = kind;

    public static FakeApiError NotFound(string group, string plural, string name) =>
        new(404, "NotFound", $"{Qualified(group, plural)} \"{name}\" not found", name, group, plural);

    public static FakeApiError AlreadyExists(string group, string plural, string name) =>
        new(409, "AlreadyExists", $"{Qualified(group, plural)} \"{name}\" already exists", name, group, plural);

    /// <summary>The API server's own wording for a stale resourceVersion.</summary>
    public static FakeApiError Conflict(string group, string plural, string name) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {Qualified(group, plural)} \"{name}\": the object has been modified; please apply your changes to the latest version and try again", name, group, plural);

    public static FakeApiError Gone(string message) => new(410, "Expired", message);

    public static FakeApiError Invalid(string message) => new(422, "Invalid", message);

    public static FakeApiError BadRequest(string message) => new(400, "BadRequest", message);

    private static string Qualified(string group, string plural) => group.Length == 0 ? plural : $"{plural}.{group}";
}
