using System.Globalization;
using System.Text;

namespace Baton.Core.Templates;

/// <summary>The filters a playbook template may use; an unknown filter is a parse error, not silent output.</summary>
internal static class Filters
{
    public static readonly IReadOnlyDictionary<string, Func<object?, object?[], object?>> All =
        new Dictionary<string, Func<object?, object?[], object?>>(StringComparer.Ordinal)
        {
            ["mrkdwn"] = (v, _) => EscapeMrkdwn(LiquidTemplate.ToText(v)),
            ["default"] = (v, a) => v is null or false || (v is string or TemplateObject && LiquidTemplate.ToText(v).Length == 0) ? Arg(a, 0, "default") : v,
            ["upcase"] = (v, _) => LiquidTemplate.ToText(v).ToUpperInvariant(),
            ["downcase"] = (v, _) => LiquidTemplate.ToText(v).ToLowerInvariant(),
            ["capitalize"] = (v, _) => LiquidTemplate.ToText(v) is { Length: > 0 } s ? char.ToUpperInvariant(s[0]) + s[1..] : "",
            ["strip"] = (v, _) => LiquidTemplate.ToText(v).Trim(),
            ["append"] = (v, a) => LiquidTemplate.ToText(v) + LiquidTemplate.ToText(Arg(a, 0, "append")),
            ["prepend"] = (v, a) => LiquidTemplate.ToText(Arg(a, 0, "prepend")) + LiquidTemplate.ToText(v),
            ["join"] = (v, a) => v is IReadOnlyList<object?> list ? string.Join(LiquidTemplate.ToText(a.Length > 0 ? a[0] : " "), list.Select(LiquidTemplate.ToText)) : LiquidTemplate.ToText(v),
            ["size"] = (v, _) => (decimal)LiquidTemplate.Size(v),
            ["plus"] = (v, a) => Number(v) + Number(Arg(a, 0, "plus")),
        };

    /// <summary>Slack mrkdwn treats only these three as control characters; everything else prints as typed.</summary>
    public static string EscapeMrkdwn(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>") < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
            sb.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => c.ToString() });
        return sb.ToString();
    }

    private static object? Arg(object?[] args, int i, string filter) =>
        i < args.Length ? args[i] : throw new ArgumentException($"needs an argument, e.g. {{{{ x | {filter}: \"…\" }}}}");

    private static decimal Number(object? v) => v switch
    {
        decimal d => d,
        _ when decimal.TryParse(LiquidTemplate.ToText(v), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => 0,
    };
}
