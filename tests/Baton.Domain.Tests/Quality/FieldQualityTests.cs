using Baton.Domain.Fields;
using Baton.Domain.Quality;

namespace Baton.Domain.Tests.Quality;

public sealed class FieldQualityTests
{
    private static FieldManifest Manifest => DefaultManifest.Value;

    private static Verdict Check(string key, string value, params (string Key, string Value)[] others)
    {
        var deal = FieldValues.From(Manifest, others.ToDictionary(o => o.Key, o => (string?)o.Value));
        return FieldQuality.Check(DefaultManifest.Field(key), value, deal, Manifest);
    }

    [Theory]
    [InlineData("why_now", "")]
    [InlineData("why_now", "   \t ")]
    [InlineData("seats", " ")]
    public void Check_Blank_IsMissing(string key, string value)
    {
        var verdict = Check(key, value);
        Assert.Equal(VerdictKind.Missing, verdict.Kind);
        Assert.Equal(RuleIds.Required, verdict.Rule);
    }

    [Theory]
    [InlineData("why_now", "n/a")]
    [InlineData("why_now", "N/A.")]
    [InlineData("why_now", "TBD")]
    [InlineData("why_now", "(tbd)")]
    [InlineData("why_now", "see   Notes")]
    [InlineData("why_now", "Same as above")]
    [InlineData("why_now", "-")]
    [InlineData("why_now", "...")]
    [InlineData("why_now", "?!")]
    [InlineData("why_now", "asdf")]
    [InlineData("why_now", "sdfsdf jkjk")]
    [InlineData("why_now", "qwerty")]
    [InlineData("why_now", "zzzzzz")]
    [InlineData("why_now", "idk")]
    [InlineData("why_now", "unknown")]
    [InlineData("why_now", "TBD - will confirm w/ champion")]
    [InlineData("why_now", "Pending: security questionnaire")]
    [InlineData("why_now", "To be confirmed after the QBR")]
    [InlineData("why_now", "See deal notes")]
    [InlineData("why_now", "Refer to the email thread")]
    [InlineData("why_now", "Check Gong call 3/12")]
    [InlineData("why_now", "Spoke to Dana, see Gong")]
    [InlineData("why_now", "yes")]
    [InlineData("risks", "None")]
    [InlineData("risks", "None that we know of, yet")]
    [InlineData("seats", "tbd")]
    [InlineData("contract_start", "TBD")]
    [InlineData("arr", "n/a")]
    [InlineData("champion_politically_exposed", "?")]
    [InlineData("executive_sponsor", "tbd")]
    public void Check_Placeholder_IsFiller(string key, string value)
    {
        var verdict = Check(key, value);
        Assert.Equal(VerdictKind.Filler, verdict.Kind);
        Assert.Equal(RuleIds.Filler, verdict.Rule);
        Assert.Contains(value.Trim(), verdict.Reason);
    }

    [Fact]
    public void Check_Tbd_ReasonSaysPlaceholder() =>
        Assert.Equal("\"tbd\" is a placeholder, not an answer", Check("why_now", "tbd").Reason);

    [Theory]
    [InlineData("why_now", "Why they bought now")]
    [InlineData("why_now", "why_now")]
    [InlineData("success_metric", "Success Metric:")]
    [InlineData("renewal_date", "renewal date")]
    public void Check_FieldLabelOrKey_IsCopiedLabel(string key, string value)
    {
        var verdict = Check(key, value);
        Assert.Equal(VerdictKind.Filler, verdict.Kind);
        Assert.Equal(RuleIds.CopiedLabel, verdict.Rule);
    }

    [Fact]
    public void Check_LongValueCopiedFromAnotherField_IsCopiedField()
    {
        const string text = "Their Zendesk contract ends 31 January";
        var verdict = Check("why_we_won", text, ("why_now", "  their zendesk contract ends 31 January "));
        Assert.Equal(VerdictKind.Filler, verdict.Kind);
        Assert.Equal(RuleIds.CopiedField, verdict.Rule);
        Assert.Contains("Why they bought now", verdict.Reason);
    }

