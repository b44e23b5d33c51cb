namespace StrimziGuard.Testing;

/// <summary>Kubeconfig texts and an <c>exec</c> credential plugin as users have them, for tests against the fake API server (a test double).</summary>
public static class Kubeconfigs
{
    /// <summary>
    /// One cluster <c>c</c>, one context <c>main</c> (current) naming it and user <c>u</c> with namespace <c>kafka</c>; <paramref name="user"/>
    /// is user <c>u</c>'s body (omit it for a file whose users come from another file of <c>KUBECONFIG</c>), <paramref name="cluster"/> more
    /// fields of the cluster. Body lines after the first are indented by four spaces.
    /// </summary>
    public static string Config(string server, string cluster = "", string? user = "") => $"""
        apiVersion: v1
        kind: Config
        current-context: main
        clusters:
        - name: c
          cluster:
            server: {server}
            {cluster}
        contexts:
        - name: main
          context:
            cluster: c
            user: u
            namespace: kafka
        """ + (user is null ? "" : $"""

        users:
        - name: u
          user:
            {user}
        """);

    /// <summary>A kubeconfig holding only user <c>u</c>, to merge with <see cref="Config"/> without a user through <c>KUBECONFIG</c>.</summary>
    public static string UserOnly(string user) => $"apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user:\n    {user}\n";

    /// <summary>User <c>u</c>'s body when its only credential is the plugin at <paramref name="command"/>.</summary>
    public static string ExecUser(string command) =>
        $"exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: {command}\n      interactiveMode: Never";

    /// <summary>
    /// Writes an executable plugin script that prints an <c>ExecCredential</c> with <paramref name="token"/>, expiring
    /// <paramref name="expiresInSeconds"/> after each run when given (as cloud plugins' tokens do), and appends a line to
    /// <c>PATH.runs</c> per run. Returns its path.
    /// </summary>
    public static string ExecPlugin(string directory, string token, int? expiresInSeconds = null)
    {
        var path = Path.Combine(directory, $"credential-{Guid.NewGuid():N}.sh");
        const string Credential = "{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"TOKEN\"EXPIRY}}";
        var print = expiresInSeconds is { } s
            ? $"printf '{Credential.Replace("EXPIRY", ",\"expirationTimestamp\":\"%s\"", StringComparison.Ordinal)}' \"$(date -u -d '+{s} seconds' +%Y-%m-%dT%H:%M:%SZ)\""
            : $"printf '%s' '{Credential.Replace("EXPIRY", "", StringComparison.Ordinal)}'";
        File.WriteAllText(path, $"#!/bin/sh\necho run >> '{path}.runs'\n{print.Replace("TOKEN", token, StringComparison.Ordinal)}\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>How many times the plugin at <paramref name="plugin"/> has run.</summary>
    public static int Runs(string plugin) => File.Exists(plugin + ".runs") ? File.ReadAllLines(plugin + ".runs").Length : 0;
}
