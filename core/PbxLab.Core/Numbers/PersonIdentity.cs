using System.Text;

namespace PbxLab.Core.Numbers;

/// <summary>
/// Decides whether two directory entries are the same person: their display names are equal after
/// trimming, collapsing white space, ignoring case and ignoring accents ("Élodie  Martin" and
/// "elodie martin"). One entry listing a number twice (business and mobile) is one person too.
/// Two different Entra users with the same display name also count as one person, because a name
/// is all a call history shows, and that name is right for either of them.
/// </summary>
public static class PersonIdentity
{
    private const char FirstFolded = '\u00C0';

    /// <summary>
    /// Base letters of U+00C0 to U+017F (Latin-1 Supplement and Latin Extended-A), from their
    /// Unicode canonical decompositions plus Ø, Đ and Ł. The core runs with invariant globalization,
    /// where string.Normalize does not decompose, so the table does it for European names.
    /// </summary>
    private const string FoldedLetters = "AAAAAAÆCEEEEIIIIÐNOOOOO×OUUUUYÞßaaaaaaæceeeeiiiiðnooooo÷ouuuuyþyAaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhĦħIiIiIiIiIıĲĳJjKkĸLlLlLlĿŀLlNnNnNnŉŊŋOoOoOoŒœRrRrRrSsSsSsSsTtTtŦŧUuUuUuUuUuUuWwYyYZzZzZzſ";

    /// <summary>Returns the key under which entries of the same person compare equal.</summary>
    public static string KeyOf(string displayName)
    {
        var key = new StringBuilder(displayName.Length);
        var lastWasSpace = true;
        foreach (var character in displayName)
        {
            if (char.IsWhiteSpace(character))
            {
                lastWasSpace = true;
                continue;
            }

            // Combining diacritical marks (U+0300 to U+036F) of an already decomposed name.
            if (character is >= '\u0300' and <= '\u036F')
            {
                continue;
            }

            if (lastWasSpace && key.Length > 0)
            {
                key.Append(' ');
            }

            var folded = character >= FirstFolded && character - FirstFolded < FoldedLetters.Length
                ? FoldedLetters[character - FirstFolded]
                : character;
            key.Append(char.ToLowerInvariant(folded));
            lastWasSpace = false;
        }

        return key.ToString();
    }
}
