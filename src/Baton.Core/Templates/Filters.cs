using System.Text;

namespace Baton.Core.Templates;

/// <summary>
/// Our own Liquid filters, registered with DotLiquid once (see <see cref="LiquidEngine"/>). Each public static
/// method is a filter named in snake case: <c>Mrkdwn</c> is <c>{{ x | mrkdwn }}</c>.
/// </summary>
internal static class Filters
{
    /// <summary>Escapes a value for Slack mrkdwn.</summary>
    public static string Mrkdwn(object? input) => EscapeMrkdwn(input?.ToString() ?? "");

    /// <summary>Slack mrkdwn treats only these three as control characters; everything else prints as typed.</summary>
    internal static string EscapeMrkdwn(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>") < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
            sb.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => c.ToString() });
        return sb.ToString();
    }
}
