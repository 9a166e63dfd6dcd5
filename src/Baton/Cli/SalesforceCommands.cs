using System.CommandLine;
using System.Text;
using Baton.Core.Integrations.Salesforce;
using Baton.Core.Playbook;

namespace Baton.Cli;

/// <summary><c>baton provision salesforce --out DIR</c>: the Salesforce DX project an admin reviews and deploys.</summary>
internal static class SalesforceCommands
{
    public static Command Provision(CliOutput output)
    {
        var playbook = PlaybookOption.Create();
        var outDir = new Option<string>("--out", "-o") { Description = "Directory to write the DX project into (created if missing; Baton's files in it are replaced).", HelpName = "DIR", Required = true };
        var command = new Command("salesforce",
            "Write a Salesforce DX source project for `sf project deploy start`: the manifest's fields as Opportunity custom fields, "
            + "a permission set, and validation rules that hold the hard fields at each stage. Nothing is sent to Salesforce.")
        {
            playbook, outDir,
        };
        command.SetAction(parse =>
        {
            var dir = PlaybookOption.Resolve(parse.GetValue(playbook));
            var loaded = PlaybookLoader.Load(dir);
            if (!loaded.Ok)
            {
                foreach (var e in loaded.Errors) output.Error.WriteLine(e);
                return ExitCodes.BadInput;
            }
            var target = Path.GetFullPath(parse.GetValue(outDir)!);
            if (File.Exists(target))
            {
                output.Error.WriteLine($"baton provision salesforce: --out {target} is a file; name a directory");
                return ExitCodes.BadInput;
            }
            var files = SalesforceDxProject.Generate(loaded.Playbook!);
            try
            {
                foreach (var (path, content) in files)
                {
                    var full = Path.Combine(target, path);
                    Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                    File.WriteAllText(full, content, new UTF8Encoding(false));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                output.Error.WriteLine($"baton provision salesforce: cannot write into {target}: {e.Message}");
                return ExitCodes.BadInput;
            }
            var fields = files.Count(f => f.Path.EndsWith(".field-meta.xml", StringComparison.Ordinal));
            var rules = files.Count(f => f.Path.EndsWith(".validationRule-meta.xml", StringComparison.Ordinal));
            output.Out.WriteLine($"Wrote {files.Count} files to {target}: {fields} Opportunity fields, {rules} validation rules, the permission set {SalesforceDxProject.PermissionSetName}.");
            var unmapped = loaded.Playbook!.Fields.Fields.Where(f => string.IsNullOrWhiteSpace(f.SalesforceField)).Select(f => f.Key).ToList();
            if (unmapped.Count > 0) output.Out.WriteLine($"Not provisioned (no salesforce_field in the manifest): {string.Join(", ", unmapped)}.");
            output.Out.WriteLine("Review it, then deploy: cd " + target + " && sf project deploy start --source-dir force-app --target-org <alias>");
            output.Out.WriteLine("Assign the permission set to the AEs and CSMs: sf org assign permset --name " + SalesforceDxProject.PermissionSetName + " --target-org <alias>");
            return ExitCodes.Ok;
        });
        return command;
    }
}
