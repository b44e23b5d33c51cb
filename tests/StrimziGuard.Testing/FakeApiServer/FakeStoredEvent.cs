using System.Text.Json.Nodes;

namespace StrimziGuard.Testing.FakeApi;

/// <summary>One write in the store's history. <see cref="Old"/> lets a filtered watch turn a change across its selector into ADDED or DELETED.</summary>
internal sealed record FakeStoredEvent(long ResourceVersion, string Type, string Group, string Plural, JsonObject? Old, JsonObject Object);
