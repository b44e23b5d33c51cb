using System.Diagnostics;
using StrimziGuard.Core;
using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Controllers;
using StrimziGuard.Testing;
using StrimziGuard.Testing.FakeApi;
using Xunit.Abstractions;

namespace StrimziGuard.Kubernetes.Tests.Reliability;

/// <summary>
/// Seeded crash storms: the guard's controllers (both, through GuardControllers) are killed at a random API request of a pass, during a
/// CA key replacement and NetworkPolicy convergence, with the operator's own writes (cert Secret update, pod rolls, Strimzi's policy, a
/// re-PUT of the StrimziPodSet) interleaved between lives, against the fake API server (a test double). Each life is a restart: a new
/// client and a fresh list of everything, as after a pod restart. A killed request either never lands or lands with its answer lost.
/// Pass: never an entry above K, never a stamp while the cert Secret lacks the generation-K certificate, nothing lost after the restarts
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
        for (var seed = 1; seed <= Runs; seed++)
        {
            var rng = new Random(seed);
            var strimziPolicy = rng.Next(2) == 0;
            references.TryAdd(strimziPolicy, await ReferenceAsync(strimziPolicy));
            crashes += await StormAsync(seed, rng, strimziPolicy, references[strimziPolicy]);
        }
        output.WriteLine($"{Runs} runs (seeds 1-{Runs}), {crashes} crashes, {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>One storm; returns how many lives were killed. Failures name the seed.</summary>
    private static async Task<int> StormAsync(int seed, Random rng, bool strimziPolicy, string reference)
    {
        await using var fake = await FakeApiServer.StartAsync();
        // Key replaced, cert Secret not yet updated: no pod may be stamped with key generation 1 until it holds the v1 certificate.
        RotationWorld.Seed(fake, certGeneration: 3, subjectKeyGeneration: 0, keyGeneration: 1, rolled: 0);
        var steps = OperatorSteps(fake, strimziPolicy, rng);
        var certReadyAt = int.MaxValue;
        var crashes = 0;
        for (var life = 0; steps.Count > 0 || life < 2; life++)
        {
            for (int n = rng.Next(3); n > 0 && steps.Count > 0; n--)
            {
                var (name, apply) = steps.Dequeue();
                apply();
                if (name == "cert") certReadyAt = fake.Requests.Total;
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

    /// <summary>The operator's writes in its order: the cert Secret first, then the roll, with Strimzi's policy and a StrimziPodSet re-PUT somewhere.</summary>
    private static Queue<(string Name, Action Apply)> OperatorSteps(FakeApiServer fake, bool strimziPolicy, Random rng)
    {
        var steps = new List<(string, Action)> { ("cert", () => fake.Seed(RotationState.CertSecret(4, 1))) };
        foreach (var broker in RotationWorld.Brokers) steps.Add(("roll " + broker, () => fake.Seed(KubeJson.Read<V1Pod>(RotationState.Pod(broker, 3, 1)))));
        var extras = new List<(string, Action)> { ("re-put podset", () => fake.Put(fake.Get("core.strimzi.io", "strimzipodsets", RotationWorld.Ns, RotationWorld.PodSet)!)) };
        if (strimziPolicy) extras.Add(("strimzi policy", () => fake.Seed(StrimziPolicy())));
        foreach (var extra in extras) steps.Insert(rng.Next(steps.Count + 1), extra);
        return new Queue<(string, Action)>(steps);
    }

    private static V1NetworkPolicy StrimziPolicy() => AgentPortWorld.StrimziNetworkPolicy();
}
