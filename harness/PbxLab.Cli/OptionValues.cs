using System.CommandLine.Parsing;
using System.Globalization;

namespace PbxLab.Cli;

/// <summary>
/// Parsers for options that take a number. Their errors name the option, the value given and the values
/// accepted, where System.CommandLine's own error would name a .NET type such as System.Nullable`1[System.Int32].
/// </summary>
internal static class OptionValues
{
    /// <summary>Values a TCP port option accepts, as its error message words them.</summary>
    public const string PortRange = "a whole number from 0 to 65535 (0 picks an ephemeral port)";

    /// <summary>Returns a parser for a TCP port from 0 to 65535.</summary>
    public static Func<ArgumentResult, int> Port() => WholeNumber(0, 65535, PortRange);

    /// <summary>Returns a parser for a TCP port from 0 to 65535, for an option whose absence means a default port.</summary>
    public static Func<ArgumentResult, int?> OptionalPort() => OptionalWholeNumber(0, 65535, PortRange);

    /// <summary>Returns a parser for a whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Func<ArgumentResult, int> WholeNumber(int min, int max, string? accepted = null) =>
        result => ParseWholeNumber(result, min, max, accepted) ?? min;

    /// <summary>Returns a parser for a whole number from <paramref name="min"/> to <paramref name="max"/>, for an option that may be left out.</summary>
    public static Func<ArgumentResult, int?> OptionalWholeNumber(int min, int max, string? accepted = null) =>
        result => ParseWholeNumber(result, min, max, accepted);

    /// <summary>Returns a parser for a number of seconds from 0 to <paramref name="max"/>, with a fraction allowed.</summary>
    public static Func<ArgumentResult, double> Seconds(double max) => result =>
    {
        var text = result.Tokens.Single().Value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds)
            && seconds >= 0 && seconds <= max)
        {
            return seconds;
        }

        var range = $"a number of seconds from 0 to {max.ToString(CultureInfo.InvariantCulture)}, such as 1.5";
        result.AddError(InvalidValueMessage(result, text, range));
        return 0;
    };

    private static int? ParseWholeNumber(ArgumentResult result, int min, int max, string? accepted)
    {
        var text = result.Tokens.Single().Value;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        var range = accepted ?? (max == int.MaxValue
            ? $"a whole number, {min.ToString(CultureInfo.InvariantCulture)} or more"
            : $"a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        result.AddError(InvalidValueMessage(result, text, range));
        return null;
    }

    private static string InvalidValueMessage(ArgumentResult result, string text, string accepted)
    {
        var option = result.Parent is OptionResult optionResult ? optionResult.Option.Name : result.Argument.Name;
        return $"{option}: invalid value '{text}'. Use {accepted}.";
    }
}
