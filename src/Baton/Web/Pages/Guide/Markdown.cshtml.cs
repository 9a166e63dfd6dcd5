using Baton.Core.Playbook;
using Baton.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Baton.Web.Pages.Guide;

/// <summary>/guide.md: the field guide as Markdown, to pin in Slack.</summary>
[Authorize(Policies.Read)]
public sealed class MarkdownModel(PlaybookContext context) : PageModel
{
    public IActionResult OnGet() =>
        Content(FieldGuide.Markdown(context.Playbook), "text/markdown; charset=utf-8");
}
