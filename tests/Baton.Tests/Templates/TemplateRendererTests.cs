using Baton.Core.Templates;

namespace Baton.Tests.Templates;

public sealed class TemplateRendererTests : IDisposable
{
    private readonly ScratchDir _dir = new();
    private readonly TemplateRenderer _default = TemplateRenderer.ForPlaybook(Repo.DefaultPlaybook);

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string> EmailsBySegment() => new()
    {
        { "email/ae-transition.liquid", "SMB" },
        { "email/ae-transition.liquid", "Mid-Market" },
        { "email/ae-transition.liquid", "Enterprise" },
        { "email/csm-welcome.liquid", "SMB" },
        { "email/csm-welcome.liquid", "Mid-Market" },
        { "email/csm-welcome.liquid", "Enterprise" },
    };

    [Theory]
    [MemberData(nameof(EmailsBySegment))]
    public void Render_DefaultEmailForSegment_NamesCsmMetricAndPromise(string name, string segment)
    {
        var rendered = _default.Render(name, HandoffModels.For(segment), RenderMode.Validate);
        var email = EmailDraft.Parse(rendered);

        Assert.Empty(rendered.Problems);
        Assert.Contains("Northwind", email.Subject);
        Assert.Contains("Dana Whitfield", email.Body);
        Assert.Contains(HandoffModels.SuccessMetric, email.Body);
        Assert.Contains(HandoffModels.Promised, email.Body);
        Assert.Contains("Marcus", email.Body);
        Assert.DoesNotContain("{{", rendered.Text);
        Assert.DoesNotContain("{%", rendered.Text);
        Assert.DoesNotContain(HandoffModels.Risks, email.Body);
    }

