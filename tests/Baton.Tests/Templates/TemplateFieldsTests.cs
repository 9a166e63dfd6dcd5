using Baton.Core.Playbook;
using Baton.Core.Templates;

namespace Baton.Tests.Templates;

public sealed class TemplateFieldsTests
{
    [Fact]
    public void FieldsFrom_CrmForms_ReadLikeTheGateReadsThem()
    {
        var manifest = PlaybookContext.Load(Repo.DefaultPlaybook).Playbook.Fields;

        var fields = HandoffTemplateModel.FieldsFrom(manifest, new Dictionary<string, string?>
        {
            ["contract_start"] = "12/1/2026",
            ["champion"] = "Marcus Lee (marcus.lee@northwind.io)",
            ["champion_politically_exposed"] = "Y",
        });

        Assert.Equal("December 1, 2026", fields["contract_start"].Display);
        Assert.Equal(("Marcus Lee", "marcus.lee@northwind.io"), (fields["champion"].Name, fields["champion"].Email));
        Assert.Equal("Yes", fields["champion_politically_exposed"].Display);
    }
}
