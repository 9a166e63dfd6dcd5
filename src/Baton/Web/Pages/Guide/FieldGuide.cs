using System.Text;
using Baton.Domain.Fields;
using Baton.Domain.Playbook;
using Baton.Web.Pages.Deals;

namespace Baton.Web.Pages.Guide;

/// <summary>The field guide, read from the playbook's manifest: every field under the stage it is first asked at.</summary>
public static class FieldGuide
{
    public sealed record Group(string Stage, IReadOnlyList<FieldDefinition> Fields);

    /// <summary>Stages in pipeline order, each with the fields whose required_from it is; a field naming no stage comes last.</summary>
    public static IReadOnlyList<Group> Groups(Domain.Playbook.Playbook playbook)
    {
        var groups = playbook.Stages.Where(s => s.Outcome != StageOutcome.Lost).OrderBy(s => s.Order)
            .Select(s => new Group(s.Name, playbook.Fields.Fields.Where(f => string.Equals(f.RequiredFrom, s.Name, StringComparison.OrdinalIgnoreCase)).ToList()))
            .Where(g => g.Fields.Count > 0)
            .ToList();
        var other = playbook.Fields.Fields.Where(f => playbook.FindStage(f.RequiredFrom) is null or { Outcome: StageOutcome.Lost }).ToList();
        if (other.Count > 0) groups.Add(new Group("Other", other));
        return groups;
    }

    public static string TypeText(FieldDefinition field) => field.Type switch
    {
        FieldType.LongText => "long text",
        FieldType.MultiChoice => "several of " + string.Join(", ", field.Choices),
        FieldType.Choice => "one of " + string.Join(", ", field.Choices),
        FieldType.Boolean => "yes or no",
        FieldType.Contact => "contact: Name <email>",
        _ => field.Type.ToString().ToLowerInvariant(),
    };

    /// <summary>The same guide as Markdown, to pin in Slack or a wiki.</summary>
    public static string Markdown(Domain.Playbook.Playbook playbook)
    {
        var md = new StringBuilder();
        md.Append("# Handoff field guide: ").Append(Line(playbook.Name)).Append("\n\n");
        md.Append("Each field is asked at the stage shown and checked at every gate after it. ")
          .Append("**Hard** fields block the stage move until they are filled with a real answer; **soft** fields are flagged; optional fields are never required.\n\n");
        foreach (var group in Groups(playbook))
        {
            md.Append("## Asked at ").Append(Line(group.Stage)).Append("\n\n");
            foreach (var f in group.Fields)
            {
                md.Append("### ").Append(Line(f.Label)).Append(" (`").Append(f.Key).Append("`)\n\n");
                md.Append("- **Requirement:** ").Append(DealSheet.RequirementText(f.Requirement)).Append('\n');
                md.Append("- **Segments:** ").Append(Line(DealSheet.SegmentsText(f))).Append('\n');
                md.Append("- **Type:** ").Append(Line(TypeText(f))).Append('\n');
                if (f.Help.Length > 0) md.Append("- **What to write:** ").Append(Line(f.Help)).Append('\n');
                if (f.Example.Length > 0) md.Append("- **Good example:** ").Append(Line(f.Example)).Append('\n');
                md.Append('\n');
            }
        }
        return md.ToString();
    }

    /// <summary>One line of Markdown: no line breaks, and angle brackets kept as text.</summary>
    private static string Line(string text) =>
        text.ReplaceLineEndings(" ").Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