    [Fact]
    public void Check_SameExplicitNoneInTwoExplicitNoneFields_IsOk() =>
        Assert.True(Check("nonstandard_terms", "Nothing beyond the contract", ("promised", "Nothing beyond the contract")).IsOk);

    [Fact]
    public void Check_ShortValueSharedWithAnotherField_IsOk() =>
        Assert.True(Check("tools_replaced", "Gainsight", ("competitors", "Gainsight")).IsOk);

    [Theory]
    [InlineData("why_now", "https://docs.google.com/document/d/1x9/edit")]
    [InlineData("risks", "www.notion.so/brightpath/risk-log")]
    [InlineData("tech_environment", "http://wiki.brightpath.io/stack")]
    public void Check_LoneLinkInText_IsFiller(string key, string value)
    {
        var verdict = Check(key, value);
        Assert.Equal(VerdictKind.Filler, verdict.Kind);
        Assert.Equal(RuleIds.LoneLink, verdict.Rule);
    }

    [Fact]
    public void Check_LinkInUrlField_IsOk() => Assert.True(Check("call_recordings", "https://app.gong.io/call?id=7781203").IsOk);

    [Theory]
    [InlineData("Nothing beyond the contract")]
    [InlineData("None")]
    [InlineData("none.")]
    [InlineData("Nothing promised")]
    [InlineData("No additional commitments")]
    [InlineData("Nada fuera del contrato")]
    [InlineData("Shared Slack channel for 60 days; CSV export by 15 Feb")]
    public void Check_ExplicitNoneFieldWithExplicitAnswer_IsOk(string value) => Assert.True(Check("promised", value).IsOk, Check("promised", value).Reason);

    [Fact]
    public void Check_ExplicitNoneFieldBlank_IsMissingNamingTheRule()
    {
        var verdict = Check("promised", "");
        Assert.Equal(VerdictKind.Missing, verdict.Kind);
        Assert.Equal(RuleIds.ExplicitNone, verdict.Rule);
        Assert.Contains("Nothing beyond the contract", verdict.Reason);
    }

    [Theory]
    [InlineData("n/a")]
    [InlineData("tbd")]
    [InlineData("see notes")]
    [InlineData("N/A - standard")]
    public void Check_ExplicitNoneFieldWithPlaceholder_IsStillFiller(string value) =>
        Assert.Equal(VerdictKind.Filler, Check("promised", value).Kind);

    [Theory]
    [InlineData("Cut ticket backlog from 1,200 to under 300 within 90 days of go-live")]
    [InlineData("NPS from 22 to 40 by renewal")]
    [InlineData("Save 10 hours per month per CSM by March")]
    [InlineData("Double self-serve renewals within six months")]
    [InlineData("Migrated off Zendesk by 31 Jan")]
    [InlineData("Reducir el churn del 8% al 5% en 12 meses")]
    [InlineData("Onboarding-Zeit von 45 auf 20 Tage senken bis Q3")]
    [InlineData("Réduire le délai de facturation de moitié d'ici juin")]
    [InlineData("Reduzir o churn de 8% para 5% até dezembro")]
    [InlineData("Ridurre i ticket aperti da 900 a 300 entro marzo")]
    [InlineData("Doorlooptijd van 10 naar 4 dagen binnen 6 maanden")]
    [InlineData("80% weekly active users by day 60")]
    [InlineData("Forecast accuracy within 5% for FY27")]
    public void Check_MetricWithNumberAndTimeframe_IsOk(string value) =>
        Assert.True(Check("success_metric", value).IsOk, Check("success_metric", value).Reason);

