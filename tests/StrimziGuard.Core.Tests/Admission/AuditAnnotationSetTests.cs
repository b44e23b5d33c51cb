using StrimziGuard.Core.Admission;

namespace StrimziGuard.Core.Tests.Admission;

public sealed class AuditAnnotationSetTests
{
    [Fact]
    public void Annotations_are_listed_in_ordinal_key_order_and_a_key_set_again_keeps_its_last_value()
    {
        var set = new AuditAnnotationSet();
        set.Set("cert-lifetime.kafka-ca", "denied: one");
        set.Set("agent-port.network-policy", "allowed");
        set.Set("Z-upper-before-lower", "ordinal");
        set.Set("cert-lifetime.kafka-ca", "denied: two");

        Assert.Equal(["Z-upper-before-lower", "agent-port.network-policy", "cert-lifetime.kafka-ca"], set.Select(p => p.Key));
        Assert.Equal("denied: two", set["cert-lifetime.kafka-ca"]);
        Assert.Equal(3, set.Count);
        Assert.False(set.TryGetValue("ca-generation.pod-stamp", out _));
        Assert.Throws<KeyNotFoundException>(() => set["ca-generation.pod-stamp"]);
    }

    [Fact]
    public void On_random_writes_it_holds_what_a_sorted_dictionary_holds_in_the_same_order()
    {
        var rng = new Random(17);
        for (var round = 0; round < 500; round++)
        {
            var set = new AuditAnnotationSet(rng.Next(3));
            var expected = new SortedDictionary<string, string>(StringComparer.Ordinal);
            for (var i = rng.Next(12); i > 0; i--)
            {
                var (key, value) = ($"policy-{(char)('A' + rng.Next(40))}{rng.Next(3)}", rng.Next().ToString());
                set.Set(key, value);
                expected[key] = value;
            }
            Assert.Equal(expected.ToArray(), set.ToArray());
            Assert.All(expected, p => Assert.True(set.ContainsKey(p.Key) && set[p.Key] == p.Value));
        }
    }

    [Fact]
    public void The_shared_empty_set_is_never_changed() =>
        Assert.Throws<InvalidOperationException>(() => AuditAnnotationSet.Empty.Set("a", "b"));
}