    public static TheoryData<string, string> DefaultTemplatesBySegment()
    {
        var root = Path.Combine(Repo.DefaultPlaybook, "templates");
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.liquid", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            foreach (var segment in (string[])["SMB", "Mid-Market", "Enterprise"])
                data.Add(Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/'), segment);
        return data;
    }

    [Theory]
    [MemberData(nameof(DefaultTemplatesBySegment))]
    public void RenderExactly_EveryDefaultTemplateForEachSegment_ValidatesWithoutProblems(string name, string segment)
    {
        var rendered = _default.RenderExactly(name, HandoffModels.For(segment).ToScope(), RenderMode.Validate);

        Assert.Empty(rendered.Problems);
        Assert.Contains("Northwind", rendered.Text);
        Assert.DoesNotContain("{{", rendered.Text);
        Assert.DoesNotContain("{%", rendered.Text);
    }

    [Theory]
    [InlineData("email/ae-transition.liquid")]
    [InlineData("email/csm-welcome.liquid")]
    public void Render_EnterpriseEmail_NamesTheExecutiveSponsor(string name)
    {
        var email = EmailDraft.Parse(_default.Render(name, HandoffModels.For("Enterprise")));

        Assert.StartsWith("Priya, Marcus,", email.Body);
    }

    [Fact]
    public void Render_EnterpriseWelcome_ProposesTheKickoffAgenda()
    {
        var email = EmailDraft.Parse(_default.Render("email/csm-welcome.liquid", HandoffModels.For("Enterprise")));

        Assert.Contains("Tuesday, December 8 at 10:00 AM ET", email.Subject);
        foreach (var item in new[] { "1. Goals and measure.", "2. Scope. Core, Analytics for 45 users", "3. Timeline.", "4. Owners. Priya Raman as executive sponsor" })
            Assert.Contains(item, email.Body);
    }

    [Fact]
    public void Render_SmbWelcome_IsShortAndLinksSelfServeOnboarding()
    {
        var email = EmailDraft.Parse(_default.Render("email/csm-welcome.liquid", HandoffModels.For("SMB")));

        Assert.Contains("https://app.example.com/start/northwind", email.Body);
        Assert.True(email.Body.Length < 900, $"SMB welcome is {email.Body.Length} characters");
    }

    [Fact]
    public void Render_KickoffNotYetBooked_SaysAnInvitationWillFollow()
    {
        var email = EmailDraft.Parse(_default.Render("email/csm-welcome.liquid", HandoffModels.For("Mid-Market", kickoffWhen: "")));

        Assert.Equal("Welcome to Northwind's onboarding: kickoff next week", email.Subject);
        Assert.Contains("I will send an invitation for our kickoff in the next few days.", email.Body);
    }

    [Theory]
    [InlineData("SMB", "email/csm-welcome.smb.liquid")]
    [InlineData("Enterprise", "email/csm-welcome.enterprise.liquid")]
    [InlineData("Mid-Market", "email/csm-welcome.liquid")]
    [InlineData("Strategic Accounts", "email/csm-welcome.liquid")]
    [InlineData("", "email/csm-welcome.liquid")]
    public void Resolve_Segment_PrefersItsVariantAndFallsBack(string segment, string expected) =>
        Assert.Equal(expected, _default.Resolve("email/csm-welcome.liquid", segment));

    [Theory]
    [InlineData("Mid-Market", "mid-market")]
    [InlineData("Mid Market", "mid-market")]
    [InlineData(" Strategic_Accounts ", "strategic-accounts")]
    [InlineData("SMB", "smb")]
    public void SegmentSlug_Name_LowercasesAndJoinsWithHyphens(string segment, string slug) =>
        Assert.Equal(slug, TemplateRenderer.SegmentSlug(segment));

    [Fact]
    public void Render_MidMarketVariantAdded_IsPreferredOverTheDefault()
    {
        var renderer = new TemplateRenderer(_dir.Path);
        Directory.CreateDirectory(Path.Combine(_dir.Path, "email"));
        _dir.File("email/welcome.liquid", "Subject: default\n\nfor everyone");
        _dir.File("email/welcome.mid-market.liquid", "Subject: mid\n\nfor {{ deal.company }}");

        Assert.Equal("Subject: mid\n\nfor Northwind", renderer.Render("email/welcome.liquid", HandoffModels.For("Mid-Market")).Text);
        Assert.Equal("Subject: default\n\nfor everyone", renderer.Render("email/welcome.liquid", HandoffModels.For("SMB")).Text);
    }

    [Fact]
    public void Render_EveryVariableTheLoaderAllows_IsDefinedInTheModel()
    {
        _dir.File("all.liquid", string.Join(" ", Baton.Core.Playbook.PlaybookLoader.TemplateVariables.Select(v => $"{{{{ {v} }}}}")));

        var rendered = new TemplateRenderer(_dir.Path).Render("all.liquid", HandoffModels.For("SMB"), RenderMode.Validate);

        Assert.Empty(rendered.Problems);
    }

    [Fact]
    public void Render_FileChangedAfterFirstRender_KeepsTheParsedTemplate()
    {
        var renderer = new TemplateRenderer(_dir.Path);
        _dir.File("t.liquid", "first {{ deal.company }}");
        var before = renderer.Render("t.liquid", HandoffModels.For("SMB")).Text;

        _dir.File("t.liquid", "second");

        Assert.Equal("first Northwind", before);
        Assert.Equal(before, renderer.Render("t.liquid", HandoffModels.For("SMB")).Text);
        Assert.Equal("second", new TemplateRenderer(_dir.Path).Render("t.liquid", HandoffModels.For("SMB")).Text);
    }

    [Fact]
    public void Render_ValidateModeWithTypos_ReportsEachUndefinedVariable()
    {
        _dir.File("t.liquid", "{{ deal.compnay }} {{ fields.champoin.name }} {{ csm.name }} {{ nope }} {{ deal.compnay }}");

        var rendered = new TemplateRenderer(_dir.Path).Render("t.liquid", HandoffModels.For("SMB"), RenderMode.Validate);

        Assert.Equal(["undefined variable deal.compnay", "undefined variable fields.champoin", "undefined variable nope"], rendered.Problems);
        Assert.Equal("  Dana Whitfield  ", rendered.Text);
    }

    [Fact]
    public void Render_LenientMode_RendersUndefinedAsNothingWithoutProblems()
    {
        _dir.File("t.liquid", "[{{ deal.nothing }}]");

        var rendered = new TemplateRenderer(_dir.Path).Render("t.liquid", HandoffModels.For("SMB"));

        Assert.Equal("[]", rendered.Text);
        Assert.Empty(rendered.Problems);
    }

    [Fact]
    public void Render_EmptyFieldInValidateMode_IsDefinedAndBlank()
    {
        _dir.File("t.liquid", "{% if fields.call_recordings == blank %}none{% endif %}");

        var rendered = new TemplateRenderer(_dir.Path).Render("t.liquid", HandoffModels.For("SMB"), RenderMode.Validate);

        Assert.Equal("none", rendered.Text);
        Assert.Empty(rendered.Problems);
    }

    [Fact]
    public void Render_SlackTemplate_RendersWithoutUndefinedNames()
    {
        var rendered = _default.Render("slack-handoff.liquid", HandoffModels.For("Mid-Market"), RenderMode.Validate);

        Assert.Empty(rendered.Problems);
        Assert.StartsWith("*New customer for <@U024BE7LH>: Northwind* (Mid-Market, $48,000 ARR)", rendered.Text);
        Assert.Contains("(champion is politically exposed)", rendered.Text);
    }

    [Fact]
    public void Render_MrkdwnFilter_EscapesSlackControlCharactersOnly()
    {
        _dir.File("t.liquid", "{{ fields.executive_sponsor | mrkdwn }} & {{ fields.why_now }}");

        var text = new TemplateRenderer(_dir.Path).Render("t.liquid", HandoffModels.For("SMB")).Text;

        Assert.StartsWith("Priya Raman &lt;priya.raman@northwind.io&gt; & ", text);
    }

    [Fact]
    public void Render_ContactField_ExposesNameFirstNameAndEmail()
    {
        _dir.File("t.liquid", "{{ fields.champion.name }}|{{ fields.champion.first_name }}|{{ fields.champion.email }}|{{ fields.champion.label }}");

        Assert.Equal("Marcus Lee|Marcus|marcus.lee@northwind.io|Day-to-day champion", new TemplateRenderer(_dir.Path).Render("t.liquid", HandoffModels.For("SMB")).Text);
    }

    [Fact]
    public void Render_DateMultiChoiceAndBooleanFields_UseDisplayStrings()
    {
        _dir.File("t.liquid", "{{ fields.contract_start }}|{{ fields.products }}|{{ fields.champion_politically_exposed }}");

        Assert.Equal("December 1, 2026|Core, Analytics|Yes", new TemplateRenderer(_dir.Path).Render("t.liquid", HandoffModels.For("SMB")).Text);
    }

    [Fact]
    public void Render_StringFiltersOnFields_SeeTheDisplayText()
    {
        _dir.File("t.liquid", "{{ fields.products | upcase }}|{{ fields.risks | default: 'none' }}|{{ fields.nonstandard_terms | default: 'standard' }}|{{ fields.champion.name | append: '!' }}");

        var text = new TemplateRenderer(_dir.Path).Render("t.liquid", HandoffModels.For("SMB")).Text;

        Assert.Equal($"CORE, ANALYTICS|{HandoffModels.Risks}|standard|Marcus Lee!", text);
    }

    [Fact]
    public void Render_SameTemplateOnManyThreads_EachGetsItsOwnModel()
    {
        _dir.File("t.liquid", "{{ deal.segment }}{% if kickoff.when != blank %} {{ kickoff.when }}{% endif %} {{ nope }}");
        var renderer = new TemplateRenderer(_dir.Path);
        var segments = Enumerable.Range(0, 64).Select(i => $"S{i}").ToArray();

        var results = new RenderedTemplate[segments.Length];
        Parallel.For(0, segments.Length, i =>
            results[i] = renderer.Render("t.liquid", HandoffModels.For(segments[i], kickoffWhen: i % 2 == 0 ? "" : $"day {i}"), RenderMode.Validate));

        for (var i = 0; i < segments.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? $"S{i} " : $"S{i} day {i} ", results[i].Text);
            Assert.Equal(["undefined variable nope"], results[i].Problems);
        }
    }

