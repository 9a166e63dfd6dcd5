using Baton.Core.Audit;
using Baton.Core.Playbook;
using Baton.Domain.Quality;

namespace Baton.Tests.Audit;

public sealed class AuditRunTests : IDisposable
{
    private static readonly Domain.Playbook.Playbook Playbook = PlaybookLoader.Load(Repo.DefaultPlaybook).Playbook!;
    private readonly ScratchDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private (AuditSummary Summary, List<Recorded> Deals) Audit(string csv, string name = "export.csv")
    {
        var sink = new RecordingSink();
        var summary = AuditRun.Run(_dir.File(name, csv), Playbook, sink);
        return (summary, sink.Deals);
    }

    [Fact]
    public void Run_HubSpotLabels_JudgesOnlyClosedWonDeals()
    {
        var csv = new ExportBuilder()
            .Deal("1", "Closed Won", "Dana Whitfield")
            .Deal("2", "Proposal", "Dana Whitfield", new())
            .Deal("3", "closedwon", "Omar Haddad", new(ExportBuilder.GoodDeal()) { ["why_now"] = "n/a", ["promised"] = "" })
            .Deal("4", "Closed Lost", "Omar Haddad", new())
            .Build();

        var (summary, deals) = Audit(csv);

        Assert.Equal(CrmFlavor.HubSpot, summary.Flavor);
        Assert.Equal(4, summary.DealsRead);
        Assert.Equal(["1", "3"], deals.Select(d => d.Id));
        Assert.True(deals[0].Passed, string.Join("; ", deals[0].Problems));
        Assert.False(deals[1].Passed);
        Assert.Contains("why_now:Filler", deals[1].Problems);
        Assert.Contains("promised:Missing", deals[1].Problems);
        Assert.Equal(0.5, summary.CompletenessRate);
        Assert.Equal(1, summary.DealsByStage["Proposal"]);
        Assert.Empty(summary.FieldsNotInExport);
    }

    [Fact]
    public void Run_SalesforceApiNames_DetectsSalesforceAndMapsFields()
    {
        var csv = new ExportBuilder(salesforce: true)
            .Deal("0065g00000XyZabAAB", "Closed Won", "Lena Ortiz")
            .Deal("0065g00000XyZacAAB", "Negotiation/Review", "Lena Ortiz", new())
            .Build();

        var (summary, deals) = Audit(csv);

        Assert.Equal(CrmFlavor.Salesforce, summary.Flavor);
        var deal = Assert.Single(deals);
        Assert.True(deal.Passed, string.Join("; ", deal.Problems));
        Assert.Equal(1, summary.DealsByStage["Contract Sent"]);
    }

    [Fact]
    public void Run_BomAndMultiLineCells_ReportsEachDealsPhysicalLine()
    {
        var multiline = new Dictionary<string, string>(ExportBuilder.GoodDeal())
        {
            ["risks"] = "Champion goes on leave in January.\nSSO rollout owned by a sceptical IT lead.\nBudget renews in April.",
        };
        var csv = new ExportBuilder()
            .Deal("1", "Closed Won", "Dana Whitfield", multiline)
            .Deal("2", "Closed Won", "Dana Whitfield", new(ExportBuilder.GoodDeal()) { ["success_metric"] = "tbd" })
            .Build(bom: true);

        var (summary, deals) = Audit(csv);

        Assert.Equal(CrmFlavor.HubSpot, summary.Flavor);
        Assert.Equal([2, 5], deals.Select(d => d.Line));
        Assert.True(deals[0].Passed, string.Join("; ", deals[0].Problems));
        Assert.Equal(1, summary.WorstOffenders.Single().Blocking);
        Assert.Equal(5, summary.WorstOffenders.Single().Line);
    }

    [Fact]
    public void Run_TalliesFieldsAndOwners()
    {
        var csv = new ExportBuilder()
            .Deal("1", "Closed Won", "Dana Whitfield")
            .Deal("2", "Closed Won", "Dana Whitfield")
            .Deal("3", "Closed Won", "Omar Haddad", new(ExportBuilder.GoodDeal()) { ["why_now"] = "see notes", ["champion"] = "" })
            .Build();

        var (summary, _) = Audit(csv);

        var whyNow = summary.Fields.Single(f => f.Field.Key == "why_now");
        Assert.Equal((3, 3, 2, 1), (whyNow.Checked, whyNow.Filled, whyNow.Good, whyNow.Filler));
        var champion = summary.Fields.Single(f => f.Field.Key == "champion");
        Assert.Equal((3, 2, 1), (champion.Checked, champion.Filled, champion.Missing));
        var omar = summary.Owners.Single(o => o.Owner == "Omar Haddad");
        Assert.Equal((1, 0), (omar.ClosedWon, omar.Complete));
        Assert.Equal(1.0, summary.Owners.Single(o => o.Owner == "Dana Whitfield").CompletenessRate);
        Assert.Equal("3", summary.WorstOffenders.Single().Id);
    }

