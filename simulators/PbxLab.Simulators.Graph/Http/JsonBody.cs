using Microsoft.AspNetCore.Http;
using System.Text.Json;
using System.Xml;

namespace PbxLab.Simulators.Graph.Http;

/// <summary>
/// Reads a JSON request body and its properties, rejecting bad input with a 400 that names the problem.
/// Property names match without regard to case, as Graph accepts them.
/// </summary>
internal sealed class JsonBody : IDisposable
{
    // Bodies of the presence actions are small; 650 ids fit well within this.
    private const int MaxBodyBytes = 1024 * 1024;

    private readonly JsonDocument _document;
    private readonly string _action;

    private JsonBody(JsonDocument document, string action)
    {
        _document = document;
        _action = action;
    }

    /// <summary>Reads the body as a JSON object; an empty body counts as {} when <paramref name="allowEmpty"/> is set.</summary>
    public static async Task<JsonBody> ReadAsync(HttpRequest request, string action, bool allowEmpty = false)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                throw GraphRequestException.BadRequest($"The request body of {action} is larger than {MaxBodyBytes} bytes.");
            }
        }

        if (buffer.Length == 0)
        {
            if (!allowEmpty)
            {
                throw GraphRequestException.BadRequest($"The request body of {action} is empty; send a JSON object.");
            }

            return new JsonBody(JsonDocument.Parse("{}"), action);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException exception)
        {
            throw GraphRequestException.BadRequest($"The request body of {action} is not valid JSON: {exception.Message}");
        }

        var kind = document.RootElement.ValueKind;
        if (kind != JsonValueKind.Object)
        {
            document.Dispose();
            throw GraphRequestException.BadRequest($"The request body of {action} must be a JSON object, not {kind}.");
        }

        return new JsonBody(document, action);
    }

    /// <summary>Returns a string property, or null when absent or null; throws when it has another type.</summary>
    public string? GetString(string name)
    {
        if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw GraphRequestException.BadRequest($"The property '{name}' of {_action} must be a string, not {value.ValueKind}.");
    }

    /// <summary>Returns a number or string property as text, or null when absent or null.</summary>
    public string? GetNumberOrString(string name)
    {
        if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => "true",
            _ => throw GraphRequestException.BadRequest($"The property '{name}' of {_action} must be a number or a string, not {value.ValueKind}."),
        };
    }

    /// <summary>Returns a non-empty string property or throws naming it as missing.</summary>
    public string GetRequiredString(string name)
    {
        var value = GetString(name);
        return string.IsNullOrWhiteSpace(value)
            ? throw GraphRequestException.BadRequest($"The required property '{name}' of {_action} is missing or empty.")
            : value;
    }

    /// <summary>Returns an ISO 8601 duration property (for example PT1H), or null when absent.</summary>
    public TimeSpan? GetDuration(string name)
    {
        var text = GetString(name);
        if (text is null)
        {
            return null;
        }

        try
        {
            return XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException)
        {
            throw GraphRequestException.BadRequest($"The property '{name}' of {_action} has the value '{text}', which is not an ISO 8601 duration such as PT30M.");
        }
        catch (OverflowException)
        {
            throw GraphRequestException.BadRequest($"The property '{name}' of {_action} has the value '{text}', which is too large a duration.");
        }
    }

    /// <summary>Returns an array of strings, or throws when it is missing or contains something else.</summary>
    public List<string> GetRequiredStringArray(string name)
    {
        if (!TryGet(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw GraphRequestException.BadRequest($"The required property '{name}' of {_action} is missing or not an array of strings.");
        }

        var items = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            items.Add(item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw GraphRequestException.BadRequest($"The property '{name}' of {_action} must hold strings only, not {item.ValueKind}."));
        }

        return items;
    }

    public void Dispose() => _document.Dispose();

    private bool TryGet(string name, out JsonElement value)
    {
        foreach (var property in _document.RootElement.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
