using System.Text;

namespace PbxLab.Simulators.Graph.Directory;

internal enum FilterTokenKind
{
    Word,
    String,
    Other,
}

internal readonly record struct FilterToken(FilterTokenKind Kind, string Text);

/// <summary>
/// Splits an OData $filter into words, single-quoted strings (with '' as an escaped quote) and other
/// characters such as parentheses, which the fake does not support.
/// </summary>
internal static class FilterTokenizer
{
    public static List<FilterToken> Tokenize(string text)
    {
        var tokens = new List<FilterToken>();
        var index = 0;

        while (index < text.Length)
        {
            var c = text[index];
            if (char.IsWhiteSpace(c))
            {
                index++;
            }
            else if (c == '\'')
            {
                tokens.Add(new FilterToken(FilterTokenKind.String, ReadString(text, ref index)));
            }
            else if (char.IsLetterOrDigit(c) || c == '/' || c == '_')
            {
                var start = index;
                while (index < text.Length && (char.IsLetterOrDigit(text[index]) || text[index] is '/' or '_' or '.'))
                {
                    index++;
                }

                tokens.Add(new FilterToken(FilterTokenKind.Word, text[start..index]));
            }
            else
            {
                tokens.Add(new FilterToken(FilterTokenKind.Other, c.ToString()));
                index++;
            }
        }

        return tokens;
    }

    private static string ReadString(string text, ref int index)
    {
        var start = index;
        var value = new StringBuilder();
        index++;

        while (index < text.Length)
        {
            if (text[index] != '\'')
            {
                value.Append(text[index++]);
            }
            else if (index + 1 < text.Length && text[index + 1] == '\'')
            {
                value.Append('\'');
                index += 2;
            }
            else
            {
                index++;
                return value.ToString();
            }
        }

        throw new UserQueryException("BadRequest", $"Invalid filter clause: the string starting at position {start} of '{text}' has no closing quote.");
    }
}
