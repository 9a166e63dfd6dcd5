using System.Text.Json;
using Baton.Core.Audit;
using Baton.Core.Playbook;

namespace Baton.Tests.Audit;

/// <summary>The JSON report lists every field the gate judged, good ones too, as docs/audit.md describes.</summary>
public sealed class AuditJsonTests : IDisposable
{
    private static readonly Domain.Playbook.Playbook Playbook = PlaybookLoader.Load(Repo.DefaultPlaybook).Playbook!;
    private readonly ScratchDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private JsonElement Audit(string csv)
    {
        using var output = new MemoryStream();
        using (var sink = new JsonAuditSink(output)) AuditRun.Run(_dir.File("export.csv", csv), Playbook, sink);
        return JsonDocument.Parse(output.ToArray()).RootElement.Clone();
    }

    private static JsonElement Field(JsonElement deal, string key) =>
        deal.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == key);

    [Fact]
    public void Deal_GoodField_IsListedWithItsColumnAndNoRule()
    {
        var deal = Audit(new ExportBuilder().Deal("1", "Closed Won", "Dana Whitfield").Build()).GetProperty("deals")[0];

        var sponsor = Field(deal, "executive_sponsor");
        Assert.Equal("Executive sponsor", sponsor.GetProperty("column").GetString());
        Assert.Equal("ok", sponsor.GetProperty("verdict").GetString());
        Assert.False(sponsor.TryGetProperty("rule", out _));
        Assert.Empty(deal.GetProperty("rules").EnumerateArray());
    }

    [Fact]
    public void Deal_MissingField_CarriesRuleAndReason()
    {
        var csv = new ExportBuilder().Deal("1", "Closed Won", "Dana Whitfield", new(ExportBuilder.GoodDeal()) { ["promised"] = "", ["why_now"] = "tbd" }).Build();

        var deal = Audit(csv).GetProperty("deals")[0];

        var promised = Field(deal, "promised");
        Assert.Equal(("missing", "explicit_none", true), (promised.GetProperty("verdict").GetString(), promised.GetProperty("rule").GetString(), promised.GetProperty("blocking").GetBoolean()));
        Assert.Contains("Nothing beyond the contract", promised.GetProperty("reason").GetString());
        Assert.Equal(["filler", "explicit_none"], deal.GetProperty("rules").EnumerateArray().Select(r => r.GetString()));
        // The problems alone stay as they were, for scripts that read them.
        Assert.Equal(["why_now", "promised"], deal.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("field").GetString()));
    }

    [Fact]
    public void Deal_OptionalField_JudgedOnlyWhenFilled_AsAWarning()
    {
        var csv = new ExportBuilder()
            .Deal("1", "Closed Won", "Dana Whitfield")
            .Deal("2", "Closed Won", "Dana Whitfield", new(ExportBuilder.GoodDeal()) { ["decision_timeline"] = "Fast" })
            .Build();

        var root = Audit(csv);
        var blank = root.GetProperty("deals")[0];
        var filled = root.GetProperty("deals")[1];

        Assert.DoesNotContain(blank.GetProperty("fields").EnumerateArray(), f => f.GetProperty("field").GetString() == "decision_timeline");
        var timeline = Field(filled, "decision_timeline");
        Assert.Equal(("vague", "no_dates", false, true),
            (timeline.GetProperty("verdict").GetString(), timeline.GetProperty("rule").GetString(), timeline.GetProperty("blocking").GetBoolean(), timeline.GetProperty("warning").GetBoolean()));
        Assert.True(filled.GetProperty("passed").GetBoolean());
        var summary = root.GetProperty("summary").GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "decision_timeline");
        Assert.Equal((1, 1), (summary.GetProperty("checked").GetInt32(), summary.GetProperty("vague").GetInt32()));
    }
}
