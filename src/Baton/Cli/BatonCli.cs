using System.CommandLine;
using Spectre.Console;

namespace Baton.Cli;

/// <summary>Exit codes every command keeps: scripts depend on them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The command ran and found what it was asked to fail on.</summary>
    public const int Findings = 1;
    /// <summary>Bad usage or bad input.</summary>
    public const int BadInput = 2;
}

/// <summary>The <c>baton</c> command line: one executable, one subcommand per job.</summary>
public static class BatonCli
{
    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var output = new CliOutput(stdout ?? Console.Out, stderr ?? Console.Error);
        var root = new RootCommand("Baton: the sales-to-customer-success handoff, gated at close and measured.")
        {
            AuditCommand.Create(output),
            DemoCommand.Create(output),
            HandoffCommand.Create(output),
            HubSpotCommands.Drift(output),
            PlaybookCommand.Create(output),
            HubSpotCommands.Provision(output),
            ServeCommand.Create(output),
            SlackCommand.Create(output),
            SyncCommand.Create(output),
            UsersCommand.Tokens(output),
            UsersCommand.Users(output),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) output.Error.WriteLine($"baton: {error.Message}");
            var name = parse.CommandResult.Command == root ? "baton" : $"baton {string.Join(' ', CommandPath(parse.CommandResult))}";
            output.Error.WriteLine($"Run '{name} --help' for usage.");
            return ExitCodes.BadInput;
        }
        return parse.Invoke(new InvocationConfiguration { Output = output.Out, Error = output.Error });
    }

    private static IEnumerable<string> CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new Stack<string>();
        for (var r = result; r?.Parent is System.CommandLine.Parsing.CommandResult parent; r = parent) names.Push(r.Command.Name);
        return names;
    }
}

/// <summary>Where a command writes: plain writers in tests, the terminal (with colour and progress) otherwise.</summary>
public sealed class CliOutput(TextWriter @out, TextWriter error)
{
    public TextWriter Out { get; } = @out;
    public TextWriter Error { get; } = error;
    public bool IsTerminal => ReferenceEquals(Out, System.Console.Out) && !System.Console.IsOutputRedirected;
    public bool ErrorIsTerminal => ReferenceEquals(Error, System.Console.Error) && !System.Console.IsErrorRedirected;

    public IAnsiConsole Ansi(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // A file or a pipe has no width; 120 columns keeps the tables readable in a report.
        if (!terminal) console.Profile.Width = 120;
        return console;
    }
}
