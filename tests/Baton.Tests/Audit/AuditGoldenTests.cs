using System.Security.Cryptography;
using Baton.Core.Audit;
using Baton.Core.Playbook;

namespace Baton.Tests.Audit;

/// <summary>
/// Speed work on the gate must not move a single verdict: the JSON audit of the shipped example export stays byte
/// for byte what it was. A deliberate change to the rules updates the expected hash in the same commit.
/// </summary>
public sealed class AuditGoldenTests
{
    private static readonly string Export = Path.Combine(Repo.Root, "examples", "hubspot-deals-export.csv");
    private const string AuditJsonSha256 = "9271520df02ca8f7355f13484426de1a234a7e80d01bffd02edd9d9c14a3d907";

    [Fact]
    public void Run_ShippedExampleExport_JsonUnchanged()
    {
        var playbook = PlaybookLoader.Load(Repo.DefaultPlaybook).Playbook!;
        using var output = new MemoryStream();
        using (var sink = new JsonAuditSink(output)) AuditRun.Run(Export, playbook, sink);

        // Everything after the file's path, which differs from one checkout to the next.
        var json = output.ToArray();
        var from = json.AsSpan().IndexOf(",\"crm\""u8);
        Assert.Equal(AuditJsonSha256, Convert.ToHexStringLower(SHA256.HashData(json.AsSpan(from))));
    }
}
