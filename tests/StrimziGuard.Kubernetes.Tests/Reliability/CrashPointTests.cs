using System.Diagnostics;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Options;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Controllers;
using StrimziGuard.Testing;
using StrimziGuard.Testing.FakeApi;
using Xunit.Abstractions;

namespace StrimziGuard.Kubernetes.Tests.Reliability;

/// <summary>
/// Seeded crash storms: the guard's controllers (both, through GuardControllers) are killed at a random API request of a pass, during a
/// CA key replacement and NetworkPolicy convergence, with the operator's own writes (the two CA Secrets as Strimzi 0.47+ writes them:
/// key first, cert first, or a cert write that fails first; pod rolls, Strimzi's policy, a re-PUT of the StrimziPodSet, and sometimes a
/// broker lagging a cert generation behind evicted and recreated before the Secrets are complete) interleaved between lives, against the
/// fake API server (a test double). Each life is a restart: a new
/// client and a fresh list of everything, as after a pod restart. A killed request either never lands or lands with its answer lost.
/// Pass: never an entry above K, never a stamp before both Secrets show generation K, nothing lost after the restarts
/// (every entry stamped), and the same end state as a run without crashes.
/// </summary>
public sealed class CrashPointTests(ITestOutputHelper output)
{
    private const int Runs = 200;

    [Fact]
    public async Task Hundreds_of_seeded_crash_storms_never_stamp_falsely_lose_no_stamp_and_end_in_the_crash_free_state()
    {
        var clock = Stopwatch.StartNew();
        var references = new Dictionary<bool, string>();
        var crashes = 0;
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var seed = 1; seed <= Runs; seed++)
        {
            var rng = new Random(seed);
            var strimziPolicy = rng.Next(2) == 0;
            var split = (SplitWrite)rng.Next(3);
            var lagging = rng.Next(2) == 0;
            var kind = split + (lagging ? ", lagging broker" : "");
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            references.TryAdd(strimziPolicy, await ReferenceAsync(strimziPolicy));
            crashes += await StormAsync(seed, rng, strimziPolicy, split, lagging, references[strimziPolicy]);
        }
        // Every storm asserted no false stamp (Check) and no lost stamp (the crash-free end state, every entry at 1).
        output.WriteLine($"{Runs} runs (seeds 1-{Runs}), {crashes} crashes, 0 false stamps, 0 lost stamps, {clock.Elapsed.TotalSeconds:F1} s; " +
            string.Join(", ", kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Value} {k.Key}")));
    }

    /// <summary>How the operator's two CA Secret writes land (Strimzi 0.47+ starts them together).</summary>
    private enum SplitWrite
    {
        KeyFirst,
        CertFirst,
        CertFailedFirst,
    }

    /// <summary>One storm; returns how many lives were killed. Failures name the seed.</summary>
    private static async Task<int> StormAsync(int seed, Random rng, bool strimziPolicy, SplitWrite split, bool lagging, string reference)
    {
        await using var fake = await FakeApiServer.StartAsync();
        // Key replacement under way, cert Secret not yet updated (and with cert first, the key Secret neither): no entry may be stamped with
        // key generation 1 until both show it, however far the entries lag on the cert generation.
        RotationWorld.Seed(fake, certGeneration: 3, subjectKeyGeneration: 0, keyGeneration: split == SplitWrite.CertFirst ? 0 : 1, rolled: 0,
            entryCertGeneration: lagging ? 2 : 3);
        var steps = OperatorSteps(fake, strimziPolicy, split, lagging, rng);
        var certReadyAt = int.MaxValue;
        var crashes = 0;
        for (var life = 0; steps.Count > 0 || life < 2; life++)
        {
            for (int n = rng.Next(3); n > 0 && steps.Count > 0; n--)
            {
                var (name, apply) = steps.Dequeue();
                apply();
                if (name == "both written") certReadyAt = fake.Requests.Total;
            }
            var last = steps.Count == 0 && life >= 1;
            crashes += await LifeAsync(fake, crashAt: last ? null : rng.Next(1, 40), landBeforeCrash: rng.Next(2) == 0) ? 1 : 0;
            Check(fake, seed, certReadyAt);
        }
        // A pass after the last one writes nothing (level-triggered, idempotent), and the state is the crash-free one.
        var quiet = fake.Requests.Total;
        await LifeAsync(fake, crashAt: null, landBeforeCrash: false);
        Assert.True(RotationWorld.ControllerWrites(fake).All(w => fake.Requests.All.Take(quiet).Contains(w)), $"seed {seed}: the pass after convergence wrote");
        Assert.True(reference == RotationWorld.EndState(fake), $"seed {seed}: end state {RotationWorld.EndState(fake)}, crash-free {reference}");
        return crashes;
    }

