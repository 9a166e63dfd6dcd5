using Baton.Domain.Fields;
using Baton.Domain.Fields.Values;
using NodaTime;

namespace Baton.Domain.Tests.Fields;

public sealed class FieldValueParserTests
{
    [Theory]
    [InlineData("45", "45")]
    [InlineData(" 1,200 ", "1200")]
    [InlineData("48000.00", "48000.00")]
    [InlineData("1,234,567.5", "1234567.5")]
    [InlineData("-3.5", "-3.5")]
    [InlineData("3 000", "3000")]
    [InlineData("45 seats", "45")]
    [InlineData("1,200 users", "1200")]
    [InlineData("1.200,50", "1200.50")]
    [InlineData("12,5", "12.5")]
    [InlineData("1,2345", "1.2345")]
    [InlineData("1.200", "1.200")]
    public void TryParseNumber_CrmNumber_ReadsInvariantFirst(string raw, string expected)
    {
        Assert.True(FieldValueParser.TryParseNumber(raw, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("forty")]
    [InlineData("1.5e3")]
    [InlineData("1,2,3")]
    [InlineData("1,200,50")]
    [InlineData("45 maybe")]
    [InlineData("")]
    [InlineData("1,200.")]
    [InlineData("12345678901234567890")]
    public void TryParseNumber_NotANumber_Fails(string raw) => Assert.False(FieldValueParser.TryParseNumber(raw, out _));

    [Theory]
    [InlineData("$48,000", "48000", "USD")]
    [InlineData("48000", "48000", null)]
    [InlineData("48000.00", "48000.00", null)]
    [InlineData("USD 48,000", "48000", "USD")]
    [InlineData("48 000 €", "48000", "EUR")]
    [InlineData("€48.000,00", "48000.00", "EUR")]
    [InlineData("EUR 48.000", "48000", "EUR")]
    [InlineData("48,5", "48.5", null)]
    [InlineData("48k", "48000", null)]
    [InlineData("$1.2M", "1200000", "USD")]
    [InlineData("1.5k", "1500", null)]
    [InlineData("£36,500", "36500", "GBP")]
    [InlineData("$48,000.00 USD", "48000.00", "USD")]
    [InlineData("usd48000", "48000", "USD")]
    [InlineData("1.234.567,89 EUR", "1234567.89", "EUR")]
    [InlineData("48,000 USD/year", "48000", "USD")]
    [InlineData("$48K ARR", "48000", "USD")]
    [InlineData("€40.000 per year", "40000", "EUR")]
    public void TryParseCurrency_CommonShapes_ReadsAmountAndCode(string raw, string amount, string? code)
    {
        Assert.True(FieldValueParser.TryParseCurrency(raw, out var value, out var currency));
        Assert.Equal(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(code, currency);
    }

    [Theory]
    [InlineData("forty thousand")]
    [InlineData("-48000")]
    [InlineData("$48,000 EUR")]
    [InlineData("48.0000")]
    [InlineData("$")]
    [InlineData("48,00,000")]
    public void TryParseCurrency_AmbiguousOrWrong_Fails(string raw) => Assert.False(FieldValueParser.TryParseCurrency(raw, out _, out _));

    [Theory]
    [InlineData("2026-11-03")]
    [InlineData("2026-11-03 14:05")]
    [InlineData("2026-11-03T14:05:00Z")]
    [InlineData("2026-11-03T14:05:00.000+0000")]
    [InlineData("2026-11-03T14:05:00+01:00")]
    [InlineData("11/3/2026")]
    [InlineData("11/03/2026 2:05 PM")]
    [InlineData("2026/11/03")]
    [InlineData("1793664000000")]
    [InlineData("3.11.2026")]
    [InlineData("03.11.2026 14:05")]
    [InlineData("Nov 3, 2026")]
    [InlineData("November 3rd, 2026")]
    [InlineData("3 Nov 2026")]
    public void TryParseDate_HubSpotAndSalesforceExports_ReadsTheDay(string raw)
    {
        Assert.True(FieldValueParser.TryParseDate(raw, out var date));
        Assert.Equal(new LocalDate(2026, 11, 3), date);
    }

    [Theory]
    [InlineData("next week")]
    [InlineData("2026-02-30")]
    [InlineData("13/1/2026")]
    [InlineData("11/3/26")]
    [InlineData("2026-11-03 25:00")]
    [InlineData("0026-11-03")]
    [InlineData("Nov 3")]
    [InlineData("Nov 3 26")]
    [InlineData("Mayday 3, 2026")]
    [InlineData("31.2.2026")]
    public void TryParseDate_NotADate_Fails(string raw) => Assert.False(FieldValueParser.TryParseDate(raw, out _));

    [Fact]
    public void TryParseDate_SlashedDayAndMonthBothUnderTwelve_ReadsUsOrder()
    {
        Assert.True(FieldValueParser.TryParseDate("3/11/2026", out var date));
        Assert.Equal(new LocalDate(2026, 3, 11), date);
    }

    [Theory]
    [InlineData("Yes", true)]
    [InlineData("no", false)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("y", true)]
    [InlineData("N", false)]
    public void TryParseBoolean_CommonSpellings_Reads(string raw, bool expected)
    {
        Assert.True(FieldValueParser.TryParseBoolean(raw, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("yes please")]
    [InlineData("2")]
    public void TryParseBoolean_Other_Fails(string raw) => Assert.False(FieldValueParser.TryParseBoolean(raw, out _));

    [Theory]
    [InlineData("https://app.gong.io/call?id=7781203", true)]
    [InlineData("http://localhost:5000/r/1", true)]
    [InlineData("HTTPS://Fathom.video/share/xk29", true)]
    [InlineData("www.gong.io/call", false)]
    [InlineData("ftp://files.example.com/a", false)]
    [InlineData("https://", false)]
    [InlineData("https://gong io/call", false)]
    [InlineData("see gong", false)]
    public void TryParseUrl_AbsoluteHttpOnly(string raw, bool ok) => Assert.Equal(ok, FieldValueParser.TryParseUrl(raw));

    [Theory]
    [InlineData("Priya Raman <priya.raman@northwind.io>", "Priya Raman", "", "priya.raman@northwind.io")]
    [InlineData("Priya Raman (priya.raman@northwind.io)", "Priya Raman", "", "priya.raman@northwind.io")]
    [InlineData("Priya Raman - priya.raman@northwind.io", "Priya Raman", "", "priya.raman@northwind.io")]
    [InlineData("Priya Raman, CFO <priya.raman@northwind.io>", "Priya Raman", "CFO", "priya.raman@northwind.io")]
    [InlineData("priya.raman@northwind.io", "", "", "priya.raman@northwind.io")]
    [InlineData("Priya Raman", "Priya Raman", "", "")]
    [InlineData("José Ñúñez <jose@empresa.es>", "José Ñúñez", "", "jose@empresa.es")]
    [InlineData("mailto:ellen.choi@parkline.com", "", "", "ellen.choi@parkline.com")]
    [InlineData("Priya Raman <priya.raman@northwind.io>, CFO", "Priya Raman", "", "priya.raman@northwind.io")]
    public void TryParseContact_CommonShapes_SplitsNameTitleEmail(string raw, string name, string title, string email)
    {
        Assert.True(FieldValueParser.TryParseContact(raw, out var parts));
        Assert.Equal(name, parts.Name.ToString());
        Assert.Equal(title, parts.Title.ToString());
        Assert.Equal(email, parts.Email.ToString());
    }

    [Theory]
    [InlineData("Priya <priya.raman@northwind>", ContactProblem.MalformedEmail)]
    [InlineData("Priya <priya raman@northwind.io>", ContactProblem.MalformedEmail)]
    [InlineData("priya@@northwind.io", ContactProblem.MalformedEmail)]
    [InlineData("Priya priya@northwind.io Raman", ContactProblem.MalformedEmail)]
    [InlineData("12345", ContactProblem.NoName)]
    [InlineData("   ", ContactProblem.Empty)]
    public void ParseContact_Broken_NamesTheProblem(string raw, ContactProblem problem) =>
        Assert.Equal(problem, FieldValueParser.ParseContact(raw, out _));

    [Fact]
    public void TryParseScope_AllKeysInAnyOrder_ReadsEach()
    {
        Assert.True(FieldValueParser.TryParse(Field(FieldType.Scope, "Core", "Analytics", "API"),
            "renewal=2027-01-14; products=Core,analytics; seats=25; arr=$48,000; start=2026-01-15", out var value, out var error), error);
        var scope = Assert.IsType<ScopeValue>(value);
        Assert.Equal(25, scope.Seats);
        Assert.Equal(["Core", "Analytics"], scope.Products);
        Assert.Equal(new MoneyValue(48000m, "USD"), scope.Arr);
        Assert.Equal(new LocalDate(2026, 1, 15), scope.Start);
        Assert.Equal(new LocalDate(2027, 1, 14), scope.Renewal);
    }

    [Fact]
    public void TryParseScope_SomeKeys_LeavesOthersEmpty()
    {
        Assert.True(FieldValueParser.TryParse(Field(FieldType.Scope), "seats=10", out var value, out _));
        var scope = Assert.IsType<ScopeValue>(value);
        Assert.Equal(10, scope.Seats);
        Assert.Empty(scope.Products);
        Assert.Null(scope.Arr);
    }

    [Theory]
    [InlineData("seats=many", "expected seats as a whole number like 25, found \"many\"")]
    [InlineData("owner=Dana", "expected one of the keys seats, products, arr, start, renewal, found \"owner\"")]
    [InlineData("seats=1; seats=2", "expected each key once, found \"seats\" twice")]
    [InlineData("start=2027-01-15; renewal=2026-01-14", "expected renewal after start, found start 2027-01-15 and renewal 2026-01-14")]
    [InlineData("25 seats", "expected key=value pairs such as seats=25; arr=48000, found \"25 seats\"")]
    public void TryParseScope_Wrong_SaysWhatWasExpected(string raw, string message)
    {
        Assert.False(FieldValueParser.TryParse(Field(FieldType.Scope), raw, out _, out var error));
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData("Core;Analytics")]
    [InlineData("core, analytics")]
    [InlineData("Analytics;;Core;")]
    public void TryParse_MultiChoice_KnownChoicesInManifestSpelling(string raw)
    {
        Assert.True(FieldValueParser.TryParse(Field(FieldType.MultiChoice, "Core", "Analytics", "SSO"), raw, out var value, out _));
        Assert.Equal(new[] { "Core", "Analytics" }.Order(), Assert.IsType<MultiChoiceValue>(value).Choices.Order());
    }

    [Fact]
    public void TryParse_UnknownChoice_ListsTheAllowedOnes()
    {
        Assert.False(FieldValueParser.TryParse(Field(FieldType.MultiChoice, "Core", "Analytics"), "Core;Reporting", out _, out var error));
        Assert.Equal("expected one or more of Core, Analytics, found \"Reporting\"", error);
        Assert.False(FieldValueParser.TryParse(Field(FieldType.Choice, "SMB", "Enterprise"), "Mid", out _, out error));
        Assert.Equal("expected one of SMB, Enterprise, found \"Mid\"", error);
    }

    [Theory]
    [InlineData(FieldType.Date, "next week", "expected a date like 2026-11-03 or 11/3/2026, found \"next week\"")]
    [InlineData(FieldType.Number, "forty", "expected a number like 45 or 1,200, found \"forty\"")]
    [InlineData(FieldType.Boolean, "maybe", "expected yes or no, found \"maybe\"")]
    [InlineData(FieldType.Url, "gong call 3", "expected a link starting with https://, found \"gong call 3\"")]
    [InlineData(FieldType.Contact, "Priya <priya@northwind>", "expected an e-mail like priya.raman@northwind.io, found \"Priya <priya@northwind>\"")]
    [InlineData(FieldType.Currency, "", "expected an amount like $48,000, 48000 or EUR 48.000,00, found nothing")]
    public void TryParse_Unparseable_SaysExpectedAndFound(FieldType type, string raw, string message)
    {
        Assert.False(FieldValueParser.TryParse(Field(type), raw, out var value, out var error));
        Assert.Null(value);
        Assert.Equal(message, error);
    }

    [Fact]
    public void TryParse_EachType_BuildsTypedValue()
    {
        Assert.Equal(new NumberValue(1200m), Parse(FieldType.Number, "1,200"));
        Assert.Equal(new MoneyValue(48000m, "EUR"), Parse(FieldType.Currency, "48 000 €"));
        Assert.Equal(new DateValue(new LocalDate(2026, 12, 1)), Parse(FieldType.Date, "12/1/2026"));
        Assert.Equal(new BooleanValue(true), Parse(FieldType.Boolean, "Y"));
        Assert.Equal(new TextValue("Okta SSO"), Parse(FieldType.Text, "  Okta SSO "));
        Assert.Equal(new ContactValue("Mei-Ling Chao", "CFO", "mlchao@brightpath.co"), Parse(FieldType.Contact, "Mei-Ling Chao, CFO <mlchao@brightpath.co>"));
        Assert.Equal(new ContactValue("Mei-Ling Chao", null, null), Parse(FieldType.Contact, "Mei-Ling Chao"));
        Assert.Equal("https://fathom.video/share/xk29", Assert.IsType<UrlValue>(Parse(FieldType.Url, "https://fathom.video/share/xk29")).Url.ToString());
    }

    private static FieldValue Parse(FieldType type, string raw)
    {
        Assert.True(FieldValueParser.TryParse(Field(type), raw, out var value, out var error), error);
        return value;
    }

    private static FieldDefinition Field(FieldType type, params string[] choices) => new()
    {
        Key = "f",
        Label = "F",
        Type = type,
        Requirement = Requirement.Hard,
        RequiredFrom = "Discovery",
        Choices = choices,
    };
}
