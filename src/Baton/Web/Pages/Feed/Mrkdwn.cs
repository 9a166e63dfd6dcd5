using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Baton.Web.Pages.Feed;

/// <summary>
/// Slack's mrkdwn as HTML, the way Slack shows a message: <c>*bold*</c>, <c>_italic_</c>, <c>~strike~</c>,
/// <c>`code`</c>, <c>```blocks```</c>, <c>&lt;url|label&gt;</c> links (http and https only), <c>&lt;@U123&gt;</c>
/// mentions by name when known, bullet lines, and Slack's three entities. Every piece of text is HTML-encoded before
/// any tag is added, so a message can never carry markup or script of its own.
/// </summary>
public static partial class Mrkdwn
{
    private const char Open = '\u0001', Close = '\u0002';

    public static string ToHtml(string? text, IReadOnlyDictionary<string, string>? names = null)
    {
        if (string.IsNullOrEmpty(text)) return "";
        // The placeholder characters are Baton's own: a message cannot bring them.
        text = text.Replace(Open.ToString(), "", StringComparison.Ordinal).Replace(Close.ToString(), "", StringComparison.Ordinal).Replace("\r\n", "\n", StringComparison.Ordinal);
        var pieces = new List<string>();
        string Hold(string html) { pieces.Add(html); return $"{Open}{pieces.Count - 1}{Close}"; }

        // Code blocks first: nothing inside them is formatting.
        text = CodeBlock().Replace(text, m => Hold($"<pre><code>{Encode(m.Groups[1].Value.Trim('\n'))}</code></pre>"));
        text = InlineCode().Replace(text, m => Hold($"<code>{Encode(m.Groups[1].Value)}</code>"));
        text = Control().Replace(text, m => Hold(ControlHtml(m.Groups[1].Value, names)));

        var html = Encode(text);
        html = Bold().Replace(html, "<strong>$1</strong>");
        html = Italic().Replace(html, "<em>$1</em>");
        html = Strike().Replace(html, "<del>$1</del>");

        var output = new StringBuilder();
        var lines = new List<string>();
        var items = new List<string>();
        void Flush()
        {
            if (lines.Count > 0) { output.Append(string.Join("<br>", lines)); lines.Clear(); }
            if (items.Count > 0) { output.Append("<ul>").Append(string.Concat(items.Select(i => $"<li>{i}</li>"))).Append("</ul>"); items.Clear(); }
        }
        foreach (var line in html.Trim('\n').Split('\n'))
        {
            var bullet = Bullet().Match(line);
            if (bullet.Success)
            {
                if (lines.Count > 0) Flush();
                items.Add(bullet.Groups[1].Value);
            }
            else
            {
                if (items.Count > 0) Flush();
                lines.Add(line);
            }
        }
        Flush();
        var result = output.ToString();
        return Held().Replace(result, m => pieces[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]);
    }

    /// <summary>One <c>&lt;…&gt;</c>: a mention, a channel, a special mention, or a link.</summary>
    private static string ControlHtml(string inner, IReadOnlyDictionary<string, string>? names)
    {
        var bar = inner.IndexOf('|', StringComparison.Ordinal);
        var target = bar < 0 ? inner : inner[..bar];
        var label = bar < 0 ? null : inner[(bar + 1)..];
        if (target.StartsWith('@'))
        {
            var id = target[1..];
            var name = names?.GetValueOrDefault(id) ?? (string.IsNullOrWhiteSpace(label) ? id : label);
            return $"<span class=\"mention\">@{Encode(name)}</span>";
        }
        if (target.StartsWith('#')) return $"<span class=\"mention\">#{Encode(string.IsNullOrWhiteSpace(label) ? target[1..] : label)}</span>";
        if (target.StartsWith('!')) return $"<span class=\"mention\">@{Encode(string.IsNullOrWhiteSpace(label) ? target[1..].Split('^')[0] : label)}</span>";
        var url = Decode(target).Trim();
        var shown = string.IsNullOrWhiteSpace(label) ? target : label;
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            return $"<a href=\"{WebUtility.HtmlEncode(uri.AbsoluteUri)}\" rel=\"noopener noreferrer\">{Encode(shown)}</a>";
        return Encode(shown);
    }

    /// <summary>Slack's entities back to characters, then HTML-encoded.</summary>
    private static string Encode(string slackText) => WebUtility.HtmlEncode(Decode(slackText));

    private static string Decode(string slackText) =>
        slackText.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    [GeneratedRegex("```(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex("<([^<>\n]+)>")]
    private static partial Regex Control();

    [GeneratedRegex(@"(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![\w_])_(?=\S)([^_\n]*?\S)_(?![\w_])")]
    private static partial Regex Italic();

    [GeneratedRegex(@"(?<![\w~])~(?=\S)([^~\n]*?\S)~(?![\w~])")]
    private static partial Regex Strike();

    [GeneratedRegex(@"^\s*(?:•|-|\*|◦)\s+(.*)$")]
    private static partial Regex Bullet();

    [GeneratedRegex("\u0001(\\d+)\u0002")]
    private static partial Regex Held();
}
