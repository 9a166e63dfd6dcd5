using Baton.Core.Messages;
using Baton.Core.Playbook;
using Baton.Core.Templates;

namespace Baton.Tests.Templates;

public sealed class PlaybookHandoffCardTests : IDisposable
{
    private readonly ScratchDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static PlaybookHandoffCard Card(PlaybookContext context) => new(context, TemplateRenderer.ForPlaybook(context.Directory));

    private static HandoffCard Card(string company) => new("d-1", company, "Mid-Market", "$48,000", "<@U0LENA>", "Rachel Goldberg",
        new Uri("http://127.0.0.1:5080/handoffs/d-1"),
        new Dictionary<string, string> { ["promised"] = "Nothing beyond the contract", ["champion_politically_exposed"] = "Yes" });

    [Fact]
    public void Render_ShippedTemplate_CarriesTheFactsAndEscapesTypedText()
    {
        var card = Card(PlaybookContext.Load(Repo.DefaultPlaybook)).Render(Card("Acme <R&D>"));

        Assert.StartsWith("*New customer for <@U0LENA>: Acme &lt;R&amp;D&gt;*", card);
        Assert.Contains("*Promised beyond the contract:* Nothing beyond the contract", card);
        Assert.Contains("*Known risks:* —", card);
        Assert.Contains("(champion is politically exposed)", card);
    }

    [Fact]
    public void Render_EditedTemplate_UsesTheRevOpsWording()
    {
        var dir = _dir.CopyOfDefaultPlaybook();
        var path = Path.Combine(dir, "templates", PlaybookHandoffCard.Template);
        File.WriteAllText(path, File.ReadAllText(path).Replace("New customer for", "Fresh logo for", StringComparison.Ordinal));

        var card = Card(PlaybookContext.Load(dir)).Render(Card("Northwind"));

        Assert.StartsWith("*Fresh logo for <@U0LENA>: Northwind*", card);
    }
}