    [Theory]
    [InlineData("Increase adoption", RuleIds.MetricNoNumber)]
    [InlineData("Increase adoption within 90 days", RuleIds.MetricNoNumber)]
    [InlineData("Improve NPS by Q2", RuleIds.MetricNoNumber)]
    [InlineData("Reduce churn by 20%", RuleIds.MetricNoTimeframe)]
    [InlineData("Save 10 hours per month", RuleIds.MetricNoTimeframe)]
    [InlineData("Save 2 hours a week", RuleIds.MetricNoTimeframe)]
    [InlineData("95% CSAT", RuleIds.MetricNoTimeframe)]
    [InlineData("Users may reduce manual entry by half", RuleIds.MetricNoTimeframe)]
    public void Check_MetricMissingNumberOrTimeframe_IsVague(string value, string rule)
    {
        var verdict = Check("success_metric", value);
        Assert.Equal(VerdictKind.Vague, verdict.Kind);
        Assert.Equal(rule, verdict.Rule);
    }

    [Theory]
    [InlineData("why_now", "Wanted better analytics")]
    [InlineData("why_now", "Needed a better tool")]
    [InlineData("why_now", "Efficiency")]
    [InlineData("why_now", "Growth")]
    [InlineData("why_we_won", "They liked the demo")]
    [InlineData("why_we_won", "Because we're the best")]
    [InlineData("risks", "Low adoption")]
    [InlineData("decision_criteria", "Price and features")]
    public void Check_GenericAnswer_IsVague(string key, string value)
    {
        var verdict = Check(key, value);
        Assert.Equal(VerdictKind.Vague, verdict.Kind);
        Assert.Equal(RuleIds.Generic, verdict.Rule);
    }

    [Theory]
    [InlineData("why_now", "Okta SSO, Snowflake")]
    [InlineData("decision_criteria", "SOC2, SSO, SCIM")]
    [InlineData("why_now", "Reducir el tiempo de cierre mensual de 9 a 5 días antes de la auditoría")]
    [InlineData("why_now", "Ablösung von Zendesk bis Ende Januar wegen Vertragsende")]
    [InlineData("why_now", "GDPR finding")]
    [InlineData("risks", "Champion leaving")]
    [InlineData("risks", "CFO skeptical")]
    [InlineData("promised", "Custom Snowflake connector, date TBD")]
    [InlineData("why_we_won", "Price 1.200 € below Gainsight per year")]
    [InlineData("why_now", "新的客户成功团队在上海成立")]
    [InlineData("executive_sponsor", "José Ñúñez <jose@empresa.es>")]
    [InlineData("executive_sponsor", "김민준 <minjun.kim@hanbit.kr>")]
    [InlineData("tech_environment", "In Okta and Salesforce")]
    [InlineData("champion_politically_exposed", "No")]
    [InlineData("seats", "1,200")]
    [InlineData("arr", "€48.000,00")]
    [InlineData("products", "core;analytics")]
    [InlineData("nonstandard_terms", "Per MSA section 4: net-60")]
    [InlineData("why_now", "From Q2 the support team doubles")]
    [InlineData("tech_environment", "Check Point firewall, Okta")]
    [InlineData("risks", "Info security team must approve the SSO setup")]
    [InlineData("why_now", "In the demo they asked for SCIM")]
    [InlineData("why_now", "From the discovery call: they need SSO by March")]
    [InlineData("why_now", "In the call they said budget frozen until Q2")]
    [InlineData("champion", "Dana Whitfield <dana+crm@harbor-logistics.com> (CFO)")]
    [InlineData("success_metric", "CSAT at least 4.5/5 for the H1 cohort")]
    [InlineData("success_metric", "Time to first dashboard under 14 days from kickoff")]
    public void Check_ShortSpecificOrForeignAnswer_IsOk(string key, string value) =>
        Assert.True(Check(key, value).IsOk, Check(key, value).Reason);

