using System.CommandLine;
using System.Text.Json;
using Baton.Core.Playbook;

namespace Baton.Cli;

/// <summary><c>baton playbook check [DIR]</c>: validates a playbook and lists every problem with file:line:column.</summary>
internal static class PlaybookCommand
{
    public static Command Create(CliOutput output)
    {
        var dir = new Argument<string?>("DIR") { Description = "Playbook directory. Default: ./playbooks/default.", Arity = ArgumentArity.ZeroOrOne };
        var format = new Option<string>("--format") { Description = "Output: text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var check = new Command("check", "Validate a playbook: stages, segments, calendar, clocks, the field manifest and templates. Exit 2 when anything is wrong.")
        {
            dir, format,
        };
        check.SetAction(parse => Check(PlaybookOption.Resolve(parse.GetValue(dir)), parse.GetValue(format)!, output));
        return new Command("playbook", "Work with the playbook: the team's pipeline, fields, clocks and templates.") { check };
    }

    private static int Check(string directory, string format, CliOutput output)
    {
        var result = PlaybookLoader.Load(directory);
        // Warnings do not change the exit code: the playbook is valid, and the team may mean what it wrote.
        var warnings = result.Playbook is { } loaded ? Baton.Domain.Playbook.ClockAdvice.Warnings(loaded) : [];
        if (format == "json")
        {
            var body = new
            {
                directory,
                ok = result.Ok,
                errors = result.Errors.Select(e => new { file = e.File, line = e.Line, column = e.Column, message = e.Message }),
                warnings = warnings.Select(w => new { file = "playbook.yaml", message = w }),
                stages = result.Playbook?.Stages.Count,
                fields = result.Playbook?.Fields.Fields.Count,
                clocks = result.Playbook?.Clocks.Count,
            };
            output.Out.WriteLine(JsonSerializer.Serialize(body, JsonOptions.Web));
            return result.Ok ? ExitCodes.Ok : ExitCodes.BadInput;
        }
        if (!result.Ok)
        {
            foreach (var e in result.Errors) output.Error.WriteLine(e);
            output.Error.WriteLine($"{result.Errors.Count} problem{(result.Errors.Count == 1 ? "" : "s")} in {directory}");
            return ExitCodes.BadInput;
        }
        var p = result.Playbook!;
        foreach (var w in warnings) output.Error.WriteLine($"playbook.yaml: warning: {w}");
        output.Out.WriteLine($"{directory}: ok. '{p.Name}': {p.Stages.Count} stages, {p.Segments.Count} segments, {p.Fields.Fields.Count} fields, {p.Clocks.Count} clocks, calendar {p.Calendar.TimeZone}.");
        return ExitCodes.Ok;
    }
}

internal static class JsonOptions
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
