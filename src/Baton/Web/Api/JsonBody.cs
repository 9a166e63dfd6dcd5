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
    private T? _value;
    private IResult? _problem;

    public static async ValueTask<JsonBody<T>> BindAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, options, context.RequestAborted);
            return value is null
                ? new JsonBody<T> { _problem = Problems.Invalid([new FieldProblem("body", "required", "send a JSON object")]) }
                : new JsonBody<T> { _value = value };
        }
        catch (JsonException e)
        {
            var field = Field(e.Path);
            var where = $"line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}";
            var reason = field == "body" ? $"the body is not valid JSON ({where})" : $"'{field}' has the wrong type ({where})";
            return new JsonBody<T> { _problem = Problems.Invalid([new FieldProblem(field, "invalid", reason)]) };
        }
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
