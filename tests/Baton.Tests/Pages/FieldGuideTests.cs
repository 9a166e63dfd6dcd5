using System.Net;
using Baton.Core.Playbook;
using Baton.Tests.Service;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Tests.Pages;

/// <summary>/guide and /guide.md: every manifest field, by the stage it is asked at.</summary>
public sealed class FieldGuideTests
{
    [Fact]
    public async Task The_guide_lists_every_manifest_field_with_requirement_segments_help_and_example_under_its_stage()
    {
        await using var app = await BatonApp.StartAsync();
        using var viewer = PageClient.As(app, "viewer@baton.test");
        var html = await viewer.GetHtmlAsync("/guide");
        var playbook = app.App.Services.GetRequiredService<PlaybookContext>().Playbook;

        foreach (var f in playbook.Fields.Fields)
        {
            Assert.Contains($"id=\"guide-{f.Key}\"", html);
            Assert.Contains(f.Label, WebUtility.HtmlDecode(html));
            Assert.Contains(f.Help, WebUtility.HtmlDecode(html));
            if (f.Example.Length > 0) Assert.Contains(f.Example, WebUtility.HtmlDecode(html));
            // Each field sits under the heading of the stage it is asked at.
            var heading = html.IndexOf($"<h2 id=\"stage-{f.RequiredFrom.ToLowerInvariant().Replace(' ', '-')}-h\">", StringComparison.Ordinal);
            var field = html.IndexOf($"id=\"guide-{f.Key}\"", StringComparison.Ordinal);
            Assert.True(heading >= 0 && heading < field, $"{f.Key} is not under {f.RequiredFrom}");
            var next = html.IndexOf("<h2 id=\"stage-", heading + 1, StringComparison.Ordinal);
            Assert.True(next < 0 || field < next, $"{f.Key} is past the end of {f.RequiredFrom}");
        }
        Assert.Contains("Mid-Market, Enterprise", html);
        Assert.Contains("every segment", html);
        Assert.Contains("blocks the stage move", html);
        Assert.Contains("flagged, does not block", html);
        Assert.Contains("href=\"/guide.md\"", html);
    }

    [Fact]
    public async Task The_guide_as_Markdown_has_every_label_and_key()
    {
        await using var app = await BatonApp.StartAsync();
        using var viewer = PageClient.As(app, "viewer@baton.test");
        var response = await viewer.Http.GetAsync("/guide.md");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var md = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("# Handoff field guide", md);
        Assert.DoesNotContain("<html", md);
        var playbook = app.App.Services.GetRequiredService<PlaybookContext>().Playbook;
        foreach (var f in playbook.Fields.Fields)
        {
            Assert.Contains($"### {f.Label} (`{f.Key}`)", md);
            Assert.Contains($"## Asked at {f.RequiredFrom}\n", md);
        }
        Assert.Contains("- **Requirement:** hard: blocks the stage move", md);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous.GetAsync("/guide.md")).StatusCode);
    }
}
