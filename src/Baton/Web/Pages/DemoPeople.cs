using Baton.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Baton.Web.Pages;

/// <summary>The people the demo's switcher offers.</summary>
internal static class DemoPeople
{
    public sealed record Person(string Id, string Name, string Role);

    public static IReadOnlyList<Person> List(HttpContext context) =>
        context.RequestServices.GetRequiredService<BatonDb>().Users.AsNoTracking().Where(u => !u.Disabled)
            .OrderBy(u => u.Role).ThenBy(u => u.Name).Select(u => new Person(u.Id, u.Name, u.Role)).ToList();
}