    [Fact]
    public void Run_SegmentDecidesWhichFieldsApply()
    {
        // Non-standard terms apply to Mid-Market and Enterprise only: an SMB deal passes without them.
        var withoutTerms = new Dictionary<string, string>(ExportBuilder.GoodDeal()) { ["nonstandard_terms"] = "", ["arr"] = "12000" };
        var csv = new ExportBuilder()
            .Deal("smb", "Closed Won", "Dana Whitfield", withoutTerms, amount: "12000")
            .Deal("mm", "Closed Won", "Dana Whitfield", new(withoutTerms) { ["arr"] = "60000" }, amount: "60000")
            .Build();

        var (_, deals) = Audit(csv);

        Assert.Equal(("SMB", true), (deals[0].Segment, deals[0].Passed));
        Assert.Equal(("Mid-Market", false), (deals[1].Segment, deals[1].Passed));
        Assert.Contains("nonstandard_terms:Missing", deals[1].Problems);
    }

    [Fact]
    public void Run_SemicolonSeparatedExport_IsRead()
    {
        // Excel in many European locales saves "CSV" with semicolons.
        var (summary, deals) = Audit("Record ID;Deal Name;Deal Stage;Deal owner\r\n1;Acme, Inc.;Closed Won;Dana Whitfield\r\n");

        Assert.Equal(1, summary.DealsRead);
        Assert.Equal("1", Assert.Single(deals).Id);
    }

    [Fact]
    public void Run_RaggedRow_FailsWithItsLine()
    {
        var csv = "Record ID,Deal Name,Deal Stage,Deal owner\n1,Acme,Closed Won,Dana\n2,Beta,Closed Won\n";

        var e = Assert.Throws<AuditInputException>(() => Audit(csv));

        Assert.Equal(3, e.Line);
        Assert.Contains("row has 3 columns, the header has 4", e.Message);
    }

    [Fact]
    public void Run_NoStageColumn_NamesTheColumnsItLooksFor()
    {
        var e = Assert.Throws<AuditInputException>(() => Audit("Record ID,Deal Name,Amount\n1,Acme,100\n"));

        Assert.Equal(1, e.Line);
        Assert.Contains("no deal-stage column", e.Message);
        Assert.Contains("'Deal Stage'", e.Message);
        Assert.Contains("'StageName'", e.Message);
    }

    [Fact]
    public void Run_UnknownStage_ListsTheKnownOnes()
    {
        var e = Assert.Throws<AuditInputException>(() => Audit("Record ID,Deal Stage\n1,Closed Won\n2,Signed\n"));

        Assert.Equal(3, e.Line);
        Assert.Contains("unknown deal stage 'Signed'", e.Message);
        Assert.Contains("Closed Won (closedwon)", e.Message);
    }

    [Fact]
    public void Run_Latin1Bytes_RefusedAsNotUtf8WithLine()
    {
        var bytes = "Record ID,Deal Name,Deal Stage\n1,Acme,Closed Won\n2,Caf"u8.ToArray().Concat(new byte[] { 0xE9 }).Concat(",Closed Won\n"u8.ToArray()).ToArray();
        var path = _dir.Bytes("latin1.csv", bytes);

        var e = Assert.Throws<AuditInputException>(() => AuditRun.Run(path, Playbook, new RecordingSink()));

        Assert.Contains("not UTF-8", e.Message);
        Assert.Equal(3, e.Line);
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 }, "Excel workbook")]
    [InlineData(new byte[] { 0x7B, 0x22, 0x64, 0x22, 0x3A, 0x31, 0x7D }, "looks like JSON")]
    [InlineData(new byte[] { 0x00, 0x01, 0x02, 0x03 }, "binary data")]
    [InlineData(new byte[] { }, "empty")]
    public void Run_NotACsvFile_SaysWhatItIs(byte[] content, string expected)
    {
        var path = _dir.Bytes("export.csv", content);

        var e = Assert.Throws<AuditInputException>(() => AuditRun.Run(path, Playbook, new RecordingSink()));

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Run_UnclosedQuote_IsMalformed()
    {
        var e = Assert.Throws<AuditInputException>(() => Audit("Record ID,Deal Stage,Deal Name\n1,Closed Won,\"Acme\n"));

        Assert.Contains("malformed CSV", e.Message);
    }

    internal sealed record Recorded(int Line, string Id, string? Segment, bool Passed, List<string> Problems);

    private sealed class RecordingSink : IAuditSink
    {
        public List<Recorded> Deals { get; } = [];
        public void Begin(AuditContext context) { }
        public void End(AuditSummary summary) { }

        public void Deal(in DealAudit deal)
        {
            var problems = new List<string>();
            for (var i = 0; i < deal.Verdicts.Length; i++)
                if (deal.Verdicts[i].Kind != VerdictKind.Ok) problems.Add($"{deal.Plan.Fields[i].Key}:{deal.Verdicts[i].Kind}");
            Deals.Add(new Recorded(deal.Line, deal.Id.ToString(), deal.Segment, deal.Passed, problems));
        }
    }
}
