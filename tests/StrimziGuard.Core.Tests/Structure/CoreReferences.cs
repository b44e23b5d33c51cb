using System.Reflection;
using System.Reflection.Emit;

namespace StrimziGuard.Core.Tests.Structure;

/// <summary>
/// The folders of StrimziGuard.Core and what each uses, read from the compiled assembly: signatures (base types, interfaces, fields,
/// properties, parameters, attributes) and the types, methods and fields named in method bodies. A folder is a namespace under
/// <c>StrimziGuard.Core</c>, written as its path (<c>Guards/AgentPort</c>); the root is <c>(root)</c>. Constants are copied into the
/// code that reads them, so a use of a <c>const</c> alone leaves no trace.
/// </summary>
internal sealed class CoreReferences
{
    public const string Root = "(root)";
    private const string CoreNamespace = "StrimziGuard.Core";
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    private readonly Assembly core;
    private readonly Dictionary<string, Dictionary<string, string>> uses = new(StringComparer.Ordinal);

    private CoreReferences(Assembly core) => this.core = core;

    /// <summary>Folder to the folders it uses, each with one example of the use (<c>Type -> UsedType</c>).</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> Uses => uses;

    public IReadOnlyDictionary<string, IReadOnlySet<string>> Graph =>
        uses.ToDictionary(u => u.Key, u => (IReadOnlySet<string>)u.Value.Keys.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    public static CoreReferences Of(Assembly core)
    {
        var references = new CoreReferences(core);
        foreach (var type in core.GetTypes().Where(t => FolderOf(t) is not null)) references.Walk(type);
        return references;
    }

    /// <summary>The folder of a namespace in Core, or null for a namespace outside it (compiler-made attributes, other assemblies).</summary>
    public static string? FolderOf(string? ns) =>
        ns == CoreNamespace ? Root
        : ns is not null && ns.StartsWith(CoreNamespace + ".", StringComparison.Ordinal) ? ns[(CoreNamespace.Length + 1)..].Replace('.', '/')
        : null;

    private static string? FolderOf(Type type) => FolderOf(type.Namespace);

    private void Walk(Type type)
    {
        foreach (var used in new[] { type.BaseType }.Concat(type.GetInterfaces())) Use(type, used);
        foreach (var attribute in type.GetCustomAttributesData()) Use(type, attribute.AttributeType);
        foreach (var field in type.GetFields(Declared)) Use(type, field.FieldType);
        foreach (var property in type.GetProperties(Declared)) Use(type, property.PropertyType);
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo info) Use(type, info.ReturnType);
            foreach (var parameter in method.GetParameters()) Use(type, parameter.ParameterType);
            var il = method.GetMethodBody()?.GetILAsByteArray();
            if (il is null) continue;
            var typeArguments = type.IsGenericType ? type.GetGenericArguments() : null;
            var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
            foreach (var token in Tokens(il)) UseMember(type, method.Module.ResolveMember(token, typeArguments, methodArguments));
        }
    }

    private void UseMember(Type from, MemberInfo? member)
    {
        switch (member)
        {
            case Type type:
                Use(from, type);
                break;
            case FieldInfo field:
                Use(from, field.DeclaringType);
                Use(from, field.FieldType);
                break;
            case MethodBase method:
                Use(from, method.DeclaringType);
                if (method is MethodInfo info)
                {
                    Use(from, info.ReturnType);
                    if (info.IsGenericMethod) foreach (var argument in info.GetGenericArguments()) Use(from, argument);
                }
                foreach (var parameter in method.GetParameters()) Use(from, parameter.ParameterType);
                break;
        }
    }

    private void Use(Type from, Type? used)
    {
        if (used is null || used.IsGenericParameter) return;
        if (used.HasElementType)
        {
            Use(from, used.GetElementType());
            return;
        }
        if (used.IsConstructedGenericType)
        {
            Use(from, used.GetGenericTypeDefinition());
            foreach (var argument in used.GetGenericArguments()) Use(from, argument);
            return;
        }
        if (used.Assembly != core) return;
        var (fromFolder, usedFolder) = (FolderOf(from), FolderOf(used));
        if (fromFolder is null || usedFolder is null || fromFolder == usedFolder) return;
        if (!uses.TryGetValue(fromFolder, out var folders)) uses[fromFolder] = folders = new(StringComparer.Ordinal);
        folders.TryAdd(usedFolder, $"{Outermost(from).Name} -> {Outermost(used).Name}");
    }

    private static Type Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type;

    /// <summary>The metadata tokens a method body names: the operands of the instructions that refer to a type, method or field.</summary>
    private static IEnumerable<int> Tokens(byte[] il)
    {
        for (var i = 0; i < il.Length;)
        {
            var value = il[i] == 0xFE ? unchecked((short)(0xFE00 | il[i + 1])) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            switch (OpCodesByValue[value].OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    yield return BitConverter.ToInt32(il, i);
                    i += 4;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + 4 * BitConverter.ToInt32(il, i);
                    break;
                default: // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
                    i += 4;
                    break;
            }
        }
    }
}
