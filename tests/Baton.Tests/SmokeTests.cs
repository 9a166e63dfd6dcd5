namespace Baton.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Placeholder_Builds() => Assert.True(true);
}
