using System.Globalization;
using System.Text;

namespace Baton.Core.Documents;

/// <summary>Writes a <see cref="HandoffDocument"/> as Markdown: the same sections as the page, user text escaped.</summary>
public static class HandoffMarkdown
{
    public const string NotCaptured = "not captured";

    public static string Write(HandoffDocument d, TimeSpan workingDay)
    {
        var md = new StringBuilder();
        md.Append("# Handoff: ").Append(Escape(d.Account)).Append('\n').Append('\n');
        md.Append("Deal ").Append(Escape(d.DealId)).Append(" · state ").Append(Escape(d.State)).Append(" · CS stage ").Append(Escape(d.CsStage))
            .Append(" · ").Append(Escape(d.Type)).Append(" handoff · round ").Append(d.Round.ToString(CultureInfo.InvariantCulture)).Append('\n').Append('\n');
        md.Append("ARR ").Append(Escape(d.Amount.ToString("#,0", CultureInfo.InvariantCulture))).Append(" · closed won ").Append(HandoffDocument.Utc(d.ClosedWonAtUtc));
        if (d.KickoffAtUtc is { } k) md.Append(" · kickoff ").Append(HandoffDocument.Utc(k));
        if (d.Stars is { } s) md.Append(" · rated ").Append(s.ToString(CultureInfo.InvariantCulture)).Append("/5");
        md.Append('\n');
        if (d.LastRejectionReasons.Count > 0)
        {
            md.Append('\n').Append("Last sent back because:").Append('\n').Append('\n');
            foreach (var r in d.LastRejectionReasons) md.Append("- ").Append(Escape(r)).Append('\n');
        }

        foreach (var section in d.Sections)
        {
            md.Append('\n').Append("## ").Append(section.Title).Append('\n').Append('\n');
            foreach (var v in section.Values)
            {
                md.Append("- **").Append(Escape(v.Label)).Append("**: ");
                if (!v.Captured) md.Append('*').Append(NotCaptured).Append('*');
                else
                {
                    var lines = v.Value!.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
                    md.Append(string.Join("  \n  ", lines.Select(Escape)));
                }
                if (v.SetBy is not null)
                    md.Append(" _(").Append(Escape(v.SetBy)).Append(", ").Append(HandoffDocument.Utc(v.SetAtUtc)).Append(", ").Append(Escape(v.Source ?? "")).Append(")_");
                md.Append('\n');
            }
        }

        md.Append('\n').Append("## Clocks").Append('\n').Append('\n');
        if (d.Clocks.Count == 0) md.Append("No clock has started.").Append('\n');
        foreach (var c in d.Clocks)
            md.Append("- **").Append(Escape(c.Name)).Append("**: due ").Append(HandoffDocument.Utc(c.DueAtUtc)).Append(", ").Append(Escape(c.Standing)).Append('\n');

        md.Append('\n').Append("## Cadence tasks").Append('\n').Append('\n');
        if (d.Tasks.Count == 0) md.Append("No tasks.").Append('\n');
        foreach (var t in d.Tasks)
            md.Append("- [").Append(t.DoneAtUtc is null ? ' ' : 'x').Append("] ").Append(Escape(t.Title)).Append(" (").Append(Escape(t.OwnerName)).Append("), due ")
                .Append(HandoffDocument.Utc(t.DueAtUtc)).Append(t.DoneAtUtc is { } done ? $", done {HandoffDocument.Utc(done)}" : t.Overdue ? ", overdue" : "").Append('\n');

        md.Append('\n').Append("## History").Append('\n').Append('\n');
        foreach (var e in d.History)
            md.Append("- ").Append(HandoffDocument.Utc(e.AtUtc)).Append(": ").Append(Escape(e.Type)).Append(" by ").Append(Escape(e.Actor)).Append('\n');
        md.Append('\n').Append("Exported ").Append(HandoffDocument.Utc(d.GeneratedAtUtc)).Append(" by Baton.").Append('\n');
        return md.ToString();
    }

    /// <summary>Backslash-escapes what Markdown would read as formatting, links or HTML; a line's leading list or heading marker too.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            if (ch is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '~' or '#' or '!' or '{' or '}') sb.Append('\\');
            sb.Append(ch);
        }
        var s = sb.ToString();
        var trimmed = s.TrimStart();
        // "- x", "+ x" or "1. x" at the start would become a list, "===" under a line a heading.
        if (trimmed.Length > 0 && (trimmed[0] is '-' or '+' or '=' || (char.IsDigit(trimmed[0]) && trimmed.SkipWhile(char.IsDigit).FirstOrDefault() is '.' or ')')))
        {
            var at = s.Length - trimmed.Length;
            var digits = trimmed.TakeWhile(char.IsDigit).Count();
            s = digits > 0 ? s.Insert(at + digits, "\\") : s.Insert(at, "\\");
        }
        return s;
    }
}
