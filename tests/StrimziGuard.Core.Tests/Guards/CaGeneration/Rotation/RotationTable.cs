using System.Globalization;
using System.Text;

namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>The README's rotation table: every scenario, both operator versions, without and with the guard, as the model ran them.</summary>
internal static class RotationTable
{
    public const string Start = "<!-- rotation-table:start -->";
    public const string End = "<!-- rotation-table:end -->";

    private const string Legend =
        "Restarts counted by the model of the operator in `tests/StrimziGuard.Core.Tests/Guards/CaGeneration/Rotation` " +
        "(scenarios of `strimzi-facts.md`; cluster C3-C5 controllers, P0-P2 brokers, plus the Entity Operator, Cruise Control and Kafka Exporter pods; " +
        "every pod CREATE and DELETE goes through the real admission dispatcher and the real StrimziPodSet stamp planner). " +
        "0.47+ writes the cluster CA cert Secret and key Secret as two steps (key Secret first unless a scenario says otherwise), as its concurrent writes may land; " +
        "scenarios 18 and 19 exist only there. " +
        "*Per pod* lists the restarts of C3 C4 C5 P0 P1 P2, then `+n` for an added node, then `/` EO CC KE. " +
        "*False stamp* means some pod or entry claimed trust in a CA key generation whose certificate the cert Secret did not hold. " +
        "`RotationTableTests` regenerates this section; do not edit it by hand.";

    public static string Render()
    {
        var text = new StringBuilder();
        text.Append(Start).Append('\n').Append(Legend).Append("\n\n");
        text.Append("| # | Scenario | Operator | Restarts without guard | Restarts with guard | Per pod without | Per pod with | False stamp without / with |\n");
        text.Append("|---|---|---|---:|---:|---|---|---|\n");
        foreach (var scenario in RotationScenarios.All)
        {
            foreach (var version in scenario.Versions)
            {
                var without = scenario.Run(version, guard: false).Log;
                var with = scenario.Run(version, guard: true).Log;
                text.Append(CultureInfo.InvariantCulture,
                    $"| {scenario.Number} | {scenario.Title} | {Name(version)} | {without.Total} | {with.Total} | `{without.Short()}` | `{with.Short()}` | {YesNo(without)} / {YesNo(with)} |\n");
            }
        }
        return text.Append(End).ToString();
    }

    public static string Name(OperatorVersion version) => version switch
    {
        OperatorVersion.V044 => "0.44",
        OperatorVersion.V045 => "0.45-0.46",
        _ => "0.47+",
    };

    private static string YesNo(RotationLog log) => log.FalseStamps.Count == 0 ? "no" : "**yes**";
}
