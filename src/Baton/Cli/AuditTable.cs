using Baton.Core.Audit;
using Spectre.Console;

namespace Baton.Cli;

/// <summary>The audit as a RevOps lead would show it: the headline rate, the pillars, fields, AEs and the worst deals.</summary>
internal static class AuditTable
{
    public static void Render(IAnsiConsole console, AuditSummary s)
    {
        var crm = s.Flavor switch { CrmFlavor.HubSpot => "HubSpot", CrmFlavor.Salesforce => "Salesforce", _ => "unknown CRM" };
        console.Write(new Rule($"[bold]Handoff audit[/] · {Markup.Escape(Path.GetFileName(s.File))} · {crm} export · playbook '{Markup.Escape(s.PlaybookName)}'").LeftJustified());
        console.MarkupLine($"{s.DealsRead:N0} deals read, [bold]{s.ClosedWon:N0}[/] closed-won.");
        if (s.ClosedWon == 0)
        {
            console.MarkupLine("[yellow]No closed-won deals in this export: nothing to audit.[/]");
            return;
        }
        var rateColour = s.CompletenessRate >= 0.9 ? "green" : s.CompletenessRate >= 0.6 ? "yellow" : "red";
        console.MarkupLine($"Handoff completeness: [bold {rateColour}]{s.CompletenessRate:P0}[/] ({s.Complete:N0} of {s.ClosedWon:N0} pass the Closed Won gate; {s.ClosedWon - s.Complete:N0} would be blocked).");
        console.WriteLine();

        var pillars = new BarChart().Label("[bold]Average score by what a handoff must carry (0-100)[/]").Width(60).WithMaxValue(100);
        void Pillar(string name, int score) { if (score >= 0) pillars.AddItem(name, score, Colour(score)); }
        Pillar("Facts", s.AverageScores.Facts);
        Pillar("Context", s.AverageScores.Context);
        Pillar("Commitments", s.AverageScores.Commitments);
        Pillar("Risk", s.AverageScores.Risk);
        console.Write(pillars);
        console.WriteLine();

        var fields = new Table().Title("[bold]Fields, worst first[/]").Border(TableBorder.Rounded)
            .AddColumns("Field", "Req.", "Filled", "Good", "Missing", "Filler", "Vague", "Invalid");
        foreach (var c in fields.Columns.Skip(2)) c.RightAligned();
        foreach (var f in s.Fields.Where(f => f.Checked > 0).OrderBy(f => f.GoodRate).ThenBy(f => f.Field.Ordinal))
            fields.AddRow(Markup.Escape(f.Field.Label), f.Field.Requirement.ToString().ToLowerInvariant(), $"{f.FillRate:P0}",
                $"[{Colour(f.GoodRate * 100)}]{f.GoodRate:P0}[/]", Count(f.Missing), Count(f.Filler), Count(f.Vague), Count(f.Invalid));
        console.Write(fields);
        if (s.FieldsNotInExport.Count > 0)
            console.MarkupLine($"[yellow]Not in this export (counted as missing):[/] {Markup.Escape(string.Join(", ", s.FieldsNotInExport.Select(f => f.Label)))}");
        console.WriteLine();

        var owners = new Table().Title("[bold]Account executives, least complete first[/]").Border(TableBorder.Rounded)
            .AddColumns("AE", "Closed won", "Complete", "Completeness", "Field fill", "Avg score");
        foreach (var c in owners.Columns.Skip(1)) c.RightAligned();
        foreach (var o in s.Owners.OrderBy(o => o.CompletenessRate).ThenBy(o => o.FillRate).ThenBy(o => o.Owner, StringComparer.Ordinal))
            owners.AddRow(Markup.Escape(o.Owner), $"{o.ClosedWon:N0}", $"{o.Complete:N0}", $"[{Colour(o.CompletenessRate * 100)}]{o.CompletenessRate:P0}[/]",
                $"{o.FillRate:P0}", $"{o.AverageScore:F0}");
        console.Write(owners);
        console.WriteLine();

        if (s.WorstOffenders.Count > 0)
        {
            var worst = new Table().Title("[bold]Worst handoffs[/]").Border(TableBorder.Rounded)
                .AddColumns("Line", "Deal", "AE", "Blocking", "Score", "What is wrong");
            worst.Columns[0].RightAligned();
            worst.Columns[3].RightAligned();
            worst.Columns[4].RightAligned();
            foreach (var o in s.WorstOffenders)
                worst.AddRow($"{o.Line}", Markup.Escape(o.Name.Length > 0 ? o.Name : o.Id), Markup.Escape(o.Owner), $"{o.Blocking}", $"{o.Score}",
                    Markup.Escape(string.Join("; ", o.Problems)));
            console.Write(worst);
        }
        console.MarkupLine("[grey]Every deal with its problems: --format csv or --format json.[/]");
    }

    private static string Count(int n) => n == 0 ? "[grey]0[/]" : $"{n:N0}";

    private static Color Colour(double score) => score >= 90 ? Color.Green : score >= 60 ? Color.Yellow : Color.Red;
}
