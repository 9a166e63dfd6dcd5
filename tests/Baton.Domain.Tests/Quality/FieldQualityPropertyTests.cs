using System.Globalization;
using Baton.Domain.Fields;
using Baton.Domain.Fields.Values;
using Baton.Domain.Quality;
using CsCheck;
using NodaTime;

namespace Baton.Domain.Tests.Quality;

public sealed class FieldQualityPropertyTests
{
    private static readonly string[] Fragments =
        ["tbd", "see", "by", "within", "Q2", "90", "days", "<", "@", "n/a", "none", "-", "May", "2027", "per", "month", "x@y.io", "1,200", "ü", "日本", "(", ",", "4.5/5", "12-20", "http://a.b"];

    private static readonly Gen<string> AnyText = Gen.OneOf(
        Gen.String,
        Gen.String[Gen.Char["aeiost nr-/.,:;()<>@$€%1234567890TQ"], 0, 60],
        Gen.Int[0, 12].SelectMany(n => Gen.Int[0, Fragments.Length - 1].Select(i => Fragments[i])
            .Array[n].Select(words => string.Join(' ', words))));

    [Fact]
    public void Check_AnyString_NeverThrowsAndNamesARuleWhenBlocking() =>
        AnyText.Sample(text =>
        {
            var manifest = DefaultManifest.Value;
            var deal = new FieldValues(manifest.Fields.Select(_ => (string?)text).ToArray());
            foreach (var field in manifest.Fields)
            {
                var verdict = FieldQuality.Check(field, text, deal, manifest);
                if (!verdict.IsOk && (!RuleIds.All.Contains(verdict.Rule) || verdict.Reason.Length == 0)) return false;
            }
            return true;
        }, iter: 2_000);

    [Fact]
    public void TryParse_AnyString_NeverThrowsAndErrsWhenItFails() =>
        AnyText.Sample(text => DefaultManifest.Value.Fields.All(f =>
            FieldValueParser.TryParse(f, text, out var value, out var error) ? value is not null : error is { Length: > 0 }), iter: 2_000);

    [Fact]
    public void TryParseDate_ValidDateInEveryExportShape_ReadsTheSameDay() =>
        Gen.Date[new DateTime(1990, 1, 1), new DateTime(2150, 12, 31)].Sample(d =>
        {
            var expected = new LocalDate(d.Year, d.Month, d.Day);
            var epoch = new DateTimeOffset(d, TimeSpan.Zero).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            string[] shapes = [d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.ToString("M/d/yyyy", CultureInfo.InvariantCulture),
                d.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture), d.ToString("MM/dd/yyyy h:mm tt", CultureInfo.InvariantCulture), epoch];
            return shapes.All(s => FieldValueParser.TryParseDate(s, out var date) && date == expected);
        });

    [Fact]
    public void TryParseNumber_InvariantFormattedDecimal_RoundTrips() =>
        Gen.Decimal[-1_000_000_000m, 1_000_000_000m].Select(d => decimal.Round(d, 4)).Sample(d =>
            FieldValueParser.TryParseNumber(d.ToString("#,0.####", CultureInfo.InvariantCulture), out var a) && a == d
            && FieldValueParser.TryParseNumber(d.ToString(CultureInfo.InvariantCulture), out var b) && b == d);

    [Fact]
    public void TryParseCurrency_AmountWithCentsInEitherConvention_ReadsTheSameAmount() =>
        Gen.Long[0, 10_000_000_000].Select(c => c / 100m).Sample(amount =>
        {
            var us = amount.ToString("#,0.00", CultureInfo.InvariantCulture);
            var eu = amount.ToString("#,0.00", CultureInfo.GetCultureInfo("de-DE"));
            return FieldValueParser.TryParseCurrency("$" + us, out var a, out _) && a == amount
                && FieldValueParser.TryParseCurrency(eu + " €", out var b, out _) && b == amount;
        });
}
