using System.Text.Json;
using Baton.Core.Deals;
using Microsoft.Extensions.Options;

namespace Baton.Web.Api;

/// <summary>
/// A JSON request body read by hand: the framework's binder answers a malformed body with a bare 400, and every 4xx
/// here must name the field that was wrong.
/// </summary>
internal sealed class JsonBody<T> where T : class
{
    /// <summary>The largest JSON body the API reads: 1 MiB, room for every field of a deal at its longest.</summary>
    public const int MaxBytes = 1 << 20;

    private T? _value;
    private IResult? _problem;

    public static async ValueTask<JsonBody<T>> BindAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var (body, tooLarge) = await ReadAsync(context);
        if (tooLarge) return new JsonBody<T> { _problem = Problems.TooLarge($"the body is over {MaxBytes / 1024:N0} KiB, the most the API reads") };
        // Syntax first, on its own: a syntax error is reported as one, where it is, and never as a field of the wrong type.
        try
        {
            using var _ = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            var where = $"line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}";
            return new JsonBody<T> { _problem = Problems.Invalid([new FieldProblem("body", "syntax", $"the body is not valid JSON: syntax error at {where}")]) };
        }
        try
        {
            var value = JsonSerializer.Deserialize<T>(body, options);
            return value is null
                ? new JsonBody<T> { _problem = Problems.Invalid([new FieldProblem("body", "required", "send a JSON object")]) }
                : new JsonBody<T> { _value = value };
        }
        catch (JsonException e)
        {
            var field = Field(e.Path);
            var where = $"line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}";
            var reason = field == "body" ? $"the body must be a JSON object ({where})" : $"'{field}' has the wrong type ({where})";
            return new JsonBody<T> { _problem = Problems.Invalid([new FieldProblem(field, "invalid", reason)]) };
        }
    }

    /// <summary>The body, up to <see cref="MaxBytes"/>; past that it stops reading and says so.</summary>
    private static async Task<(byte[] Body, bool TooLarge)> ReadAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBytes) return ([], true);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return ([], true);
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), false);
    }

    /// <summary>The problem when the body could not be read, else what <paramref name="next"/> answers.</summary>
    public async Task<IResult> Then(Func<T, Task<IResult>> next) => _problem ?? await next(_value!);

    public Task<IResult> Then(Func<T, IResult> next) => Task.FromResult(_problem ?? next(_value!));

    /// <summary>"$.fields.why_now" → "fields.why_now"; the root → "body".</summary>
    private static string Field(string? path)
    {
        var field = (path ?? "$").TrimStart('$').TrimStart('.').Replace("['", ".").Replace("']", "");
        return field.Length == 0 ? "body" : field;
    }
}
