namespace PbxLab.Simulators.Graph.Directory;

/// <summary>One problem in an imported directory file.</summary>
/// <param name="Line">1-based line of the row or JSON object, or of the syntax error.</param>
/// <param name="Field">The column or property at fault, or null for the row as a whole.</param>
public sealed record DirectoryImportError(string File, int Line, string? Field, string Message)
{
    public override string ToString() => Field is null ? $"{File}:{Line}: {Message}" : $"{File}:{Line}: field '{Field}': {Message}";
}

/// <summary>Thrown when an imported directory has errors; <see cref="Errors"/> lists all of them, not only the first.</summary>
public sealed class DirectoryImportException(IReadOnlyList<DirectoryImportError> errors)
    : Exception($"The directory file has {errors.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}")
{
    public IReadOnlyList<DirectoryImportError> Errors { get; } = errors;
}
