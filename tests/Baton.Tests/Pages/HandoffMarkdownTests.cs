using Baton.Core.Documents;

namespace Baton.Tests.Pages;

/// <summary>The Markdown writer's escaping: user text never turns into formatting, links, HTML, lists or headings.</summary>
public sealed class HandoffMarkdownTests
{
    [Theory]
    [InlineData("plain text, 25 seats.", "plain text, 25 seats.")]
    [InlineData("*bold* _it_ `code`", @"\*bold\* \_it\_ \`code\`")]
    [InlineData("[x](http://e.example) ![i](p.png)", @"\[x\](http://e.example) \!\[i\](p.png)")]
    [InlineData("<script>alert(1)</script>", @"\<script\>alert(1)\</script\>")]
    [InlineData("# heading", @"\# heading")]
    [InlineData("- item", @"\- item")]
    [InlineData("+ item", @"\+ item")]
    [InlineData("12. item", @"12\. item")]
    [InlineData("===", @"\===")]
    [InlineData("a | b", @"a \| b")]
    [InlineData(@"back\slash", @"back\\slash")]
    public void Escape_LeavesNoMarkdownInUserText(string text, string expected) =>
        Assert.Equal(expected, HandoffMarkdown.Escape(text));
}
