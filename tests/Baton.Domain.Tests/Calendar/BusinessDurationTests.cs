namespace Baton.Domain.Calendar.Tests;

public sealed class BusinessDurationTests
{
    [Theory]
    [InlineData("1 business day", 1, DurationUnit.BusinessDays)]
    [InlineData("3 business days", 3, DurationUnit.BusinessDays)]
    [InlineData("48 business hours", 48, DurationUnit.BusinessHours)]
    [InlineData("1 business hour", 1, DurationUnit.BusinessHours)]
    [InlineData("24 hours", 24, DurationUnit.Hours)]
    [InlineData("1 hour", 1, DurationUnit.Hours)]
    [InlineData("  7   Business  Days ", 7, DurationUnit.BusinessDays)]
    public void TryParse_Valid_ReadsAmountAndUnit(string text, int amount, DurationUnit unit)
    {
        Assert.Equal(new BusinessDuration(amount, unit), BusinessDuration.TryParse(text, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("", "is not a duration")]
    [InlineData("business days", "is not a duration")]
    [InlineData("0 business days", "is not a duration")]
    [InlineData("-1 hours", "is not a duration")]
    [InlineData("+3 hours", "is not a duration")]
    [InlineData("1.5 hours", "is not a duration")]
    [InlineData("three business days", "is not a duration")]
    [InlineData("3", "is not a duration")]
    [InlineData("3 business days please", "is not a duration")]
    [InlineData("3 weeks", "has an unknown unit")]
    [InlineData("3 business", "has an unknown unit")]
    [InlineData("2 calendar days", "has an unknown unit")]
    public void TryParse_Invalid_ExplainsWhy(string text, string reason)
    {
        Assert.Null(BusinessDuration.TryParse(text, out var error));
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData(1, DurationUnit.BusinessDays, "1 business day")]
    [InlineData(3, DurationUnit.BusinessDays, "3 business days")]
    [InlineData(48, DurationUnit.BusinessHours, "48 business hours")]
    [InlineData(24, DurationUnit.Hours, "24 hours")]
    public void ToString_RoundTripsThroughTryParse(int amount, DurationUnit unit, string text)
    {
        var duration = new BusinessDuration(amount, unit);
        Assert.Equal(text, duration.ToString());
        Assert.Equal(duration, BusinessDuration.TryParse(text, out _));
    }
}
