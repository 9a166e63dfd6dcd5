namespace Baton.Domain.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void BusinessDuration_TryParse_ReadsDays() =>
        Assert.Equal(new Calendar.BusinessDuration(3, Calendar.DurationUnit.BusinessDays), Calendar.BusinessDuration.TryParse("3 business days", out _));
}
