using Baton.Core.Playbook;
using Baton.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Baton.Web.Pages.Guide;

/// <summary>The field guide: every manifest field by the stage it is asked at, with requirement, segments, help and a good example.</summary>
[Authorize(Policies.Read)]
public sealed class IndexModel(PlaybookContext context) : PageModel
{
    public Domain.Playbook.Playbook Playbook => context.Playbook;
    public IReadOnlyList<FieldGuide.Group> Groups { get; private set; } = [];

    public void OnGet() => Groups = FieldGuide.Groups(Playbook);
}