    [Theory]
    [InlineData("contract_start", "next week", "expected a date like 2026-11-03 or 11/3/2026, found \"next week\"")]
    [InlineData("seats", "forty", "expected a number like 45 or 1,200, found \"forty\"")]
    [InlineData("products", "Core;Reporting", "expected one or more of Core, Analytics, Workflows, API, SSO, found \"Reporting\"")]
    [InlineData("champion_politically_exposed", "kind of", "expected yes or no, found \"kind of\"")]
    public void Check_TypedValueThatDoesNotParse_IsInvalidWithParserError(string key, string value, string reason)
    {
        var verdict = Check(key, value);
        Assert.Equal(VerdictKind.Invalid, verdict.Kind);
        Assert.Equal(RuleIds.Type, verdict.Rule);
        Assert.Equal(reason, verdict.Reason);
    }

    [Fact]
    public void Check_RenewalNotAfterStart_IsInvalidNamingBothDates()
    {
        var verdict = Check("renewal_date", "11/30/2026", ("contract_start", "2026-12-01"));
        Assert.Equal(VerdictKind.Invalid, verdict.Kind);
        Assert.Equal(RuleIds.After, verdict.Rule);
        Assert.Equal("Renewal date 2026-11-30 must fall after Contract start date 2026-12-01", verdict.Reason);
    }

    [Theory]
    [InlineData("2027-11-30", "2026-12-01")]
    [InlineData("2027-11-30", "")]
    [InlineData("2027-11-30", "tbd")]
    public void Check_RenewalAfterStartOrStartUnknown_IsOk(string renewal, string start) =>
        Assert.True(Check("renewal_date", renewal, ("contract_start", start)).IsOk);

    [Fact]
    public void Check_RenewalSameDayAsStart_IsInvalid() =>
        Assert.Equal(RuleIds.After, Check("renewal_date", "2026-12-01", ("contract_start", "12/1/2026")).Rule);

    [Theory]
    [InlineData("Dana Whitfield")]
    [InlineData("The CFO")]
    public void Check_ContactWithoutEmail_IsVague(string value)
    {
        var verdict = Check("champion", value);
        Assert.Equal(VerdictKind.Vague, verdict.Kind);
        Assert.Equal(RuleIds.Email, verdict.Rule);
        Assert.StartsWith("name without e-mail", verdict.Reason);
    }

    [Theory]
    [InlineData("Dana <dana@harborlogistics>")]
    [InlineData("Dana <dana whitfield@harborlogistics.com>")]
    public void Check_ContactWithMalformedEmail_IsInvalid(string value)
    {
        var verdict = Check("champion", value);
        Assert.Equal(VerdictKind.Invalid, verdict.Kind);
        Assert.Equal(RuleIds.Email, verdict.Rule);
    }

    [Fact]
    public void Check_ContactWithPlaceholderAddress_IsFiller() =>
        Assert.Equal(VerdictKind.Filler, Check("champion", "TBD <tbd@example.com>").Kind);

    [Theory]
    [InlineData("Okta SSO", VerdictKind.Vague)]
    [InlineData("Okta SSO and Snowflake warehouse", VerdictKind.Ok)]
    public void Check_MinWords_CountsWords(string value, VerdictKind kind)
    {
        var field = DefaultManifest.Field("tech_environment") with { Rules = [new QualityRule(QualityRules.MinWords, "3")] };
        var verdict = FieldQuality.Check(field, value, new FieldValues([]), Manifest);
        Assert.Equal(kind, verdict.Kind);
        if (kind != VerdictKind.Ok) Assert.Equal(RuleIds.MinWords, verdict.Rule);
    }

