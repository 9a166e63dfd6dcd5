using Baton.Core.Messages;
using Baton.Core.Playbook;

namespace Baton.Core.Templates;

/// <summary>
/// Renders the handoff card from the playbook's <c>templates/slack-handoff.liquid</c>, so RevOps can change its
/// wording without a release; a playbook without that template gets the built-in wording.
/// </summary>
public sealed class PlaybookHandoffCard(PlaybookContext context, TemplateRenderer templates) : IHandoffCardRenderer
{
    public const string Template = "slack-handoff.liquid";
    private readonly HandoffCardText _builtIn = new();

    public string Render(HandoffCard card)
    {
        if (!templates.Exists(Template)) return _builtIn.Render(card);
        var model = new HandoffTemplateModel
        {
            Deal = new TemplateDeal { Name = card.Company, Company = card.Company, Segment = card.Segment, Arr = card.ArrText, Amount = card.ArrText },
            Csm = new TemplatePerson(card.CsmMention, SlackMention: card.CsmMention),
            Ae = new TemplatePerson(card.AeName),
            Fields = HandoffTemplateModel.FieldsFrom(context.Playbook.Fields, card.Fields.ToDictionary(kv => kv.Key, kv => (string?)kv.Value)),
            HandoffUrl = card.Url.AbsoluteUri,
            PlaybookName = context.Playbook.Name,
        };
        return templates.Render(Template, model).Text.Trim();
    }
}
