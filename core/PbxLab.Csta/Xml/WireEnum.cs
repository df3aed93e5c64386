using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace PbxLab.Csta.Xml;

/// <summary>
/// Wire text of an enum whose ECMA-323 values are the member names with a lower-case first
/// letter (LocalConnectionState.Null is "null", EventCause.NormalClearing is "normalClearing").
/// </summary>
internal static class WireEnum<T>
    where T : struct, Enum
{
    private static readonly FrozenDictionary<string, T> ByText =
        Enum.GetValues<T>().ToFrozenDictionary(value => ToCamelCase(value.ToString()), StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> BySpan =
        ByText.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<T, string> ByValue =
        Enum.GetValues<T>().ToFrozenDictionary(value => value, value => ToCamelCase(value.ToString()));

    public static string AllowedValues { get; } = string.Join(", ", ByText.Keys.Order(StringComparer.Ordinal));

    public static string ToText(T value) =>
        ByValue.TryGetValue(value, out var text)
            ? text
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(T).Name} has no member with this value.");

    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out T? value)
    {
        if (BySpan.TryGetValue(text, out var found))
        {
            value = found;
            return true;
        }

        value = null;
        return false;
    }

    private static string ToCamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
