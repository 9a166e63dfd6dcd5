using System.Security.Cryptography;
using Baton.Core.Audit;
using Baton.Core.Playbook;

namespace Baton.Tests.Audit;

/// <summary>
/// Speed work on the gate must not move a single verdict: the JSON audit of the generated 100k-deal HubSpot export
/// must stay byte for byte what it was before that work. Runs only where that exact export is present.
/// </summary>
public sealed class AuditGoldenTests
{
    private const string Export = "/work/wt-bench/bench/out/deals-100k-hubspot.csv";
    private const string ExportSha256 = "14d6823bde87b3e67d715571de8b961970cab97eed03ba9016d6dba29f4fae50";
    private const string AuditJsonSha256 = "e1a300bf85848663ef34eeb1ae83ebecd1f75ba86f7aba24b62c5d230ffc42c4";

    [Fact]
    public void Run_Generated100kExport_JsonUnchanged()
    {
        if (!File.Exists(Export)) Assert.Skip($"{Export} is absent: generate it with the bench tool.");
        using (var input = File.OpenRead(Export))
            if (Convert.ToHexStringLower(SHA256.HashData(input)) != ExportSha256)
                Assert.Skip($"{Export} is not the export the expected audit was computed from.");

        var playbook = PlaybookLoader.Load(Repo.DefaultPlaybook).Playbook!;
        using var output = new MemoryStream();
        using (var sink = new JsonAuditSink(output)) AuditRun.Run(Export, playbook, sink);

        Assert.Equal(AuditJsonSha256, Convert.ToHexStringLower(SHA256.HashData(output.ToArray())));
    }
}