    [Theory]
    [InlineData("{% if a == 'x' %}1{% elsif a == 'y' %}2{% else %}3{% endif %}", "2")]
    [InlineData("{% unless a == 'x' %}not x{% endunless %}", "not x")]
    [InlineData("{% if t or f and f %}right-to-left{% endif %}", "right-to-left")]
    [InlineData("{% for i in list %}[{{ i }}]{% else %}none{% endfor %}", "[a][b]")]
    [InlineData("{% for i in nothing %}[{{ i }}]{% else %}none{% endfor %}", "none")]
    [InlineData("{% assign g = a | upcase %}{{ g }}", "Y")]
    [InlineData("a  {%- comment %} hidden {% endcomment -%}  b", "ab")]
    [InlineData("{% raw %}{{ kept }}{% endraw %}", "{{ kept }}")]
    [InlineData("{{ missing | default: 'fallback' }}", "fallback")]
    [InlineData("{% if list contains 'b' and n >= 2 %}yes{% endif %}", "yes")]
    [InlineData("{{ list.size }} {{ list | join: ', ' }}", "2 a, b")]
    public void RenderExactly_LiquidConstructs_BehaveAsLiquid(string source, string expected)
    {
        _dir.File("t.liquid", source);
        var scope = new Dictionary<string, object?>
        {
            ["a"] = "y", ["t"] = true, ["f"] = false, ["n"] = 2m, ["list"] = new List<object?> { "a", "b" },
        };

        Assert.Equal(expected, new TemplateRenderer(_dir.Path).RenderExactly("t.liquid", scope).Text);
    }

