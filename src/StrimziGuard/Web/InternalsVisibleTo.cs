using System.Runtime.CompilerServices;

// The benchmark starts the production host (WebhookServer) in-process, exactly as serve builds it. Kept here rather than in the
// csproj because only the Web folder needs it; move it next to the tests' InternalsVisibleTo if the project file is preferred.
[assembly: InternalsVisibleTo("StrimziGuard.Benchmarks")]

// The fuzzer posts mutated reviews to the same host over HTTPS (tests/StrimziGuard.Fuzz).
[assembly: InternalsVisibleTo("StrimziGuard.Fuzz")]