    private static void Check(FakeApiServer fake, int seed, int certReadyAt)
    {
        Assert.True(RotationWorld.Stamps(fake).All(s => s <= 1), $"seed {seed}: an entry above the key generation: {RotationWorld.EndState(fake)}");
        var all = fake.Requests.All;
        var early = all.Take(Math.Min(certReadyAt, all.Count)).Where(r => r.Verb == "patch" && r.Resource == "strimzipodsets" && r.StatusCode is >= 200 and < 300);
        Assert.True(!early.Any(), $"seed {seed}: stamped before the cert Secret held the generation-1 certificate");
    }

    /// <summary>One life of the guard: a fresh client and list, one pass of every controller, killed at the <paramref name="crashAt"/>-th request.</summary>
    private static async Task<bool> LifeAsync(FakeApiServer fake, int? crashAt, bool landBeforeCrash)
    {
        using var kill = new CancellationTokenSource();
        var seen = 0;
        var token = $"replica-{Guid.NewGuid():N}";
        if (crashAt is { } k)
        {
            // Fails the k-th request (it never lands) or lets it land (its answer is lost): either way the process is gone.
            fake.Faults.Fail(503, times: 1, when: r => r.BearerToken == token && Interlocked.Increment(ref seen) == k && Kill(kill, fake, landBeforeCrash));
        }
        using var client = new KubeApiClient(fake.KubeConfig(token), new KubeClientOptions { MaxRetries = 0 });
        try
        {
            await ControllerRunner.RunOnceAsync(client, GuardControllers.Create(() => GuardOptions.Default), kill.Token);
        }
        catch (Exception) when (kill.IsCancellationRequested)
        {
            // Killed.
        }
        fake.Faults.Clear();
        return kill.IsCancellationRequested;
    }

    private static bool Kill(CancellationTokenSource kill, FakeApiServer fake, bool land)
    {
        kill.Cancel();
        return !land;
    }

    private static async Task<string> ReferenceAsync(bool strimziPolicy)
    {
        await using var fake = await FakeApiServer.StartAsync();
        RotationWorld.Seed(fake, certGeneration: 4, subjectKeyGeneration: 1, keyGeneration: 1, rolled: 3);
        if (strimziPolicy) fake.Seed(StrimziPolicy());
        await LifeAsync(fake, null, false);
        await LifeAsync(fake, null, false);
        return RotationWorld.EndState(fake);
    }

    /// <summary>
    /// The operator's writes in its order: the CA Secret writes still to land ("both written" marks the second), then the roll, with
    /// Strimzi's policy and a StrimziPodSet re-PUT somewhere; a lagging broker is evicted and recreated from its entry before the roll.
    /// </summary>
    private static Queue<(string Name, Action Apply)> OperatorSteps(FakeApiServer fake, bool strimziPolicy, SplitWrite split, bool lagging, Random rng)
    {
        Action cert = () => fake.Seed(RotationState.CertSecret(4, 1));
        var steps = split switch
        {
            SplitWrite.CertFirst => new List<(string, Action)> { ("cert", cert), ("both written", () => fake.Seed(RotationState.KeySecret(1))) },
            // The failed write changes nothing; the retry lands a few lives later.
            SplitWrite.CertFailedFirst => [("cert write failed", () => { }), ("cert write failed", () => { }), ("both written", cert)],
            _ => [("both written", cert)],
        };
        if (lagging)
        {
            var at = rng.Next(steps.Count);
            steps.Insert(at, ("recreate broker-2", () => fake.Seed(KubeJson.Read<V1Pod>(RotationState.Pod("my-cluster-broker-2", 2, 0)))));
            steps.Insert(at, ("evict broker-2", () => fake.Delete("", "pods", RotationWorld.Ns, "my-cluster-broker-2")));
        }
        foreach (var broker in RotationWorld.Brokers) steps.Add(("roll " + broker, () => fake.Seed(KubeJson.Read<V1Pod>(RotationState.Pod(broker, 3, 1)))));
        var extras = new List<(string, Action)> { ("re-put podset", () => fake.Put(fake.Get("core.strimzi.io", "strimzipodsets", RotationWorld.Ns, RotationWorld.PodSet)!)) };
        if (strimziPolicy) extras.Add(("strimzi policy", () => fake.Seed(StrimziPolicy())));
        foreach (var extra in extras) steps.Insert(rng.Next(steps.Count + 1), extra);
        return new Queue<(string, Action)>(steps);
    }

    private static V1NetworkPolicy StrimziPolicy() => Controllers.AgentPortWorld.StrimziNetworkPolicy();
}
