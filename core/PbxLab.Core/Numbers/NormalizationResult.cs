namespace PbxLab.Core.Numbers;

/// <summary>A number in E.164, or the reason it could not be normalised.</summary>
/// <param name="E164">The number in E.164 (a plus and up to 15 digits), or null on failure.</param>
/// <param name="Failure">Why the input is not a valid number, or null on success.</param>
public readonly record struct NormalizationResult(string? E164, string? Failure)
{
    public bool IsSuccess => E164 is not null;

    public static NormalizationResult Success(string e164) => new(e164, null);

    public static NormalizationResult Fail(string failure) => new(null, failure);
}
