namespace Baton.Domain.Tests.Conventions;

public sealed class DomainConventionTests
{
    [Fact]
    public void DomainAssembly_ReferencesOnlySystemAndNodaTime()
    {
        // The one boundary the compiler should hold: no EF, no HTTP, no YAML or CSV in the domain.
        var references = typeof(Baton.Domain.Gate.Gate).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        var foreign = references.Where(n => !(n == "System" || n.StartsWith("System.", StringComparison.Ordinal) || n == "NodaTime" || n == "netstandard")).ToList();

        Assert.Empty(foreign);
        Assert.Contains("NodaTime", references);
    }
}