    [Theory]
    [InlineData("seats=25; products=Core,Analytics; arr=48000; start=2026-01-15; renewal=2027-01-14", VerdictKind.Ok, "")]
    [InlineData("arr=$48k", VerdictKind.Ok, "")]
    [InlineData("seats=25; renewal=2026-01-14; start=2026-01-15", VerdictKind.Invalid, RuleIds.Type)]
    [InlineData("tbd", VerdictKind.Filler, RuleIds.Filler)]
    [InlineData("25 seats, Core", VerdictKind.Invalid, RuleIds.Type)]
    public void Check_ScopeField_ParsesCompoundValue(string value, VerdictKind kind, string rule)
    {
        var scope = new FieldDefinition
        {
            Key = "scope", Label = "Scope sold", Type = FieldType.Scope, Requirement = Requirement.Hard, RequiredFrom = "Proposal",
            Choices = ["Core", "Analytics", "Workflows", "API", "SSO"],
        };
        var verdict = FieldQuality.Check(scope, value, new FieldValues([]), new FieldManifest([scope]));
        Assert.Equal(kind, verdict.Kind);
        Assert.Equal(rule, verdict.Rule);
    }

    [Theory]
    [InlineData("TBD whether IT staffs the SSO project before March")]
    [InlineData("Nothing in writing yet, but the CFO wants payback within 2 quarters")]
    [InlineData("Pending SOC 2 report from their auditor, expected by March")]
    [InlineData("Not sure the CFO will approve the second wave of 40 seats in Q3")]
    public void Check_RiskOpeningWithDoubtThenSayingSomething_IsOk(string value) =>
        Assert.True(Check("risks", value).IsOk, Check("risks", value).Reason);

    [Theory]
    [InlineData("TBD - will confirm w/ champion")]
    [InlineData("TBD after kickoff")]
    [InlineData("None really")]
    [InlineData("Pending (legal)")]
    [InlineData("Not sure yet")]
    [InlineData("Budget risk - TBD")]
    [InlineData("Adoption (tbc)")]
    public void Check_RiskThatIsANoteToSelf_IsFiller(string value) =>
        Assert.Equal(VerdictKind.Filler, Check("risks", value).Kind);

    [Theory]
    [InlineData("contract_start", "tbd")]
    [InlineData("seats", "N/A")]
    [InlineData("products", "all")]
    [InlineData("call_recordings", "none")]
    [InlineData("champion_politically_exposed", "idk")]
    public void Check_PlaceholderInTypedField_IsFillerNotInvalid(string key, string value) =>
        Assert.Equal(VerdictKind.Filler, Check(key, value).Kind);

    [Fact]
    public void Known_IsTheManifestRuleNames()
    {
        Assert.Equal(["after", "commitment", "email", "explicit_none", "metric", "min_words", "specific", "systems", "terms", "timeline", "vendor"], QualityRules.Known.Order());
        Assert.True(QualityRules.RequiresArgument("after"));
        Assert.False(QualityRules.RequiresArgument("metric"));
    }

    [Fact]
    public void Known_CoversEveryRuleInTheDefaultManifest() =>
        Assert.All(Manifest.Fields.SelectMany(f => f.Rules), r => Assert.Contains(r.Name, QualityRules.Known));

    [Fact]
    public void Check_GoodValues_AllocateNothing()
    {
        var deal = FieldValues.From(Manifest, Manifest.Fields.ToDictionary(f => f.Key, f => (string?)f.Example));
        var values = Manifest.Fields.Select(f => (Field: f, Value: f.Example)).ToArray();
        foreach (var (f, v) in values) Assert.True(FieldQuality.Check(f, v, deal, Manifest).IsOk, $"{f.Key}: {FieldQuality.Check(f, v, deal, Manifest).Reason}");
        // Past tiered compilation's first passes, which allocate on the calling thread.
        for (var i = 0; i < 2_000; i++)
            foreach (var (f, v) in values) FieldQuality.Check(f, v, deal, Manifest);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
            foreach (var (f, v) in values) FieldQuality.Check(f, v, deal, Manifest);
        // The smallest object is 24 bytes, so 2,000 checks that each allocated would show 48,000; the slack
        // absorbs the one-off runtime allocations (tiering, statics) that land on the thread now and then.
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1_024);
    }
}