    [Theory]
    [InlineData("{{ deal.name | shout }}", "t.liquid:1: unknown filter 'shout'")]
    [InlineData("{% if x %}\n{% else %}\n{{ deal.name | mrkdown }}\n{% endif %}", "t.liquid:3: unknown filter 'mrkdown'")]
    [InlineData("{% for i in list %}\n\n{{ i | upcse }}{% endfor %}", "t.liquid:3: unknown filter 'upcse'")]
    [InlineData("line\n{% if x %}open", "t.liquid:2: if tag was never closed")]
    [InlineData("{% if a %}\n{% endif %}\n{% for i in list %}\nopen", "t.liquid:3: for tag was never closed")]
    [InlineData("\n\n{{ deal.name ", "t.liquid:3: Variable '{{ deal.name ' was not properly terminated")]
    [InlineData("{% if x %}\n{% bogus %}\n{% endif %}", "t.liquid:2: Unknown tag 'bogus'")]
    public void Render_InvalidTemplate_ThrowsWithFileAndLine(string source, string message)
    {
        _dir.File("t.liquid", source);

        var e = Assert.Throws<TemplateException>(() => new TemplateRenderer(_dir.Path).Render("t.liquid", HandoffModels.For("SMB")));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void Render_Include_IsRefusedNamingTheFile()
    {
        _dir.File("t.liquid", "{% include 'x' %}");

        var e = Assert.Throws<TemplateException>(() => new TemplateRenderer(_dir.Path).Render("t.liquid", HandoffModels.For("SMB")));
        Assert.StartsWith("t.liquid: ", e.Message);
    }

    [Fact]
    public void Render_PathOutsideTemplates_IsRefused() =>
        Assert.Throws<ArgumentException>(() => _default.Render("../playbook.yaml", HandoffModels.For("SMB")));

    [Theory]
    [InlineData("No subject line\n\nbody")]
    [InlineData("Subject: hi\nbody right after")]
    public void Parse_MalformedEmail_Throws(string text) =>
        Assert.Throws<TemplateException>(() => EmailDraft.Parse(new RenderedTemplate("x.liquid", text, [])));
}
